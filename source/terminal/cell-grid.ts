import {intern, plainStyle, type Style} from './sgr-style.js';

// The cell grid: a terminal as Ink means its bytes (cells, cursor, style, cursor visibility).

/** One column of the screen; a wide character's second column has width 0 and no text. */
export interface Cell {
	readonly text: string;
	readonly width: 0 | 1 | 2;
	readonly style: Style;
}

const blanks = new Map<Style, Cell>();
export function blank(style: Style): Cell {
	let cell = blanks.get(style);
	if (cell === undefined) {
		cell = {text: ' ', width: 1, style};
		blanks.set(style, cell);
	}
	return cell;
}

/** What an erase leaves: blank cells in the current background colour only. */
export function erased(style: Style): Cell {
	return blank(style.bg === '' ? plainStyle : intern({...plainStyle, bg: style.bg}));
}

export const sameCell = (a: Cell, b: Cell) => a === b || (a.text === b.text && a.width === b.width && a.style === b.style);

export type Grid = Cell[][];

export function blankGrid(columns: number, rows: number, fill: Cell): Grid {
	return Array.from({length: rows}, () => Array.from({length: columns}, () => fill));
}

/**
 * A terminal as Ink means its bytes: cells, cursor, style, cursor visibility. Text past the right edge is
 * clipped, not wrapped: Ink's model of the screen is one row per line, and just after a resize it writes a frame
 * laid out for the old width once; wrapping it would scroll, and the rows Ink then skips as unchanged would keep
 * the wrapped text. What this screen writes to the terminal never reaches past the edge, so nothing wraps there.
 */
export class Screen {
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

export interface ScreenSize {
	columns: number;
	rows: number;
}
