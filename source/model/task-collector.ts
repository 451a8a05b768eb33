import type {ImportTask} from './import-task.js';
import {reuseUnchanged} from './task-changes.js';

// Pages of one Describe call become tasks as they arrive (image and snapshot tasks alike, each with its own
// normaliser), so a poll never holds every raw page at once.

export interface TaskCollector<Api> {
	/** Normalises one page; its raw tasks can then be dropped. */
	add(page: ReadonlyArray<Api | null | undefined> | undefined): void;
	/** Every task so far, as normaliseTasks would give for all the pages in one list. */
	tasks(): ImportTask[];
	/** The same tasks by id (to pass as `previous` to the next poll's collector). */
	readonly byId: ReadonlyMap<string, ImportTask>;
}

/**
 * A task equal to the one in `previous` (the last poll's, by id) is that object, so unchanged tasks are
 * recognised later by identity. The last task sent for an id wins, in the place where the id first appeared.
 */
export function collectTasks<Api>(normalise: (api: Api, index: number) => ImportTask, previous: ReadonlyMap<string, ImportTask> = new Map()): TaskCollector<Api> {
	const byId = new Map<string, ImportTask>();
	let index = 0;
	return {
		add(page) {
			for (const api of page ?? []) {
				const at = index++;
				if (api === null || api === undefined) continue;
				const task = normalise(api, at);
				byId.set(task.importTaskId, reuseUnchanged(previous, task.importTaskId, task));
			}
		},
		tasks: () => [...byId.values()],
		byId,
	};
}
