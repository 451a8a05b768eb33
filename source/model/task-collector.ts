import {answerKey, type ImportTask} from './import-task.js';
import {reuseUnchanged} from './task-changes.js';

// Pages of one Describe call become tasks as they arrive (image and snapshot tasks alike, each with its own
// normaliser), so a poll never holds every raw page at once.

export interface TaskCollector<Api> {
	/** Normalises one page; its raw tasks can then be dropped. `onlyNew`: a page sent again adds only the ids not read yet. */
	add(page: ReadonlyArray<Api | null | undefined> | undefined, options?: {onlyNew: boolean}): void;
	/** How many tasks so far. */
	size(): number;
	/** Every task so far, as normaliseTasks would give for all the pages in one list. */
	tasks(): ImportTask[];
	/** The same tasks by answerKey (to pass as `previous` to the next poll's collector). */
	readonly byId: ReadonlyMap<string, ImportTask>;
}

/**
 * A task equal to the one in `previous` (the last poll's, by answerKey) is that object, so unchanged tasks are
 * recognised later by identity. No id is made up: a task without one, or a second task with one id, gets an
 * `occurrence` (see ImportTask) and both are kept, in the order sent.
 */
export function collectTasks<Api>(
	normalise: (api: Api, occurrence?: number) => ImportTask,
	idOf: (api: Api) => string | undefined,
	previous: ReadonlyMap<string, ImportTask> = new Map(),
): TaskCollector<Api> {
	const byId = new Map<string, ImportTask>();
	// How many tasks so far had each id ('' for none).
	const seen = new Map<string, number>();
	return {
		add(page, options) {
			for (const api of page ?? []) {
				if (api === null || api === undefined) continue;
				const id = idOf(api) ?? '';
				if (options?.onlyNew === true && seen.has(id)) continue;
				const count = (seen.get(id) ?? 0) + 1;
				seen.set(id, count);
				const task = normalise(api, id === '' || count > 1 ? count : undefined);
				const key = answerKey(task);
				byId.set(key, reuseUnchanged(previous, key, task));
			}
		},
		tasks: () => [...byId.values()],
		size: () => byId.size,
		byId,
	};
}
