import {Text} from 'ink';
import {Fragment, type ReactNode, useMemo, useRef} from 'react';
import {type LoggedEvent, selectedEventRow} from '../../model/event-log.js';
import {describeEntry} from '../../model/entry-text.js';
import {formatClock} from '../../model/format.js';
import {noIdLabel} from '../../model/import-task.js';
import {isStale, type WatchState} from '../../model/state.js';
import {truncateToWidth} from '../../text/text-width.js';
import {type Column, gap, gutter, layoutColumns} from '../column-layout.js';
import {colorOf, statusRole, useTheme} from '../theme.js';
import {TableHeader, TableRow, windowStart} from './table.js';

// The events view (e): every transition the watcher has seen, newest first, across all tasks — time, task, what
// changed — with the list's `/` text filter. Enter opens the event's task. The event that shows a failure has
// its cause on a line of its own under it.

export interface EventsViewProps {
	state: WatchState;
	/** The events shown, newest first (the screen's memoised selector of the log and the text filter). */
	shown: readonly LoggedEvent[];
	width: number;
	/** Lines for the table, its header line and the position line included. */
	height: number;
}

/**
 * Kind (the id's prefix says it) and Event (what changed says it) are there when the width allows; what changed
 * keeps at least 30 columns, so at 80 they go: Kind first.
 */
function eventColumns(where: boolean): Column<LoggedEvent>[] {
	return [
		{id: 'time', header: 'TIME', min: 8, ideal: 8, cell: ({entry}) => ({text: formatClock(entry.at)})},
		{
			id: 'task',
			header: 'TASK ID',
			min: 29,
			ideal: 29,
			cell: ({entry}) => (entry.taskId === undefined ? {text: noIdLabel, role: 'muted'} : {text: entry.taskId}),
		},
		...(where
			? [
					{
						id: 'where',
						header: 'WHERE',
						min: 9,
						ideal: 16,
						hideOrder: 3,
						cell: ({entry}: LoggedEvent) => ({text: [entry.profile, entry.region].filter((part) => part !== undefined).join('/')}),
					},
				]
			: []),
		{id: 'kind', header: 'KIND', min: 8, ideal: 8, hideOrder: 2, cell: ({entry}) => ({text: entry.kind ?? ''})},
		{id: 'event', header: 'EVENT', min: 10, ideal: 10, hideOrder: 1, cell: ({entry}) => ({text: entry.type})},
		{
			id: 'what',
			header: 'WHAT CHANGED',
			min: 30,
			ideal: 40,
			flex: 1,
			cell: ({entry}) => ({
				text: describeEntry(entry),
				...(entry.type === 'status' && entry.to !== undefined ? {role: statusRole(entry.to)} : entry.type === 'stuck' ? {role: 'fault' as const} : {}),
			}),
		},
	];
}

const linesOf = (event: LoggedEvent): number => (event.entry.explanation === undefined ? 1 : 2);

/** The events from `start` whose lines (an event's cause takes one more) fit `height`; the window moves on until `selected` is in it. */
function windowFrom(shown: readonly LoggedEvent[], start: number, selected: number, height: number): {start: number; rows: LoggedEvent[]} {
	for (let first = start; ; first++) {
		const rows: LoggedEvent[] = [];
		let used = 0;
		for (let index = first; index < shown.length; index++) {
			const event = shown[index];
			if (event === undefined) break;
			used += linesOf(event);
			if (used > height && rows.length > 0) break;
			rows.push(event);
		}
		if (first >= selected || selected < first + rows.length) return {start: first, rows};
	}
}

export function EventsView({state, shown, width, height}: EventsViewProps): ReactNode {
	const theme = useTheme();
	const where = useMemo(() => state.eventLog.events.some(({entry}) => entry.region !== undefined || entry.profile !== undefined), [state.eventLog]);
	const start = useRef(0);
	const bodyHeight = Math.max(1, height - 2);
	const selected = selectedEventRow(shown, state.eventSeq, state.eventIndex);
	const window = windowFrom(shown, windowStart(start.current, selected, bodyHeight, shown.length), selected, bodyHeight);
	start.current = window.start;
	const rows = window.rows;
	const below = shown.length - start.current - rows.length;
	const stale = isStale(state);
	const empty =
		state.eventLog.events.length === 0 ? 'No transitions seen yet (the first poll records what exists).' : 'No event matches this text (Esc clears it).';
	const layout = layoutColumns(eventColumns(where), width, rows);
	// The cause starts under the task id, after the time.
	const causeIndent = gutter + (layout.shown[0]?.width ?? 0) + gap;
	return (
		<>
			<TableHeader layout={layout} />
			{shown.length === 0 ? (
				<Text color={colorOf(theme, 'muted')} wrap="truncate">
					{' '.repeat(gutter)}
					{empty}
				</Text>
			) : null}
			{rows.map((event, index) => (
				<Fragment key={event.seq}>
					<TableRow layout={layout} row={event} selected={start.current + index === selected} dim={stale} />
					{event.entry.explanation === undefined ? null : (
						<Text color={colorOf(theme, stale ? 'stale' : 'fault')} wrap="truncate">
							{truncateToWidth(`${' '.repeat(causeIndent)}cause: ${event.entry.explanation.cause}`, width)}
						</Text>
					)}
				</Fragment>
			))}
			<Text color={colorOf(theme, stale ? 'stale' : 'muted')} wrap="truncate">
				{`Events, newest first${shown.length === 0 ? '' : ` · ${selected + 1}/${shown.length}`}`}
				{start.current > 0 ? ` · ${start.current} above` : ''}
				{below > 0 ? ` · ${below} below` : ''}
				{state.eventLog.nextSeq > state.eventLog.events.length ? ` · the oldest ${state.eventLog.nextSeq - state.eventLog.events.length} dropped` : ''}
			</Text>
		</>
	);
}
