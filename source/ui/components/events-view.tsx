import {Text} from 'ink';
import {type ReactNode, useMemo, useRef} from 'react';
import {type LoggedEvent, selectedEventRow, shownEvents} from '../../model/event-log.js';
import {describeEntry} from '../../model/entry-text.js';
import {formatClock} from '../../model/format.js';
import {noIdLabel} from '../../model/import-task.js';
import {isStale, type WatchState} from '../../model/state.js';
import type {Column} from '../column-layout.js';
import {colorOf, statusRole, useTheme} from '../theme.js';
import {Table, windowStart} from './table.js';

// The events view (e): every transition the watcher has seen, newest first, across all tasks — time, task, what
// changed — with the list's `/` text filter. Enter opens the event's task.

export interface EventsViewProps {
	state: WatchState;
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
		{id: 'task', header: 'TASK ID', min: 29, ideal: 29, cell: ({entry}) => (entry.taskId === undefined ? {text: noIdLabel, role: 'muted'} : {text: entry.taskId})},
		...(where ? [{id: 'where', header: 'WHERE', min: 9, ideal: 16, hideOrder: 3, cell: ({entry}: LoggedEvent) => ({text: [entry.profile, entry.region].filter((part) => part !== undefined).join('/')})}] : []),
		{id: 'kind', header: 'KIND', min: 8, ideal: 8, hideOrder: 2, cell: ({entry}) => ({text: entry.kind ?? ''})},
		{id: 'event', header: 'EVENT', min: 10, ideal: 10, hideOrder: 1, cell: ({entry}) => ({text: entry.type})},
		{
			id: 'what',
			header: 'WHAT CHANGED',
			min: 30,
			ideal: 40,
			flex: 1,
			cell: ({entry}) => ({text: describeEntry(entry), ...(entry.type === 'status' && entry.to !== undefined ? {role: statusRole(entry.to)} : entry.type === 'stuck' ? {role: 'fault' as const} : {})}),
		},
	];
}

export function EventsView({state, width, height}: EventsViewProps): ReactNode {
	const theme = useTheme();
	const shown = shownEvents(state.eventLog, state.textFilter);
	const where = useMemo(() => state.eventLog.events.some(({entry}) => entry.region !== undefined || entry.profile !== undefined), [state.eventLog]);
	const start = useRef(0);
	const bodyHeight = Math.max(1, height - 2);
	const selected = selectedEventRow(shown, state.eventSeq, state.eventIndex);
	start.current = windowStart(start.current, selected, bodyHeight, shown.length);
	const rows = shown.slice(start.current, start.current + bodyHeight);
	const below = shown.length - start.current - rows.length;
	const stale = isStale(state);
	const empty =
		state.eventLog.events.length === 0
			? 'No transitions seen yet (the first poll records what exists).'
			: 'No event matches this text (Esc clears it).';
	return (
		<>
			<Table
				columns={eventColumns(where)}
				rows={rows}
				rowKey={(event) => String(event.seq)}
				width={width}
				selected={shown.length === 0 ? undefined : selected - start.current}
				empty={empty}
				dim={stale}
			/>
			<Text color={colorOf(theme, stale ? 'stale' : 'muted')} wrap="truncate">
				{`Events, newest first${shown.length === 0 ? '' : ` · ${selected + 1}/${shown.length}`}`}
				{start.current > 0 ? ` · ${start.current} above` : ''}
				{below > 0 ? ` · ${below} below` : ''}
				{state.eventLog.nextSeq > state.eventLog.events.length ? ` · the oldest ${state.eventLog.nextSeq - state.eventLog.events.length} dropped` : ''}
			</Text>
		</>
	);
}
