import type {Role} from './theme.js';
import {displayWidth, fitColumns, padToWidth, truncateToWidth} from '../text/text-width.js';

// Column widths for our tables, shared by the TUI's table and the plain-text table (--once, no TTY).

export interface Cell {
	text: string;
	role?: Role;
}

export interface Column<Row> {
	id: string;
	header: string;
	/** Narrowest useful width. */
	min: number;
	/** Width it gets when there is room. */
	ideal: number;
	/** Share of the leftover width, for columns of free text. */
	flex?: number;
	align?: 'left' | 'right';
	/** Columns with a higher number are hidden first when the terminal is too narrow; unset never hides. */
	hideOrder?: number;
	/**
	 * Fitted to the rows shown (their longest cell, the header's width at least): a column wider than its text
	 * there (the AMI while nothing has completed, a short description) gives the rest to the fitContent columns
	 * that were cut (messages, descriptions), instead of leaving it blank.
	 */
	fitContent?: boolean;
	/** With fitContent: the most this column asks for. */
	max?: number;
	/**
	 * Worth cutting the free-text columns to their minimum for (the VM's name, a finished import's AMI): hidden
	 * only when it does not fit even then, never to give the message its whole text or the bar its width.
	 */
	outranksText?: boolean;
	/**
	 * Cell texts that say nothing (default: only the empty one). A column saying nothing in every row shown is
	 * hidden when it can be (hideOrder), else narrowed to its header and not grown (no progress anywhere: `—`).
	 */
	blankWhen?: readonly string[];
	cell: (row: Row, width: number) => Cell;
}

export interface Layout<Row> {
	shown: {column: Column<Row>; width: number}[];
}

export const gap = 1;
export const gutter = 2;
/** Room after the last column for the changed-row mark (at the end, so marking a row rewrites little of it). */
export const trailer = 2;

/**
 * Hide columns, most expendable first, until the rest fit. Fixed columns need their ideal width (ids and AMIs are
 * useless cut); free-text columns their minimum, or with `rows` a fitContent one its text up to its ideal (so a
 * cut message is not squeezed further to make room for the next column) — except to keep a column that
 * outranks that text (`outranksText`), which stays when the free-text columns at their minimum leave it room.
 */
export function columnsThatFit<Row>(columns: readonly Column<Row>[], available: number, rows?: readonly Row[]): Column<Row>[] {
	const kept = [...columns];
	const least = (column: Column<Row>) => ((column.flex ?? 0) <= 0 ? column.ideal : column.min);
	const need = (column: Column<Row>) => {
		if (rows === undefined || (column.flex ?? 0) <= 0 || column.fitContent !== true) return least(column);
		return Math.max(column.min, Math.min(column.ideal, contentWidth(column, column.ideal, rows, false)));
	};
	const sum = (width: (column: Column<Row>) => number) => kept.reduce((total, column) => total + width(column), 0) + gap * Math.max(0, kept.length - 1);
	while (sum(need) > available) {
		let victim = -1;
		for (const [index, column] of kept.entries()) {
			const order = column.hideOrder;
			if (order !== undefined && (victim < 0 || order > (kept[victim]?.hideOrder ?? 0))) victim = index;
		}
		if (victim < 0) break;
		if (kept[victim]?.outranksText === true && sum(least) <= available) break;
		kept.splice(victim, 1);
	}
	return kept;
}

/** The width a fitContent column's text needs in these rows (its header's at least unless `header` is false, `max` at most). */
function contentWidth<Row>(column: Column<Row>, width: number, rows: readonly Row[], header = true): number {
	let content = header ? displayWidth(column.header) : 0;
	for (const row of rows) content = Math.max(content, displayWidth(column.cell(row, width).text));
	return Math.min(content, column.max ?? Number.POSITIVE_INFINITY);
}

/**
 * Room a fitContent column does not need in these rows (an empty AMI column, a short description) goes to the
 * fitContent columns that were cut, the one that needs least first, until they fit or the room is used up.
 */
function shareSpareRoom<Row>(shown: {column: Column<Row>; width: number}[], rows: readonly Row[], leftover: number): void {
	const needs = shown.map(({column, width}) => (column.fitContent === true ? contentWidth(column, width, rows) - width : 0));
	let spare = Math.max(0, leftover);
	for (const [index, need] of needs.entries()) {
		const entry = shown[index];
		if (need >= 0 || entry === undefined) continue;
		entry.width += need;
		spare -= need;
	}
	// The column that needs least first, so that it is whole; then the next.
	const open = needs.flatMap((need, index) => (need > 0 ? [{need, index}] : [])).sort((a, b) => a.need - b.need);
	for (const {need, index} of open) {
		const entry = shown[index];
		if (entry === undefined || spare === 0) break;
		const share = Math.min(need, spare);
		entry.width += share;
		spare -= share;
	}
}

/** Whether a column says nothing in every row shown (then it gives its room away). */
function blankIn<Row>(column: Column<Row>, rows: readonly Row[]): boolean {
	const blank = column.blankWhen ?? [''];
	return rows.length > 0 && rows.every((row) => blank.includes(column.cell(row, column.ideal).text.trim()));
}

/** The columns for these rows: those saying nothing hidden, or narrowed to their header when they cannot hide. */
function withoutBlankColumns<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): Column<Row>[] {
	return columns.flatMap((column) => {
		if (!blankIn(column, rows)) return [column];
		if (column.hideOrder !== undefined) return [];
		const narrow = Math.min(column.ideal, Math.max(1, displayWidth(column.header)));
		return [{...column, min: Math.min(column.min, narrow), ideal: narrow, flex: 0}];
	});
}

/**
 * `rows`: the rows that will be drawn, for the columns sized by their content (none: every column as declared).
 * With rows, spare room goes first to the fitContent columns that were cut (up to their content), and only then to
 * the other flex columns (the progress bar); a hideable column blank in every row is hidden.
 */
export function layoutColumns<Row>(columns: readonly Column<Row>[], width: number, rows?: readonly Row[]): Layout<Row> {
	if (!Number.isFinite(width) && rows !== undefined) return naturalLayout(columns, rows);
	const available = Math.max(0, width - gutter - trailer);
	const kept = columnsThatFit(rows === undefined ? columns : withoutBlankColumns(columns, rows), available, rows);
	// With rows, the other flex columns (the progress bar) start at their minimum: they grow only with what the
	// cut text leaves.
	const last = (column: Column<Row>) => rows !== undefined && (column.flex ?? 0) > 0 && column.fitContent !== true;
	const specs = kept.map((column) => ({min: column.min, ideal: last(column) ? column.min : column.ideal, flex: column.flex}));
	const ideals = specs.reduce((sum, spec) => sum + spec.ideal, 0) + gap * Math.max(0, kept.length - 1);
	// With rows and room to spare, nobody grows yet: the cut fitContent columns are served first.
	const grow = rows === undefined || ideals > available;
	const widths = fitColumns(grow ? specs : specs.map((spec) => ({...spec, flex: 0})), available, gap);
	const shown = kept.map((column, index) => ({column, width: widths[index] ?? 0}));
	if (rows === undefined) return {shown};
	shareSpareRoom(shown, rows, available - shown.reduce((sum, {width: used}) => sum + used, 0) - gap * Math.max(0, kept.length - 1));
	// What the cut columns do not need goes to the other flex columns (the progress bar).
	const grown = fitColumns(
		shown.map(({column, width: used}) => ({min: used, ideal: used, flex: column.fitContent === true ? 0 : column.flex})),
		available,
		gap,
	);
	for (const [index, entry] of shown.entries()) entry.width = grown[index] ?? entry.width;
	return {shown};
}

/**
 * No width to keep to (output into a file or a pipe): every column as wide as its widest cell, its header at
 * least, free text to its end (no `max`), so that nothing is cut.
 */
function naturalLayout<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): Layout<Row> {
	return {
		shown: withoutBlankColumns(columns, rows).map((column) => ({
			column,
			width: Math.max(column.ideal, contentWidth({...column, max: undefined}, column.ideal, rows)),
		})),
	};
}

export const fit = (text: string, width: number, align: 'left' | 'right' = 'left') => padToWidth(truncateToWidth(text, width), width, align);
