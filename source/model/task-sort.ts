import {type History, pace} from './history.js';
import {type ImportTask, shownId, statusOf, type TaskStatus, taskKey} from './import-task.js';

// Sorting returns a new list. "Newest first" is the order the watcher first saw tasks in: later arrivals on top,
// and within one poll EC2's own order (it lists newest first).

export const sortKeys = ['newest', 'id', 'status', 'progress', 'eta'] as const;
export type SortKey = (typeof sortKeys)[number];

export interface Sort {
	key: SortKey;
	reverse: boolean;
}

// How the header says the order, in words that read true either way round ("oldest first", not "newest first
// (reversed)"): [long, short] for each key, as sorted and as reversed.
const orderWords: Record<SortKey, [[string, string], [string, string]]> = {
	newest: [
		['newest first', 'newest'],
		['oldest first', 'oldest'],
	],
	id: [
		['task id, A to Z', 'id'],
		['task id, Z to A', 'id Z-A'],
	],
	status: [
		['status, active first', 'status'],
		['status, completed first', 'status ↑'],
	],
	progress: [
		['progress, most first', 'progress'],
		['progress, least first', 'progress ↑'],
	],
	eta: [
		['ETA, soonest first', 'ETA'],
		['ETA, latest first', 'ETA ↑'],
	],
};

/** The sort as the header says it; `short` for narrow terminals. */
export function sortLabel(sort: Sort, short = false): string {
	return orderWords[sort.key][sort.reverse ? 1 : 0][short ? 1 : 0];
}

const statusOrder: readonly TaskStatus[] = ['active', 'deleting', 'deleted', 'completed'];

export function nextSortKey(key: SortKey): SortKey {
	return sortKeys[(sortKeys.indexOf(key) + 1) % sortKeys.length] ?? 'newest';
}

type Compare = (a: ImportTask, b: ImportTask) => number;

function comparator(key: SortKey, history: History, now: number, stuckAfterMs: number): Compare {
	const seen = (task: ImportTask) => history.get(taskKey(task));
	const byId: Compare = (a, b) => shownId(a).localeCompare(shownId(b)) || taskKey(a).localeCompare(taskKey(b));
	switch (key) {
		case 'newest':
			return (a, b) => {
				const ha = seen(a);
				const hb = seen(b);
				return (hb?.firstSeenAt ?? 0) - (ha?.firstSeenAt ?? 0) || (ha?.firstSeenRank ?? 0) - (hb?.firstSeenRank ?? 0) || byId(a, b);
			};
		case 'id':
			return byId;
		case 'status':
			return (a, b) => rank(statusOrder, statusOf(a.status)) - rank(statusOrder, statusOf(b.status)) || byId(a, b);
		case 'progress':
			return (a, b) => (b.progress ?? -1) - (a.progress ?? -1) || byId(a, b);
		case 'eta':
			return (a, b) => {
				const ea = pace(a, seen(a), now, stuckAfterMs).etaMs ?? Number.POSITIVE_INFINITY;
				const eb = pace(b, seen(b), now, stuckAfterMs).etaMs ?? Number.POSITIVE_INFINITY;
				return ea === eb ? byId(a, b) : ea < eb ? -1 : 1;
			};
		default: {
			const unreachable: never = key;
			return unreachable;
		}
	}
}

function rank(order: readonly string[], value: string): number {
	const index = order.indexOf(value);
	return index < 0 ? order.length : index;
}

export function sortTasks(tasks: readonly ImportTask[], sort: Sort, history: History, now: number, stuckAfterMs: number): ImportTask[] {
	const compare = comparator(sort.key, history, now, stuckAfterMs);
	const sorted = [...tasks].sort(compare);
	return sort.reverse ? sorted.reverse() : sorted;
}
