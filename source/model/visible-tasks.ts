import {type ImportTask, taskKey} from './import-task.js';
import type {History} from './history.js';
import {filterTasks, type KindFilter, type StateFilter} from './task-filter.js';
import {type Sort, sortTasks} from './task-sort.js';

// What the list shows: the data (tasks, history, the last good poll) through the view (filters, sort). Pure and
// uncached here; each screen keeps its own one-entry memo of it (model/selectors.ts), never a module-level one.

export interface VisibleInputs {
	tasks: ImportTask[];
	stateFilter: StateFilter;
	kindFilter: KindFilter;
	textFilter: string;
	sort: Sort;
	history: History;
	lastGoodAt?: number;
	stuckAfterMs: number;
}

export function sameVisibleInputs(a: VisibleInputs, b: VisibleInputs): boolean {
	return (
		a.tasks === b.tasks &&
		a.stateFilter === b.stateFilter &&
		a.kindFilter === b.kindFilter &&
		a.textFilter === b.textFilter &&
		a.sort === b.sort &&
		a.history === b.history &&
		a.lastGoodAt === b.lastGoodAt &&
		a.stuckAfterMs === b.stuckAfterMs
	);
}

/** The filtered, sorted list the screen shows, worked out anew. */
export function visibleTasks<S extends VisibleInputs>(state: S): ImportTask[] {
	// Sorted as of the last good poll, so the order holds still between polls (ETAs tick every second).
	return sortTasks(
		filterTasks(state.tasks, state.stateFilter, state.textFilter, state.kindFilter),
		state.sort,
		state.history,
		state.lastGoodAt ?? 0,
		state.stuckAfterMs,
	);
}

/** The index of the selected row in `visible`, falling back to where the selection last was. */
export function selectedRow(state: {selectedId?: string; selectedIndex: number}, visible: readonly ImportTask[]): number {
	const index = visible.findIndex((task) => taskKey(task) === state.selectedId);
	if (index >= 0) return index;
	return Math.max(0, Math.min(state.selectedIndex, visible.length - 1));
}
