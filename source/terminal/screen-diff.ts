// A virtual screen between Ink and the terminal. Ink's bytes are played onto a grid of cells (what Ink means the
// screen to show); when a frame ends (Ink's `?2026l`, or the end of a write outside a frame) only the cells that
// differ from what the terminal shows are written, with the shortest cursor moves and SGR changes. Each write starts
// with an absolute cursor position (CUP), so it lands where it belongs whatever moved the cursor in between (a
// `wall` message, a background job); `repaint()` redraws the whole screen (Ctrl-L, SIGCONT, SIGWINCH).
// What it cannot model it passes through unchanged, after bringing the terminal to Ink's idea of the screen, and
// then writes Ink's bytes as they are until an absolute anchor (home and erase, or entering the alternate
// screen) makes the screen known again. Correctness first: every path ends in Ink's own bytes or a full repaint.
//
// The jobs are apart: SGR styles (sgr-style.ts), the cell grid (cell-grid.ts), Ink's bytes (ink-bytes.ts) and
// cursor moves (cursor-move.ts); this file only keeps the terminal's screen in step with Ink's.

import {blank, blankGrid, type Cell, erased, type Grid, sameCell, Screen, type ScreenSize} from './cell-grid.js';
import {cursorMove, type Place} from './cursor-move.js';
import {neutralModes, play, token} from './ink-bytes.js';
import {applySgr, intern, plainStyle, sgrChange, type Style} from './sgr-style.js';

const syncStart = '\u001B[?2026h';
const syncEnd = '\u001B[?2026l';

/** A rewriter for every byte Ink writes, and the bytes of a full repaint of what Ink means the screen to show. */
export interface ScreenDiff {
	(text: string): string;
	/** Clear and the whole frame, synchronised; '' while the screen is not modelled (Ink's own bytes go through). */
	repaint(): string;
}

/**
 * A rewriter for every byte Ink writes: returns what to send to the terminal instead. `size` is read on every
 * write; a change of size makes the next frame a full repaint.
 */
export function createScreenDiff(size: () => ScreenSize | undefined): ScreenDiff {
	/** Ink's screen; undefined while not modelled (Ink's bytes go through as they are). */
	let target: Screen | undefined;
	/** What the terminal shows; undefined when not known (the next diff repaints everything). */
	let shown: Grid | undefined;
	/** The terminal's cursor and style; style undefined when not known. */
	let at: Place = {row: 0, col: 0};
	/** Nothing has moved the cursor in this write yet: the next move is absolute, whatever `at` says. */
	let fresh = true;
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
		if (!fresh && at.row === row && at.col === col) return '';
		const move = cursorMove(fresh ? undefined : at, row, col);
		fresh = false;
		at = {row, col};
		return move;
	};

	/** To column `col` of the cursor's row: a cursor move, or writing the unchanged cells between when shorter. */
	const advance = (line: readonly Cell[], row: number, col: number, nextStyle: Style): string => {
		if (!fresh && at.row === row && at.col !== undefined && at.col < col) {
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
			fresh = false;
			shown = blankGrid(screen.columns, screen.rows, blank(plainStyle));
			screen.dirty.fill(true);
		}
		for (let row = 0; row < screen.rows; row++) {
			if (!screen.dirty[row]) continue;
			screen.dirty[row] = false;
			out += diffRow(screen, row);
		}
		// Nothing written and the cursor where Ink has it: no move either.
		if ((park || screen.cursorVisible === true) && !(out === '' && at.row === screen.row && at.col === screen.col)) {
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
		fresh = false;
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
		} else if (final === 'H' || final === 'f') {
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

	const repaint = (): string => {
		const screen = target;
		if (screen === undefined) return '';
		shown = undefined;
		// Mid-frame, the frame's own end repaints everything.
		if (frameOpen) return '';
		const sized = size();
		if (sized !== undefined && sized.columns > 0 && sized.rows > 0 && (sized.columns !== screen.columns || sized.rows !== screen.rows))
			screen.resize(sized.columns, sized.rows);
		// The terminal's style and cursor visibility are not trusted either: both are sent again.
		style = undefined;
		cursorVisible = undefined;
		fresh = true;
		return `${syncStart}${diff(false)}${syncEnd}`;
	};

	const rewrite = (text: string): string => {
		fresh = true;
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
				(final !== '' &&
					((/[hl]/.test(final) && neutralModes.test(params)) || (final === 'u' && /^[?<>=]/.test(params)) || (final === 'q' && intermediates === ' ')));
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
	return Object.assign(rewrite, {repaint});
}
