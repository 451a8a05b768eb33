import type {SpanState, TaskSpan} from '../model/task-span.js';
import type {Cell} from './column-layout.js';
import {type Axis, columnOf, type Tick} from './timeline-axis.js';
import {glyph, type Role, type Theme} from './theme.js';

// One task's bar on the timeline, as cells of the axis: from the column it was first seen in to the column it ended
// in (or now's). The last cell says how it ends, by glyph and colour; the cells before it are filled as far as its
// progress got (a completed bar is full, a failed one shows where it stopped) on a dim track. Pure.

export interface BarCells {
	/** The first and last column of the bar (the last holds the end glyph). */
	from: number;
	to: number;
	/** Cells filled from `from`, before the end glyph: progress of the cells between. */
	filled: number;
}

export function barCells(span: TaskSpan, axis: Axis, now: number): BarCells {
	const from = columnOf(axis, span.start);
	const to = Math.max(from, columnOf(axis, span.end ?? now));
	const body = to - from;
	const progress = Math.min(100, Math.max(0, span.progress ?? 0));
	// Multiply before dividing: 29 % of 100 cells is 29, not 28.999999999999996.
	return {from, to, filled: Math.floor((progress * body) / 100)};
}

const endGlyphs: Record<SpanState, string> = {active: '▶', completed: '✔', failed: '✖', cancelled: '⊘'};
const fillGlyph = '█';
const trackGlyph = '░';
/** Marks a tick's column where no bar is, so a start far from the axis can still be read against it. */
const gridGlyph = '┊';

export function spanRole(state: SpanState): Role {
	switch (state) {
		case 'active':
			return 'status.active';
		case 'completed':
			return 'status.completed';
		case 'failed':
			return 'status.deleted';
		case 'cancelled':
			return 'status.deleting';
		default: {
			const unreachable: never = state;
			return unreachable;
		}
	}
}

/** The end glyph of a state, as this terminal draws it (the legend says the same). */
export function spanGlyph(theme: Theme, state: SpanState): string {
	return glyph(theme, endGlyphs[state]);
}

function blank(from: number, to: number, grid: ReadonlySet<number>, theme: Theme): Cell | undefined {
	if (to <= from) return undefined;
	let text = '';
	for (let column = from; column < to; column++) text += grid.has(column) ? glyph(theme, gridGlyph) : ' ';
	return {text, role: 'muted'};
}

/**
 * The row's cells, exactly `axis.columns` wide: blank (with the tick grid) before the bar, the filled part, the
 * track, the end glyph, blank after. Without a span (no history yet) the row is the grid alone.
 */
export function barLine(span: TaskSpan | undefined, axis: Axis, now: number, ticks: readonly Tick[], theme: Theme): Cell[] {
	const grid = new Set(ticks.map((tick) => tick.column));
	if (span === undefined) return [blank(0, axis.columns, grid, theme)].filter((cell) => cell !== undefined);
	const {from, to, filled} = barCells(span, axis, now);
	const role = spanRole(span.state);
	const cells: (Cell | undefined)[] = [
		blank(0, from, grid, theme),
		filled === 0 ? undefined : {text: glyph(theme, fillGlyph).repeat(filled), role},
		to - from - filled === 0 ? undefined : {text: glyph(theme, trackGlyph).repeat(to - from - filled), role: 'muted'},
		{text: spanGlyph(theme, span.state), role},
		blank(to + 1, axis.columns, grid, theme),
	];
	return cells.filter((cell) => cell !== undefined);
}
