import xterm from '@xterm/headless';
import {terminalWidth} from './terminal-width.js';

// A terminal emulator (xterm.js, headless) for screen-fidelity tests: bytes in, the screen as the user would see
// it out (every cell's text and style). Its character widths are a terminal's, not the app's: East Asian wide and
// emoji-presentation characters take 2 columns, combining marks 0, and the Hangul fillers U+115F and U+3164 take
// 2 columns and U+FFA0 one, as glibc's wcwidth has them — where the app's width function (string-width) says 0.

// xterm.js's character properties: width in bits 1–2, "joins the preceding character" in bit 0 (as its own
// Unicode providers compute them).
const terminalUnicode = {
	version: 'terminal',
	wcwidth: terminalWidth,
	charProperties(code: number, preceding: number): number {
		let width: number = terminalWidth(code);
		let joins = width === 0 && preceding !== 0;
		if (joins) {
			const before = (preceding >> 1) & 3;
			if (before === 0) joins = false;
			else if (before > width) width = before;
		}
		return ((width & 3) << 1) | (joins ? 1 : 0);
	},
};

export interface Emulator {
	/** Feeds bytes; resolves once the emulator has processed them (and everything before). */
	write(data: string): Promise<void>;
	resize(columns: number, rows: number): void;
	/** Each row: its cells' text, with `{style}` wherever the style changes; wide characters count once. */
	screen(): string[];
	/** Which buffer is shown. */
	buffer(): 'normal' | 'alternate';
	dispose(): void;
}

export function createEmulator(columns: number, rows: number): Emulator {
	// convertEol: a LF also returns the carriage, as the tty does on its way to the terminal (ONLCR).
	const terminal = new xterm.Terminal({cols: columns, rows, allowProposedApi: true, scrollback: 0, convertEol: true});
	terminal.unicode.register(terminalUnicode);
	terminal.unicode.activeVersion = 'terminal';
	let pending = Promise.resolve();
	return {
		write(data) {
			pending = pending.then(() => new Promise<void>((resolve) => terminal.write(data, resolve)));
			return pending;
		},
		resize: (cols, height) => terminal.resize(cols, height),
		screen() {
			const buffer = terminal.buffer.active;
			const cell = buffer.getNullCell();
			const lines: string[] = [];
			for (let y = 0; y < terminal.rows; y++) {
				const line = buffer.getLine(y);
				let text = '';
				let style = '';
				for (let x = 0; x < terminal.cols; x++) {
					line?.getCell(x, cell);
					if (line === undefined || cell.getWidth() === 0) continue;
					const next = [
						cell.getFgColorMode(),
						cell.getFgColor(),
						cell.getBgColorMode(),
						cell.getBgColor(),
						cell.isBold(),
						cell.isDim(),
						cell.isItalic(),
						cell.isUnderline(),
						cell.isInverse(),
						cell.isStrikethrough(),
					].join(',');
					if (next !== style) text += `{${next}}`;
					style = next;
					text += cell.getChars() === '' ? ' ' : cell.getChars();
				}
				lines.push(text);
			}
			return lines;
		},
		buffer: () => terminal.buffer.active.type,
		dispose: () => terminal.dispose(),
	};
}
