import {Text} from 'ink';
import {memo, type ReactNode, useMemo} from 'react';
import {type Cell, type Column, fit, gap, gutter, type Layout, layoutColumns} from '../column-layout.js';
import {displayWidth} from '../../text/text-width.js';
import {colorOf, glyph, type Role, type Theme, useTheme} from '../theme.js';

export type {Cell, Column, Layout};
export {layoutColumns};

// Our own table: ink-table cannot be loaded by Ink ≥ 4, and its fork breaks on long and wide cells.
// Each row is one <Text> line; every cell is cut by display width (with an ellipsis) and padded to its
// column, so CJK, emoji and 10 KB strings never break the alignment. Only the rows handed in are drawn:
// the caller passes the window that fits the terminal.

export function TableHeader<Row>({layout}: {layout: Layout<Row>}): ReactNode {
	return (
		<Text bold wrap="truncate">
			{' '.repeat(gutter)}
			{layout.shown.map(({column, width}) => fit(column.header, width, column.align)).join(' '.repeat(gap))}
		</Text>
	);
}

/**
 * The changed-row mark goes after the row's last text (blank cells at the end are left out), so it sits next to
 * its row at every width, and after the row rather than in front of it: a mark in front would move every cell
 * of the row on every poll that marks or unmarks it.
 */
function markGlyph(theme: Theme): string {
	return glyph(theme, '●');
}

export interface TableRowProps<Row> {
	layout: Layout<Row>;
	row: Row;
	selected?: boolean;
	marked?: boolean;
	dim?: boolean;
}

function TableRowCells<Row>({layout, row, selected = false, marked = false, dim}: TableRowProps<Row>): ReactNode {
	// The cells are worked out here and the line drawn by a memoised component, so a poll that changes nothing
	// in a row does not make React rebuild it (each render, Ink lays out and draws what React hands it).
	const cells = layout.shown.map(({column, width}) => {
		const cell = column.cell(row, width);
		const placeholder = cell.text !== '' && (column.blankWhen ?? []).includes(cell.text.trim());
		return {text: fit(cell.text, width, column.align), role: cell.role, placeholder};
	});
	return <RowLine cells={trimmedEnd(cells)} selected={selected} marked={marked} dim={dim === true} fill={selected ? tableWidth(layout) : 0} />;
}

/**
 * A row is worked out again only when its layout, its task or its marks change: a key that moves the selection
 * redraws the two rows it moves between (with 10,000 tasks, fitting every cell of every row was most of a key).
 */
export const TableRow = memo(TableRowCells) as typeof TableRowCells;

function tableWidth<Row>(layout: Layout<Row>): number {
	return layout.shown.reduce((sum, {width}) => sum + width, 0) + gap * Math.max(0, layout.shown.length - 1);
}

/**
 * The cells up to the last one with text, that one without its padding — unless it only holds a placeholder
 * (an ETA or progress of —): then the change mark would read as part of it, so it keeps its column's width.
 */
function trimmedEnd(cells: RowLineProps['cells']): RowLineProps['cells'] {
	const last = cells.findLastIndex((cell) => cell.text.trim() !== '');
	const kept = cells.slice(0, last + 1);
	const end = kept[last];
	if (end !== undefined && end.placeholder !== true) kept[last] = {...end, text: end.text.trimEnd()};
	return kept;
}

interface RowLineProps {
	/** `placeholder`: the cell says "nothing here" (—). */
	cells: {text: string; role: Role | undefined; placeholder?: boolean}[];
	selected: boolean;
	marked: boolean;
	dim: boolean;
	/** Columns the row spans when selected, so the highlight keeps the table's width; 0 otherwise. */
	fill: number;
}

const RowLine = memo(
	function RowLine({cells, selected, marked, dim, fill}: RowLineProps): ReactNode {
		const theme = useTheme();
		const mark = marked ? ` ${markGlyph(theme)}` : '';
		const used = cells.reduce((sum, cell, index) => sum + displayWidth(cell.text) + (index === 0 ? 0 : gap), 0) + mark.length;
		return (
			<Text inverse={selected} dimColor={dim} wrap="truncate">
				{selected ? '> ' : '  '}
				{cells.map((cell, index) => (
					// biome-ignore lint/suspicious/noArrayIndexKey: cells are positional: the column layout is fixed
					<Text key={index} color={cell.role === undefined ? undefined : colorOf(theme, cell.role)}>
						{index === 0 ? '' : ' '.repeat(gap)}
						{cell.text}
					</Text>
				))}
				{marked ? <Text color={colorOf(theme, 'changed')}>{mark}</Text> : ''}
				{fill > used ? ' '.repeat(fill - used) : ''}
			</Text>
		);
	},
	(before, after) =>
		before.selected === after.selected &&
		before.marked === after.marked &&
		before.dim === after.dim &&
		before.fill === after.fill &&
		before.cells.length === after.cells.length &&
		before.cells.every((cell, index) => cell.text === after.cells[index]?.text && cell.role === after.cells[index]?.role),
);

export interface TableProps<Row> {
	columns: readonly Column<Row>[];
	rows: readonly Row[];
	rowKey: (row: Row) => string;
	width: number;
	/** Index into `rows` of the selected row, if any. */
	selected?: number;
	/** Rows to mark at their end (changed since the last poll). */
	marked?: (row: Row) => boolean;
	/** Shown instead of rows when there are none. */
	empty?: string;
	dim?: boolean;
}

export function Table<Row>({columns, rows, rowKey, width, selected, marked, empty, dim}: TableProps<Row>): ReactNode {
	const theme = useTheme();
	// The same columns, width and rows (a key that only moves the selection) keep the layout, and so every row.
	const layout = useMemo(() => layoutColumns(columns, width, rows), [columns, width, rows]);
	// Nothing listed (a filter that matches nothing): column headers over no rows would say nothing.
	return (
		<>
			{rows.length === 0 && empty !== undefined ? null : <TableHeader layout={layout} />}
			{rows.length === 0 && empty !== undefined ? (
				<Text color={colorOf(theme, 'muted')} wrap="truncate">
					{' '.repeat(gutter)}
					{empty}
				</Text>
			) : null}
			{rows.map((row, index) => (
				<TableRow key={rowKey(row)} layout={layout} row={row} selected={index === selected} marked={marked?.(row) ?? false} dim={dim} />
			))}
		</>
	);
}

/** The first row to show so that `selected` stays visible, moving the window as little as possible. */
export function windowStart(previousStart: number, selected: number, height: number, count: number): number {
	if (height <= 0 || count <= height) return 0;
	const maxStart = count - height;
	let start = Math.min(previousStart, maxStart);
	if (selected < start) start = selected;
	if (selected >= start + height) start = selected - height + 1;
	return Math.max(0, Math.min(start, maxStart));
}
