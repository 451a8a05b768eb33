import {type Column, fit, gap, gutter, layoutColumns} from './column-layout.js';

/** A table as plain lines: no colour, no cursor movement (for --once and when stdout is not a terminal). */
export function plainTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[], width: number): string[] {
	const layout = layoutColumns(columns, width, rows);
	const line = (cells: string[]) => (' '.repeat(gutter) + cells.join(' '.repeat(gap))).trimEnd();
	return [
		line(layout.shown.map(({column, width: w}) => fit(column.header, w, column.align))),
		...rows.map((row) => line(layout.shown.map(({column, width: w}) => fit(column.cell(row, w).text, w, column.align)))),
	];
}
