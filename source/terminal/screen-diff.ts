// A virtual screen between Ink and the terminal. Ink's bytes are played onto a grid of cells (what Ink means the
// screen to show); when a frame ends (Ink's `?2026l`, or the end of a write outside a frame) only the cells that
// differ from what the terminal shows are written, with the shortest cursor moves and SGR changes. Widths come
// from our own layout's `displayWidth`, so the grid and the table agree on every column.
// What it cannot model it passes through unchanged, after bringing the terminal to Ink's idea of the screen, and
// then writes Ink's bytes as they are until an absolute anchor (home and erase, or entering the alternate
// screen) makes the screen known again. Correctness first: every path ends in Ink's own bytes or a full repaint.

import {displayWidth} from '../text/text-width.js';

export interface Style {
	readonly bold: boolean;
	readonly dim: boolean;
	readonly italic: boolean;
	readonly underline: boolean;
	readonly blink: boolean;
	readonly inverse: boolean;
	readonly hidden: boolean;
	readonly strike: boolean;
	/** SGR parameters of the colour ('' is the default). */
	readonly fg: string;
	readonly bg: string;
}

// Styles are interned, so two cells have the same style exactly when they hold the same object.
const interned = new Map<string, Style>();
function intern(style: Style): Style {
	const key = `${style.bold}${style.dim}${style.italic}${style.underline}${style.blink}${style.inverse}${style.hidden}${style.strike}|${style.fg}|${style.bg}`;
	const found = interned.get(key);
	if (found !== undefined) return found;
	const frozen = Object.freeze({...style});
	interned.set(key, frozen);
	return frozen;
}

export const plainStyle: Style = intern({bold: false, dim: false, italic: false, underline: false, blink: false, inverse: false, hidden: false, strike: false, fg: '', bg: ''});

const toggles = [
	['italic', 3, 23],
	['underline', 4, 24],
	['blink', 5, 25],
	['inverse', 7, 27],
	['hidden', 8, 28],
	['strike', 9, 29],
] as const;

/** The style after `params` (digits and `;` only), or undefined for anything this model does not know. */
export function applySgr(style: Style, params: string): Style | undefined {
	const codes = params === '' ? ['0'] : params.split(';');
	let next: {-readonly [Key in keyof Style]: Style[Key]} = {...style};
	for (let index = 0; index < codes.length; index++) {
		const text = codes[index] ?? '';
		const code = text === '' ? 0 : Number(text);
		if (code === 0) next = {...plainStyle};
		else if (code === 1) next.bold = true;
		else if (code === 2) next.dim = true;
		else if (code === 22) {
			next.bold = false;
			next.dim = false;
		} else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) next.fg = String(code);
		else if (code === 39) next.fg = '';
		else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) next.bg = String(code);
		else if (code === 49) next.bg = '';
		else if (code === 38 || code === 48) {
			const length = codes[index + 1] === '5' ? 3 : codes[index + 1] === '2' ? 5 : 0;
			if (length === 0 || index + length > codes.length) return undefined;
			const colour = codes.slice(index, index + length).join(';');
			if (code === 38) next.fg = colour;
			else next.bg = colour;
			index += length - 1;
		} else {
			const toggle = toggles.find(([, on, off]) => on === code || off === code);
			if (toggle === undefined) return undefined;
			next[toggle[0]] = toggle[1] === code;
		}
	}
	return intern(next);
}

function allCodes(style: Style): string[] {
	const codes: string[] = [];
	if (style.bold) codes.push('1');
	if (style.dim) codes.push('2');
	for (const [key, on] of toggles) if (style[key]) codes.push(String(on));
	if (style.fg !== '') codes.push(style.fg);
	if (style.bg !== '') codes.push(style.bg);
	return codes;
}

/** The shortest SGR that takes the terminal from `from` (undefined: not known) to `to`. */
export function sgrChange(from: Style | undefined, to: Style): string {
	if (from === to) return '';
	const reset = to === plainStyle ? '\u001B[m' : `\u001B[0;${allCodes(to).join(';')}m`;
	if (from === undefined) return reset;
	const codes: string[] = [];
	const intensityOff = (from.bold && !to.bold) || (from.dim && !to.dim);
	if (intensityOff) codes.push('22');
	if (to.bold && (intensityOff || !from.bold)) codes.push('1');
	if (to.dim && (intensityOff || !from.dim)) codes.push('2');
	for (const [key, on, off] of toggles) if (from[key] !== to[key]) codes.push(String(to[key] ? on : off));
	if (from.fg !== to.fg) codes.push(to.fg === '' ? '39' : to.fg);
	if (from.bg !== to.bg) codes.push(to.bg === '' ? '49' : to.bg);
	const change = `\u001B[${codes.join(';')}m`;
	return change.length < reset.length ? change : reset;
}

/** One column of the screen; a wide character's second column has width 0 and no text. */
interface Cell {
	readonly text: string;
	readonly width: 0 | 1 | 2;
	readonly style: Style;
}

const blanks = new Map<Style, Cell>();
function blank(style: Style): Cell {
	let cell = blanks.get(style);
	if (cell === undefined) {
		cell = {text: ' ', width: 1, style};
		blanks.set(style, cell);
	}
	return cell;
}

/** What an erase leaves: blank cells in the current background colour only. */
function erased(style: Style): Cell {
	return blank(style.bg === '' ? plainStyle : intern({...plainStyle, bg: style.bg}));
}

const sameCell = (a: Cell, b: Cell) => a === b || (a.text === b.text && a.width === b.width && a.style === b.style);

type Grid = Cell[][];

function blankGrid(columns: number, rows: number, fill: Cell): Grid {
	return Array.from({length: rows}, () => Array.from({length: columns}, () => fill));
}

/**
 * A terminal as Ink means its bytes: cells, cursor, style, cursor visibility. Text past the right edge is
 * clipped, not wrapped: Ink's model of the screen is one row per line, and just after a resize it writes a frame
 * laid out for the old width once; wrapping it would scroll, and the rows Ink then skips as unchanged would keep
 * the wrapped text. What this screen writes to the terminal never reaches past the edge, so nothing wraps there.
 */
class Screen {
	lines: Grid;
	row = 0;
	col = 0;
	/** The last column was written: text that follows on this row is clipped. */
	pending = false;
	style: Style = plainStyle;
	/** Undefined until Ink says. */
	cursorVisible: boolean | undefined;
	/** Rows written since the last diff. */
	dirty: boolean[];

	constructor(
		public columns: number,
		public rows: number,
	) {
		this.lines = blankGrid(columns, rows, blank(plainStyle));
		this.dirty = Array.from({length: rows}, () => false);
	}

	/** The same cells on a terminal of another size: lines cut or padded on the right, rows at the bottom. */
	resize(columns: number, rows: number): void {
		const fill = blank(plainStyle);
		this.lines = Array.from({length: rows}, (_, row) => {
			const line = this.lines[row] ?? [];
			const kept = line.slice(0, columns);
			// A wide character cut in half at the new edge is gone.
			if (kept.at(-1)?.width === 2) kept[kept.length - 1] = fill;
			while (kept.length < columns) kept.push(fill);
			return kept;
		});
		this.columns = columns;
		this.rows = rows;
		this.dirty = Array.from({length: rows}, () => true);
		this.moveTo(this.row, this.col);
	}

	moveTo(row: number, col: number): void {
		this.row = Math.max(0, Math.min(this.rows - 1, row));
		this.col = Math.max(0, Math.min(this.columns - 1, col));
		this.pending = false;
	}

	/** LF as the tty delivers it (ONLCR: also a carriage return), scrolling at the bottom. */
	newLine(): void {
		this.pending = false;
		this.col = 0;
		if (this.row < this.rows - 1) {
			this.row++;
			return;
		}
		this.lines.shift();
		this.lines.push(Array.from({length: this.columns}, () => erased(this.style)));
		this.dirty.fill(true);
	}

	/** Blanks [from, to) of a row, and the other half of any wide character it cuts. */
	private clear(row: number, from: number, to: number, cell: Cell): void {
		const line = this.lines[row];
		if (line === undefined || from >= to) return;
		if (line[from]?.width === 0 && from > 0) line[from - 1] = cell;
		if (line[to - 1]?.width === 2 && to < this.columns) line[to] = cell;
		for (let col = from; col < to; col++) line[col] = cell;
		this.dirty[row] = true;
	}

	print(text: string, width: number): void {
		if (width === 0) {
			// A combining mark or joiner: it joins the character before the cursor.
			const line = this.lines[this.row];
			let col = this.pending ? this.col : this.col - 1;
			while (col > 0 && line?.[col]?.width === 0) col--;
			const cell = line?.[col];
			if (line === undefined || cell === undefined || col < 0) return;
			line[col] = {...cell, text: cell.text + text};
			this.dirty[this.row] = true;
			return;
		}
		if (this.pending || this.col + width > this.columns) return;
		const cell: Cell = text === ' ' ? blank(this.style) : {text, width: width === 2 ? 2 : 1, style: this.style};
		this.clear(this.row, this.col, Math.min(this.columns, this.col + width), blank(plainStyle));
		const line = this.lines[this.row]!;
		line[this.col] = cell;
		if (width === 2 && this.col + 1 < this.columns) line[this.col + 1] = {text: '', width: 0, style: this.style};
		this.col += width;
		if (this.col >= this.columns) {
			this.col = this.columns - 1;
			this.pending = true;
		}
	}

	eraseLine(mode: number): void {
		const cell = erased(this.style);
		if (mode === 0) this.clear(this.row, this.col, this.columns, cell);
		else if (mode === 1) this.clear(this.row, 0, this.col + 1, cell);
		else this.clear(this.row, 0, this.columns, cell);
	}

	eraseDisplay(mode: number): void {
		const cell = erased(this.style);
		const rows = mode === 0 ? [this.row + 1, this.rows] : mode === 1 ? [0, this.row] : [0, this.rows];
		for (let row = rows[0] ?? 0; row < (rows[1] ?? 0); row++) this.clear(row, 0, this.columns, cell);
		if (mode === 0 || mode === 1) this.eraseLine(mode);
	}
}

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
const token = /\u001B\[([0-?]*)([ -/]*)([@-~])|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)|\u001B[^[\]]?|[\x20-\x7e\u00a0-\uffff]+|[\s\S]/gy;

/** Plays one token of `token` on the screen; false when it is nothing the screen models. */
function play(screen: Screen, match: RegExpExecArray): boolean {
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
	else if (sequence.length === 1 && sequence >= ' ' && sequence !== '\u007F' && !(sequence >= '\u0080' && sequence < '\u00A0')) screen.print(sequence, displayWidth(sequence));
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
const neutralModes = /^\?(?:1|12|1000|1002|1003|1004|1005|1006|1015|2004)(?:;(?:1|12|1000|1002|1003|1004|1005|1006|1015|2004))*$/;

/** Cursor position as the terminal has it; col undefined after the last column was written (pending wrap). */
interface Place {
	row: number;
	col: number | undefined;
}

const count = (n: number) => (n === 1 ? '' : String(n));

/** The shortest way from `from` to (row, col): absolute, relative, next/previous line, or a carriage return. */
export function cursorMove(from: Place, row: number, col: number): string {
	const options = [row === 0 && col === 0 ? '\u001B[H' : col === 0 ? `\u001B[${row + 1}H` : `\u001B[${row + 1};${col + 1}H`];
	const across: string[] = [];
	if (from.col === col) across.push('');
	else {
		across.push(col === 0 ? '\r' : `\u001B[${col + 1}G`);
		if (from.col !== undefined) across.push(col > from.col ? `\u001B[${count(col - from.col)}C` : `\u001B[${count(from.col - col)}D`);
	}
	const down = row - from.row;
	if (down === 0) options.push(...across);
	else {
		const vertical = down > 0 ? `\u001B[${count(down)}B` : `\u001B[${count(-down)}A`;
		for (const move of across) options.push(vertical + move);
		options.push((down > 0 ? `\u001B[${count(down)}E` : `\u001B[${count(-down)}F`) + (col === 0 ? '' : `\u001B[${count(col)}C`));
	}
	return options.reduce((best, option) => (option.length < best.length ? option : best));
}

export interface ScreenSize {
	columns: number;
	rows: number;
}

const syncStart = '\u001B[?2026h';
const syncEnd = '\u001B[?2026l';

/**
 * A rewriter for every byte Ink writes: returns what to send to the terminal instead. `size` is read on every
 * write; a change of size makes the next frame a full repaint.
 */
export function createScreenDiff(size: () => ScreenSize | undefined): (text: string) => string {
	/** Ink's screen; undefined while not modelled (Ink's bytes go through as they are). */
	let target: Screen | undefined;
	/** What the terminal shows; undefined when not known (the next diff repaints everything). */
	let shown: Grid | undefined;
	/** The terminal's cursor and style; style undefined when not known. */
	let at: Place = {row: 0, col: 0};
	let style: Style | undefined;
	let cursorVisible: boolean | undefined;
	/** Ink has opened a synchronised frame that has not been written yet. */
	let frameOpen = false;
	/** The terminal has been sent `?2026h` and not yet `?2026l`. */
	let syncSent = false;
	/** Grid-neutral sequences that go out with the frame. */
	let held = '';
	/** While not modelled: the cursor, when an absolute move has made it known. */
	let loose: Place | undefined;
	let lastSize: ScreenSize | undefined;

	const write = (text: string, cell: Cell) => {
		const line = shown?.[at.row];
		if (line === undefined || at.col === undefined) return '';
		const out = sgrChange(style, cell.style) + text;
		style = cell.style;
		line[at.col] = cell;
		if (cell.width === 2 && at.col + 1 < line.length) line[at.col + 1] = {text: '', width: 0, style: cell.style};
		at = {row: at.row, col: at.col + cell.width >= line.length ? undefined : at.col + cell.width};
		return out;
	};

	/** Bytes to write the cells [from, to) of a row as the target has them, from where the cursor is. */
	const cellsText = (line: readonly Cell[], from: number, to: number, startStyle: Style | undefined): {text: string; end: Style | undefined} => {
		let text = '';
		let current = startStyle;
		for (let col = from; col < to; col++) {
			const cell = line[col]!;
			if (cell.width === 0) continue;
			text += sgrChange(current, cell.style) + cell.text;
			current = cell.style;
		}
		return {text, end: current};
	};

	const moveTo = (row: number, col: number): string => {
		if (at.row === row && at.col === col) return '';
		const move = cursorMove(at, row, col);
		at = {row, col};
		return move;
	};

	/** To column `col` of the cursor's row: a cursor move, or writing the unchanged cells between when shorter. */
	const advance = (line: readonly Cell[], row: number, col: number, nextStyle: Style): string => {
		if (at.row === row && at.col !== undefined && at.col < col) {
			const gap = cellsText(line, at.col, col, style);
			const gapCost = Buffer.byteLength(gap.text) + sgrChange(gap.end, nextStyle).length - sgrChange(style, nextStyle).length;
			if (gapCost <= cursorMove(at, row, col).length) {
				let out = '';
				for (let index = at.col; index < col; index++) {
					const cell = line[index]!;
					if (cell.width !== 0) out += write(cell.text, cell);
				}
				return out;
			}
		}
		return moveTo(row, col);
	};

	const diffRow = (screen: Screen, row: number): string => {
		const want = screen.lines[row]!;
		const have = shown![row]!;
		const columns = screen.columns;
		// Runs of changed cells, widened to whole wide characters on either side.
		const runs: [number, number][] = [];
		for (let col = 0; col < columns; col++) {
			if (sameCell(want[col]!, have[col]!)) continue;
			let from = col;
			while (from > 0 && (want[from]!.width === 0 || have[from]!.width === 0)) from--;
			let to = col + 1;
			while (to < columns && !sameCell(want[to]!, have[to]!)) to++;
			if (want[to - 1]!.width === 2 || (to < columns && have[to]!.width === 0)) to = Math.min(columns, to + 1);
			const last = runs.at(-1);
			if (last !== undefined && from <= last[1]) last[1] = to;
			else runs.push([from, to]);
			col = to - 1;
		}
		if (runs.length === 0) return '';
		// Where the wanted line is blank to its end, one erase may replace writing spaces.
		let tail = columns;
		while (tail > 0 && want[tail - 1] === blank(plainStyle)) tail--;
		let eraseFrom: number | undefined;
		const tailRuns = runs.filter(([, to]) => to > tail).map(([from, to]): [number, number] => [Math.max(from, tail), to]);
		if (tailRuns.length > 0) {
			const spaces = tailRuns.reduce((sum, [from, to]) => sum + to - from, 0) + 4 * (tailRuns.length - 1);
			if (spaces > 3) {
				const first = tailRuns[0]![0];
				const kept = runs.filter(([from]) => from < first).map(([from, to]): [number, number] => [from, Math.min(to, first)]);
				runs.length = 0;
				runs.push(...kept);
				// Blank on both sides between the last write and the first change: erase from where the cursor is.
				const lastEnd = kept.at(-1)?.[1];
				eraseFrom = lastEnd !== undefined && lastEnd >= tail ? lastEnd : first;
			}
		}
		let out = '';
		for (const [from, to] of runs) {
			out += advance(want, row, from, want[from]!.style);
			for (let col = from; col < to; col++) {
				const cell = want[col]!;
				if (cell.width !== 0) out += write(cell.text, cell);
			}
		}
		if (eraseFrom !== undefined) {
			out += advance(want, row, eraseFrom, plainStyle);
			if (style === undefined || style.bg !== '') {
				const next = style === undefined ? plainStyle : intern({...style, bg: ''});
				out += sgrChange(style, next);
				style = next;
			}
			out += '\u001B[K';
			for (let col = eraseFrom; col < columns; col++) have[col] = blank(plainStyle);
		}
		return out;
	};

	/** The bytes that make the terminal show the target; with `park`, the cursor and style end as Ink's. */
	const diff = (park: boolean): string => {
		const screen = target;
		if (screen === undefined) return '';
		let out = '';
		if (shown === undefined) {
			out += `\u001B[H${style === plainStyle ? '' : '\u001B[m'}\u001B[J`;
			style = plainStyle;
			at = {row: 0, col: 0};
			shown = blankGrid(screen.columns, screen.rows, blank(plainStyle));
			screen.dirty.fill(true);
		}
		for (let row = 0; row < screen.rows; row++) {
			if (!screen.dirty[row]) continue;
			screen.dirty[row] = false;
			out += diffRow(screen, row);
		}
		if (park || screen.cursorVisible === true) {
			out += moveTo(screen.row, screen.col);
		}
		if (park) {
			out += sgrChange(style, screen.style);
			style = screen.style;
		}
		if (screen.cursorVisible !== undefined && cursorVisible !== screen.cursorVisible) {
			out += screen.cursorVisible ? '\u001B[?25h' : '\u001B[?25l';
			cursorVisible = screen.cursorVisible;
		}
		return out;
	};

	/** Everything Ink has written so far, on the terminal; the frame's `?2026h` too if one is open. */
	const flush = (park: boolean): string => {
		const body = held + diff(park);
		held = '';
		if (body === '') return '';
		if (frameOpen && !syncSent) {
			syncSent = true;
			return syncStart + body;
		}
		return body;
	};

	/** A blank screen with the cursor at `place`: both sides know it from here on. */
	const anchor = (place: Place, fill: Style, sized: ScreenSize) => {
		target = new Screen(sized.columns, sized.rows);
		target.moveTo(place.row, place.col ?? 0);
		target.style = style ?? plainStyle;
		target.cursorVisible = cursorVisible;
		shown = blankGrid(sized.columns, sized.rows, erased(fill));
		target.lines = shown.map((line) => [...line]);
		at = {row: place.row, col: place.col};
		loose = undefined;
		// A frame Ink opened while its bytes went through is closed by Ink's own `?2026l`.
		frameOpen = syncSent;
	};

	/** Stops modelling: the terminal is brought to Ink's screen, cursor and style, then gets Ink's bytes. */
	const letGo = (): string => {
		let out = flush(true);
		if (frameOpen && !syncSent) {
			// Ink's `?2026l` for this frame will go through as it is: open it here.
			out = syncStart + out;
			syncSent = true;
		}
		if (target !== undefined) loose = {row: target.row, col: target.col};
		target = undefined;
		shown = undefined;
		frameOpen = false;
		return out;
	};

	/** Ink's bytes while not modelled: written as they are, watching for what makes the screen known again. */
	const passThrough = (sequence: string, params: string, final: string, sized: ScreenSize | undefined): string => {
		if (sequence === syncStart) syncSent = true;
		else if (sequence === syncEnd) syncSent = false;
		else if (final === 'm' && /^[\d;]*$/.test(params)) {
			// From a style not known, only a reset makes it known again.
			const resets = params === '' || params.split(';')[0] === '0' || params.split(';')[0] === '';
			style = style === undefined && !resets ? undefined : applySgr(style ?? plainStyle, params);
		}
		else if (final === 'H' || final === 'f') {
			const [row = '', col = ''] = params.split(';');
			loose = /^\d*(?:;\d*)?$/.test(params) ? {row: Math.max(1, Number(row) || 1) - 1, col: Math.max(1, Number(col) || 1) - 1} : undefined;
		} else if (sequence === '\u001B[?25l' || sequence === '\u001B[?25h') cursorVisible = sequence === '\u001B[?25h';
		else if (final === 'J' && sized !== undefined && style !== undefined && loose !== undefined) {
			const whole = params === '2' || (params === '' && loose.row === 0 && loose.col === 0);
			if (whole) {
				anchor(loose, style, sized);
				return sequence;
			}
		} else if (sequence !== '\u001B[?2026h') loose = undefined;
		return sequence;
	};

	return (text) => {
		const sized = size();
		const usable = sized !== undefined && sized.columns > 0 && sized.rows > 0 ? sized : undefined;
		let out = '';
		if (target !== undefined && usable === undefined) out += letGo();
		else if (target !== undefined && usable !== undefined && (usable.columns !== target.columns || usable.rows !== target.rows)) {
			target.resize(usable.columns, usable.rows);
			shown = undefined;
		}
		if (usable !== undefined && lastSize !== undefined && (usable.columns !== lastSize.columns || usable.rows !== lastSize.rows)) loose = undefined;
		lastSize = usable;
		token.lastIndex = 0;
		for (let match = token.exec(text); match !== null; match = token.exec(text)) {
			const sequence = match[0];
			const [, params = '', intermediates = '', final = ''] = match;
			if (sequence === '\u001B[?1049h') {
				// The alternate screen, passed through; then home and erase make it known (and blank).
				out += letGo() + sequence;
				if (usable !== undefined) {
					out += `\u001B[H${style === plainStyle ? '' : '\u001B[m'}\u001B[J`;
					style = plainStyle;
					anchor({row: 0, col: 0}, plainStyle, usable);
				}
				continue;
			}
			const screen = target;
			if (screen === undefined) {
				out += passThrough(sequence, final === '' ? '' : params, intermediates === '' ? final : '', usable);
				continue;
			}
			if (sequence === syncStart) {
				frameOpen = true;
				continue;
			}
			if (sequence === syncEnd) {
				const body = flush(false);
				if (syncSent) out += `${body}${syncEnd}`;
				else if (body !== '') out += `${syncStart}${body}${syncEnd}`;
				syncSent = false;
				frameOpen = false;
				continue;
			}
			if (play(screen, match)) continue;
			const neutral =
				sequence.startsWith('\u001B]') ||
				sequence === '\u0007' ||
				(final !== '' && ((/[hl]/.test(final) && neutralModes.test(params)) || (final === 'u' && /^[?<>=]/.test(params)) || (final === 'q' && intermediates === ' ')));
			if (neutral) {
				held += sequence;
				continue;
			}
			// Not modelled (leaving the alternate screen, tabs, scroll regions, saved cursors …): Ink's bytes from here.
			out += letGo() + passThrough(sequence, params, final, usable);
		}
		if (target !== undefined && !frameOpen) out += flush(false);
		return out;
	};
}
