import {type ImportTask, nameTag, resultId, shownId, statusOf, type TaskKind, taskKinds, taskName, type TaskState} from './import-task.js';

// Filtering returns a new list and leaves the fetched tasks alone (k9s habit).

export type StateFilter = 'all' | TaskState;
export const stateFilters: readonly StateFilter[] = ['all', 'active', 'completed', 'deleting', 'deleted'];

export function matchesState(task: ImportTask, filter: StateFilter): boolean {
	return filter === 'all' || statusOf(task.status) === filter;
}

/** The text a `/` filter is matched against: the list's visible columns. */
export function searchableText(task: ImportTask): string {
	return [shownId(task), task.status, task.statusMessage, taskName(task)?.text, nameTag(task), resultId(task)]
		.filter((part) => part !== undefined)
		.join('\u0000')
		.toLowerCase();
}

export function filterTasks(tasks: readonly ImportTask[], state: StateFilter, text: string, kind: KindFilter = 'all'): ImportTask[] {
	const needle = text.trim().toLowerCase();
	return tasks.filter(
		(task) => (kind === 'all' || task.kind === kind) && matchesState(task, state) && (needle === '' || searchableText(task).includes(needle)),
	);
}

/** Image imports, snapshot imports, or both. */
export type KindFilter = 'all' | TaskKind;
export const kindFilters: readonly KindFilter[] = ['all', ...taskKinds];

export function nextKindFilter(current: KindFilter): KindFilter {
	return kindFilters[(kindFilters.indexOf(current) + 1) % kindFilters.length] ?? 'all';
}

export function tasksOfKind(tasks: readonly ImportTask[], kind: KindFilter): readonly ImportTask[] {
	return kind === 'all' ? tasks : tasks.filter((task) => task.kind === kind);
}

/**
 * A state tab whose tasks are not fetched (--state gives the others): undefined when they are. Says which are, for
 * the list: `completed tasks are not fetched (--state active,deleted)`.
 */
export function notFetched(filter: StateFilter, fetched: readonly TaskState[] | undefined): string | undefined {
	if (filter === 'all' || fetched === undefined || fetched.includes(filter)) return undefined;
	return `${filter} tasks are not fetched (--state ${fetched.join(',')})`;
}

export function countByState(tasks: readonly ImportTask[]): Record<StateFilter, number> {
	const counts: Record<StateFilter, number> = {all: tasks.length, active: 0, completed: 0, deleting: 0, deleted: 0};
	for (const task of tasks) {
		const status = statusOf(task.status);
		if (status !== 'unknown') counts[status] += 1;
	}
	return counts;
}

export function cycleStateFilter(current: StateFilter, direction: 1 | -1): StateFilter {
	const index = stateFilters.indexOf(current);
	const next = (index + direction + stateFilters.length) % stateFilters.length;
	return stateFilters[next] ?? 'all';
}
