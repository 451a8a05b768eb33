import type {Role} from './theme.js';
import {fitColumns, padToWidth, truncateToWidth} from '../text/text-width.js';

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
	cell: (row: Row, width: number) => Cell;
}

export interface Layout<Row> {
	shown: {column: Column<Row>; width: number}[];
}

export const gap = 1;
export const gutter = 2;
/** Room after the last column for the changed-row mark (at the end, so marking a row rewrites little of it). */
export const trailer = 2;

/** Hide columns, most expendable first, until the rest fit. */
export function columnsThatFit<Row>(columns: readonly Column<Row>[], available: number): Column<Row>[] {
	const kept = [...columns];
	// Fixed columns need their ideal width (ids and AMIs are useless cut); free-text columns need their minimum.
	const needed = () => kept.reduce((sum, column) => sum + ((column.flex ?? 0) > 0 ? column.min : column.ideal), 0) + gap * Math.max(0, kept.length - 1);
	while (needed() > available) {
		let victim = -1;
		for (const [index, column] of kept.entries()) {
			const order = column.hideOrder;
			if (order !== undefined && (victim < 0 || order > (kept[victim]?.hideOrder ?? 0))) victim = index;
		}
		if (victim < 0) break;
		kept.splice(victim, 1);
	}
	return kept;
}

export function layoutColumns<Row>(columns: readonly Column<Row>[], width: number): Layout<Row> {
	const available = Math.max(0, width - gutter - trailer);
	const kept = columnsThatFit(columns, available);
	const widths = fitColumns(
		kept.map((column) => ({min: column.min, ideal: column.ideal, flex: column.flex})),
		available,
		gap,
	);
	return {shown: kept.map((column, index) => ({column, width: widths[index] ?? 0}))};
}

export const fit = (text: string, width: number, align: 'left' | 'right' = 'left') => padToWidth(truncateToWidth(text, width), width, align);

