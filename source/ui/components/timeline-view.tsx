import {Text} from 'ink';
import {memo, type ReactNode, useMemo, useRef} from 'react';
import type {Timers} from '../../model/clock.js';
import {formatDateTime, formatDuration} from '../../model/format.js';
import {type ImportTask, shownId, taskKey, taskName} from '../../model/import-task.js';
import {isStale, selectedRow, type WatchState} from '../../model/state.js';
import {type SpanState, spanOf, type TaskSpan} from '../../model/task-span.js';
import {displayWidth, padToWidth} from '../../text/text-width.js';
import type {Cell} from '../column-layout.js';
import {fitSegments} from '../fit-segments.js';
import {type Axis, axisFor, axisKey, axisLine, columnOf, ticksFor} from '../timeline-axis.js';
import {barLine, spanGlyph, spanRole} from '../timeline-bar.js';
import {colorOf, glyph, type Theme, useTheme} from '../theme.js';
import {useNow} from '../use-now.js';
import {windowStart} from './table.js';
import {emptyListText} from './task-list.js';

// The timeline (t): the list's tasks, filtered and sorted as the list shows them, one row each, as bars on a shared
// time axis from the first task's first sight to now. The selection is the list's. It redraws on each poll and
// when time moves a cell (an active bar grows, the axis steps up), not every second.

export interface TimelineViewProps<Handle> {
	state: WatchState;
	/** The list's visible tasks (its filter and sort). */
	visible: readonly ImportTask[];
	timers: Timers<Handle>;
	width: number;
	/** Lines for the axis, the rows and the line under them. */
	height: number;
}

const gutter = 2;
const gap = 1;
const labelMost = 24;
const barLeast = 10;
const separator = ' · ';
const staleText = 'STALE: showing the last good data · ';

/**
 * The rows' names: a task's name as the list shows it (taskName) when no other task listed has it, else its id
 * without `import-` (the kind stays: ami-…, snap-…), so that no two rows read the same.
 */
export function rowLabels(tasks: readonly ImportTask[]): string[] {
	const names = new Map<string, number>();
	for (const task of tasks) {
		const name = taskName(task)?.text;
		if (name !== undefined && name !== '') names.set(name, (names.get(name) ?? 0) + 1);
	}
	return tasks.map((task) => {
		const name = taskName(task)?.text;
		return name !== undefined && names.get(name) === 1 ? name : shownId(task).replace(/^import-/, '');
	});
}

/** The label column: as wide as the widest label (at most 24), leaving the bars at least 10 columns. */
export function labelColumns(labels: readonly string[], width: number): number {
	const widest = labels.reduce((most, label) => Math.max(most, Math.min(labelMost, displayWidth(label))), 4);
	return Math.max(1, Math.min(widest, width - gutter - gap - barLeast));
}

const legendStates: readonly SpanState[] = ['active', 'completed', 'failed', 'cancelled'];

/**
 * The selected task in words (its whole id: the row may show its name): how it ended (or how far it is), from when
 * to when (or that it had already ended when first seen); HH:MM, with the date (MM-DD HH:MM) when the span is not all on one day.
 */
function spanText(span: TaskSpan | undefined, task: ImportTask, now: number, theme: Theme): string {
	if (span === undefined) return `${shownId(task)}: not seen yet`;
	const reached = span.progress === undefined || span.state === 'completed' ? '' : ` at ${Math.round(span.progress)}%`;
	const from = formatDateTime(span.start);
	const to = formatDateTime(span.end ?? now);
	const oneDay = from.slice(0, 10) === to.slice(0, 10);
	const when = (stamp: string) => (oneDay ? stamp.slice(11, 16) : stamp.slice(5, 16));
	// Ended before first sight: when it ran is not known, so no span and no 0 s.
	if (span.endedWhenSeen === true) return `${shownId(task)}: already ${span.state}${reached} when first seen at ${when(from)}`;
	const until = span.end === undefined ? 'now' : `${when(to)} (${formatDuration(span.end - span.start)})`;
	return `${shownId(task)} ${span.state}${reached}: ${when(from)} ${glyph(theme, '→')} ${until}`;
}

/** How long a column stands for, without a zero second unit: 45s, 1m, 1m 30s, 1h, 1d, 1d 12h. */
export function stepText(axis: Pick<Axis, 'step'>): string {
	return `1 column = ${formatDuration(axis.step).replace(/ 0+[smh]$/, '')}`;
}

interface RowProps {
	label: string;
	selected: boolean;
	cells: Cell[];
	dim: boolean;
}

const TimelineRow = memo(
	function TimelineRow({label, selected, cells, dim}: RowProps): ReactNode {
		const theme = useTheme();
		return (
			<Text dimColor={dim} wrap="truncate">
				<Text inverse={selected}>
					{selected ? '> ' : '  '}
					{label}
				</Text>
				{' '.repeat(gap)}
				{cells.map((cell, index) => (
					// biome-ignore lint/suspicious/noArrayIndexKey: the cells are positional: before, fill, track, end, after
					<Text key={index} color={cell.role === undefined ? undefined : colorOf(theme, cell.role)}>
						{cell.text}
					</Text>
				))}
			</Text>
		);
	},
	(before, after) =>
		before.label === after.label &&
		before.selected === after.selected &&
		before.dim === after.dim &&
		before.cells.length === after.cells.length &&
		before.cells.every((cell, index) => cell.text === after.cells[index]?.text && cell.role === after.cells[index]?.role),
);

/** What each end glyph means, each in its colour: the bars read without colour too. */
function legendText(theme: Theme): string {
	return legendStates.map((state) => `${spanGlyph(theme, state)} ${state}`).join(' ');
}

function Legend({theme}: {theme: Theme}): ReactNode {
	return legendStates.map((state, index) => (
		<Text key={state} color={colorOf(theme, spanRole(state))}>
			{`${index === 0 ? '' : ' '}${spanGlyph(theme, state)} ${state}`}
		</Text>
	));
}

export function TimelineView<Handle>({state, visible, timers, width, height}: TimelineViewProps<Handle>): ReactNode {
	const theme = useTheme();
	const {history} = state;
	// The axis starts at the first of all the tasks listed; spans are worked out for the rows drawn only.
	const first = useMemo(
		() => visible.reduce((earliest, task) => Math.min(earliest, history.get(taskKey(task))?.firstSeenAt ?? earliest), Number.POSITIVE_INFINITY),
		[visible, history],
	);
	const labels = useMemo(() => rowLabels(visible), [visible]);
	const labelWidth = useMemo(() => labelColumns(labels, width), [labels, width]);
	const barColumns = Math.max(1, width - gutter - labelWidth - gap);
	const start = useRef(0);
	// The axis above the rows; under them the selected task's times, then the legend and the scale.
	const bodyHeight = Math.max(1, height - 3);
	const selected = selectedRow(state, visible);
	start.current = windowStart(start.current, selected, bodyHeight, visible.length);
	const rows = visible.slice(start.current, start.current + bodyHeight);
	const spans = new Map(rows.map((task) => [task, spanOf(task, history.get(taskKey(task)))]));
	const open = [...spans.values()].some((span) => span !== undefined && span.end === undefined);
	const origin = (at: number) => (Number.isFinite(first) ? first : at);
	// Redrawn as time passes only when what is drawn changes: the axis, or (while a bar is open) now's column.
	const now = useNow(timers, (at) => {
		const axis = axisFor(origin(at), at, barColumns);
		return `${axisKey(axis)}:${open ? columnOf(axis, at) : ''}`;
	});
	const axis = axisFor(origin(now), now, barColumns);
	const ticks = ticksFor(axis);
	const stale = isStale(state);
	const below = visible.length - start.current - rows.length;
	const picked = visible[selected];
	const position = `${selected + 1}/${visible.length}${start.current > 0 ? ` · ${start.current} above` : ''}${below > 0 ? ` · ${below} below` : ''}`;
	const about = fitSegments(
		[
			{key: 'position', text: position, priority: 0},
			{key: 'picked', text: picked === undefined ? '' : spanText(spans.get(picked), picked, now, theme), priority: 1},
		],
		width - (stale ? displayWidth(staleText) : 0),
		separator.length,
	);
	const key = fitSegments(
		[
			{key: 'legend', text: legendText(theme), priority: 0},
			{key: 'step', text: stepText(axis), priority: 1},
		],
		width,
		separator.length,
	);
	if (visible.length === 0) {
		return (
			<Text color={colorOf(theme, 'muted')} wrap="truncate">
				{' '.repeat(gutter)}
				{emptyListText(state, 'timeline')}
			</Text>
		);
	}
	return (
		<>
			<Text bold wrap="truncate">
				{' '.repeat(gutter)}
				{padToWidth('TASK', labelWidth, 'left')}
				{' '.repeat(gap)}
				{axisLine(axis, ticks).trimEnd()}
			</Text>
			{rows.map((task, index) => (
				<TimelineRow
					key={taskKey(task)}
					label={padToWidth(labels[start.current + index] ?? '', labelWidth, 'left')}
					selected={start.current + index === selected}
					cells={barLine(spans.get(task), axis, now, ticks, theme)}
					dim={stale}
				/>
			))}
			<Text color={colorOf(theme, stale ? 'stale' : 'muted')} wrap="truncate">
				{stale ? staleText : ''}
				{about.map((segment) => segment.text).join(separator)}
			</Text>
			<Text color={colorOf(theme, 'muted')} wrap="truncate">
				{key.map((segment, index) => (
					<Text key={segment.key}>
						{index === 0 ? '' : separator}
						{segment.key === 'legend' ? <Legend theme={theme} /> : segment.text}
					</Text>
				))}
			</Text>
		</>
	);
}
