import {useInput, usePaste} from 'ink';
import type {KeyEvent} from '../ui/keymap.js';

// Input decoding: Ink's chunks of input, split into one key event per key; pasted text apart. usePaste turns the
// terminal's bracketed paste on (ESC[?2004h; off again when the app ends, and around Ctrl-Z: shell/tui-signals.ts),
// so a paste arrives whole, between ESC[200~ and ESC[201~, and never as keys.

/** Calls `handleKey` once per key of every chunk Ink reads, and `handlePaste` with each pasted text. */
export function useKeys(handleKey: (input: string, key: KeyEvent) => void, handlePaste: (text: string) => void): void {
	usePaste(handlePaste);
	useInput((input, key) => {
		// Two ESC in one read (Esc pressed twice quickly, over SSH) come as one Alt+Esc: two Escapes.
		if (key.escape && key.meta && input === '\u001B') {
			handleKey('', key);
			handleKey('', key);
			return;
		}
		// ESC and a key in one chunk reads as Alt+key; no binding uses Alt, so it is Esc, then the key.
		if (key.meta && !key.escape && input.length > 0 && !key.upArrow && !key.downArrow && !key.leftArrow && !key.rightArrow) {
			handleKey('', {...key, escape: true});
			for (const char of input) {
				const single = splitKey(char, key);
				if (single !== undefined) handleKey(char, single);
			}
			return;
		}
		// Keys typed faster than Ink splits them (tmux send-keys, a paste) arrive as one string: one key at a time.
		if (input.length > 1 && !key.ctrl && !key.meta && !input.includes('\u001B')) {
			for (const char of input) {
				const single = splitKey(char, key);
				if (single !== undefined) handleKey(char, single);
			}
			return;
		}
		handleKey(input, key);
	});
}

/** The key event for one character of a chunk: Enter, Tab and Backspace by their bytes, printable text as is. */
export function splitKey(char: string, chunk: KeyEvent): KeyEvent | undefined {
	const plain = {...chunk, return: false, tab: false, backspace: false, delete: false};
	if (char === '\r' || char === '\n') return {...plain, return: true};
	if (char === '\t') return {...plain, tab: true};
	if (char === '\u007F' || char === '\b') return {...plain, backspace: true};
	if (/[\u0000-\u001F]/.test(char)) return undefined;
	return {...plain, shift: char !== char.toLowerCase()};
}
