import {Text} from 'ink';
import {type ReactNode, useMemo, useRef} from 'react';
import {type ImportTask, taskKey} from '../../model/import-task.js';
import {isStale, selectedRow, type WatchState} from '../../model/state.js';
import {notFetched} from '../../model/task-filter.js';
import {colorOf, useTheme} from '../theme.js';
import {Table, windowStart} from './table.js';
import {columnsFor, taskColumns} from '../task-columns.js';

export interface TaskListProps {
	state: WatchState;
	now: number;
	visible: readonly ImportTask[];
	width: number;
	/** Lines available for the table, its header line included. */
	height: number;
}

/** The task table, drawing only the rows that fit; the window follows the selection. */
export function TaskList({state, now, visible, width, height}: TaskListProps): ReactNode {
	const theme = useTheme();
	const regions = useMemo(() => state.tasks.some((task) => task.region !== state.tasks[0]?.region), [state.tasks]);
	const profiles = useMemo(() => state.tasks.some((task) => task.profile !== state.tasks[0]?.profile), [state.tasks]);
	const byTasks = useMemo(() => columnsFor(state.tasks, visible), [state.tasks, visible]);
	const {history, stuckAfterMs} = state;
	// Kept while what they are made from stays (a key that moves the selection), so the table keeps its layout.
	const columns = useMemo(
		() => taskColumns({theme, history, now, stuckAfterMs, regions, profiles, ...byTasks}),
		[theme, history, now, stuckAfterMs, regions, profiles, byTasks],
	);
	const start = useRef(0);
	const bodyHeight = Math.max(1, height - 2);
	const selected = selectedRow(state, visible);
	start.current = windowStart(start.current, selected, bodyHeight, visible.length);
	const first = start.current;
	const rows = useMemo(() => visible.slice(first, first + bodyHeight), [visible, first, bodyHeight]);
	const stale = isStale(state);
	const empty = emptyListText(state);
	const below = visible.length - start.current - rows.length;
	return (
		<>
			<Table
				columns={columns}
				rows={rows}
				rowKey={taskKey}
				width={width}
				selected={visible.length === 0 ? undefined : selected - start.current}
				marked={(task) => state.changed.has(taskKey(task))}
				empty={empty}
				dim={stale}
			/>
			<Text color={colorOf(theme, stale ? 'stale' : 'muted')} wrap="truncate">
				{stale ? 'STALE: showing the last good data · ' : ''}
				{visible.length === 0 ? '' : `${selected + 1}/${visible.length}`}
				{start.current > 0 ? ` · ${start.current} above` : ''}
				{below > 0 ? ` · ${below} below` : ''}
			</Text>
		</>
	);
}

/**
 * What the list (and the timeline, which shows the same tasks) says when it has no row to show. The filters are
 * changed in the list only: in the timeline the way there is Esc.
 */
export function emptyListText(state: WatchState, where: 'list' | 'timeline' = 'list'): string {
	return state.polls === 0
		? state.fault === undefined
			? 'Fetching import tasks…'
			: 'No data yet.'
		: state.tasks.length === 0 && notFetched(state.stateFilter, state.fetchedStates) === undefined
			? state.fetchedStates === undefined
				? 'No import tasks in this region (EC2 keeps finished tasks for 7 days).'
				: `No ${state.fetchedStates.join(' or ')} import tasks in this region (--state).`
			: state.mode === 'search'
				? 'No task matches this text (Esc clears it).'
				: noMatchText(state, where);
}

/** Why the list is empty, naming only the filters that are on and the key that undoes each. */
export function noMatchText(
	{stateFilter, kindFilter, textFilter, fetchedStates}: Pick<WatchState, 'stateFilter' | 'kindFilter' | 'textFilter' | 'fetchedStates'>,
	where: 'list' | 'timeline' = 'list',
): string {
	const back = 'Esc: back to the list to change the filter';
	const unfetched = notFetched(stateFilter, fetchedStates);
	if (unfetched !== undefined) return `${unfetched[0]?.toUpperCase() ?? ''}${unfetched.slice(1)}${where === 'list' ? '; 1 shows all' : ''}.`;
	const undo = [
		stateFilter === 'all' ? '' : '1 shows all',
		kindFilter === 'all' ? '' : 'K shows both kinds',
		textFilter === '' ? '' : 'Esc clears the text filter',
	].filter((part) => part !== '');
	if (undo.length === 0) return 'No task to show.';
	const what = stateFilter !== 'all' && kindFilter === 'all' && textFilter === '' ? `No ${stateFilter} tasks` : 'No task matches this filter';
	return `${what} (${where === 'list' ? undo.join(', ') : back}).`;
}
