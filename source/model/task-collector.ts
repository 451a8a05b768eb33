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
	/** What each page became, by the page's array (to pass as `previousPages` to the next poll's collector). */
	readonly pages: PageMemo;
}

/**
 * The tasks one poll's pages became, by the page's raw array, place by place: a page the source did not parse
 * again (its answer was the same as last time, watch/same-page.ts) is the same array, and is not normalised again.
 * A plain Map of a poll's few pages (a WeakMap of every raw task made V8's full collections seconds long).
 */
export type PageMemo = ReadonlyMap<object, ReadonlyArray<{occurrence: number | undefined; task: ImportTask} | undefined>>;

/**
 * A task equal to the one in `previous` (the last poll's, by answerKey) is that object, so unchanged tasks are
 * recognised later by identity. No id is made up: a task without one, or a second task with one id, gets an
 * `occurrence` (see ImportTask) and both are kept, in the order sent.
 */
export function collectTasks<Api>(
	normalise: (api: Api, occurrence?: number) => ImportTask,
	idOf: (api: Api) => string | undefined,
	previous: ReadonlyMap<string, ImportTask> = new Map(),
	previousPages: PageMemo = new Map(),
): TaskCollector<Api> {
	const byId = new Map<string, ImportTask>();
	const pages = new Map<object, ({occurrence: number | undefined; task: ImportTask} | undefined)[]>();
	// How many tasks so far had each id ('' for none).
	const seen = new Map<string, number>();
	return {
		add(page, options) {
			const onlyNew = options?.onlyNew === true;
			// A page sent again (onlyNew) is read for its new ids only: what it made is not the page's whole.
			const remembered = page === undefined || onlyNew ? undefined : previousPages.get(page);
			const made: ({occurrence: number | undefined; task: ImportTask} | undefined)[] = [];
			if (page !== undefined && !onlyNew) pages.set(page, made);
			for (const [index, api] of (page ?? []).entries()) {
				made.push(undefined);
				if (api === null || api === undefined) continue;
				const id = idOf(api) ?? '';
				if (onlyNew && seen.has(id)) continue;
				const count = (seen.get(id) ?? 0) + 1;
				seen.set(id, count);
				const occurrence = id === '' || count > 1 ? count : undefined;
				const known = remembered?.[index];
				const task = known !== undefined && known.occurrence === occurrence ? known.task : normalise(api, occurrence);
				const key = answerKey(task);
				const kept = reuseUnchanged(previous, key, task);
				byId.set(key, kept);
				made[index] = {occurrence, task: kept};
			}
		},
		tasks: () => [...byId.values()],
		size: () => byId.size,
		byId,
		pages,
	};
}
