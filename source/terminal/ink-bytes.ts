import {displayWidth} from '../text/text-width.js';
import {Screen, type ScreenSize} from './cell-grid.js';
import {allCodes, applySgr, plainStyle} from './sgr-style.js';

// Ink's bytes, tokenised and played onto the cell grid. Widths come from our own layout's `displayWidth`, so the
// grid and the table agree on every column.

const graphemes = new Intl.Segmenter('en', {granularity: 'grapheme'});
const asciiRun = /^[\x20-\x7e]*$/;

/** A CSI Ink writes that moves the cursor, erases or sets the style; true if it was one. */
function playCsi(screen: Screen, params: string, final: string): boolean {
	if (final === 'm') {
		const next = /^[\d;]*$/.test(params) ? applySgr(screen.style, params) : undefined;
		if (next === undefined) return false;
		screen.style = next;
		return true;
	}
	if (!/^\d*(?:;\d*)?$/.test(params)) return false;
	const [first = '', second = ''] = params.split(';');
	const n = Math.max(1, Number(first) || 1);
	const cursorRow = screen.row;
	const cursorCol = screen.col;
	switch (final) {
		case 'A':
			screen.moveTo(cursorRow - n, cursorCol);
			return true;
		case 'B':
			screen.moveTo(cursorRow + n, cursorCol);
			return true;
		case 'C':
			screen.moveTo(cursorRow, cursorCol + n);
			return true;
		case 'D':
			screen.moveTo(cursorRow, cursorCol - n);
			return true;
		case 'E':
			screen.moveTo(cursorRow + n, 0);
			return true;
		case 'F':
			screen.moveTo(cursorRow - n, 0);
			return true;
		case 'G':
		case '`':
			screen.moveTo(cursorRow, n - 1);
			return true;
		case 'd':
			screen.moveTo(n - 1, cursorCol);
			return true;
		case 'H':
		case 'f':
			screen.moveTo(n - 1, Math.max(1, Number(second) || 1) - 1);
			return true;
		case 'K':
		case 'J': {
			const mode = Number(first || '0');
			if (mode > 2 || second !== '') return mode === 3 && final === 'J'; // ED 3 erases scrollback only
			if (final === 'K') screen.eraseLine(mode);
			else screen.eraseDisplay(mode);
			screen.pending = false;
			return true;
		}
		default:
			return false;
	}
}

/** Ink's output in tokens: CSI, OSC, other ESC, a printable run, one control character. */
export const token = /\u001B\[([0-?]*)([ -/]*)([@-~])|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)|\u001B[^[\]]?|[\x20-\x7e\u00a0-\uffff]+|[\s\S]/gy;

/** Plays one token of `token` on the screen; false when it is nothing the screen models. */
export function play(screen: Screen, match: RegExpExecArray): boolean {
	const sequence = match[0];
	const [, params = '', intermediates = '', final = ''] = match;
	if (sequence[0] !== '\u001B' && sequence.length > 1) {
		// Printable text: one cell per grapheme cluster, as wide as our layout says.
		if (asciiRun.test(sequence)) for (const char of sequence) screen.print(char, 1);
		else for (const {segment} of graphemes.segment(sequence)) screen.print(segment, displayWidth(segment));
		return true;
	}
	if (sequence === '\r') screen.moveTo(screen.row, 0);
	else if (sequence === '\n') screen.newLine();
	else if (sequence.length === 1 && sequence >= ' ' && sequence !== '\u007F' && !(sequence >= '\u0080' && sequence < '\u00A0'))
		screen.print(sequence, displayWidth(sequence));
	else if (sequence === '\u001B[?25l' || sequence === '\u001B[?25h') screen.cursorVisible = sequence === '\u001B[?25h';
	else return final !== '' && intermediates === '' && playCsi(screen, params, final);
	return true;
}

/**
 * What a terminal of `size` shows after `text`, starting blank with the cursor at home: one string per row,
 * with an SGR (all of the style) wherever the style changes. Anything the model does not know is skipped;
 * for tests that compare two byte streams by what they draw.
 */
export function playScreen(text: string, size: ScreenSize): string[] {
	const screen = new Screen(size.columns, size.rows);
	token.lastIndex = 0;
	for (let match = token.exec(text); match !== null; match = token.exec(text)) play(screen, match);
	return screen.lines.map((line) => {
		let current = plainStyle;
		let text = '';
		for (const cell of line) {
			if (cell.style !== current) text += `\u001B[0;${allCodes(cell.style).join(';')}m`;
			current = cell.style;
			text += cell.text;
		}
		return text.trimEnd();
	});
}

/** Private modes that change nothing on the grid (mouse, focus, bracketed paste, cursor keys and blink). */
export const neutralModes = /^\?(?:1|12|1000|1002|1003|1004|1005|1006|1015|2004)(?:;(?:1|12|1000|1002|1003|1004|1005|1006|1015|2004))*$/;
