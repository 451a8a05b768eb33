import {type History, pace, type TaskHistory} from './history.js';
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

/** A task with what a sort asks of it, looked up once per sort (a sort of 10,000 tasks compares ~140,000 pairs). */
interface Entry {
	task: ImportTask;
	seen: TaskHistory | undefined;
	/** The ETA, when the sort is by ETA (worked out on the first comparison that needs it). */
	eta?: {ms: number | undefined};
}

type Compare = (a: Entry, b: Entry) => number;

/**
 * Sorts by a value some tasks lack (progress, ETA): `first` says which value comes first; tasks without one (a
 * finished task has neither; its cell shows —) go last whichever way round: reversing should not bring them to the top.
 */
function byValue(value: (entry: Entry) => number | undefined, first: 'high' | 'low', tie: Compare): Compare {
	const direction = first === 'low' ? 1 : -1;
	return (a, b) => {
		const va = value(a);
		const vb = value(b);
		if (va === undefined || vb === undefined) return va === vb ? tie(a, b) : va === undefined ? 1 : -1;
		return va === vb ? tie(a, b) : va < vb ? -direction : direction;
	};
}

function comparator(key: SortKey, reverse: boolean, now: number, stuckAfterMs: number): Compare {
	const forward: Compare = ({task: a}, {task: b}) => shownId(a).localeCompare(shownId(b)) || taskKey(a).localeCompare(taskKey(b));
	const byId: Compare = reverse ? (a, b) => forward(b, a) : forward;
	const flip = (compare: Compare): Compare => (reverse ? (a, b) => compare(b, a) : compare);
	switch (key) {
		case 'newest':
			return flip(
				(a, b) => (b.seen?.firstSeenAt ?? 0) - (a.seen?.firstSeenAt ?? 0) || (a.seen?.firstSeenRank ?? 0) - (b.seen?.firstSeenRank ?? 0) || forward(a, b),
			);
		case 'id':
			return byId;
		case 'status':
			return flip((a, b) => rank(statusOrder, statusOf(a.task.status)) - rank(statusOrder, statusOf(b.task.status)) || forward(a, b));
		case 'progress':
			return byValue(({task}) => task.progress, reverse ? 'low' : 'high', byId);
		case 'eta':
			return byValue(
				(entry) => {
					entry.eta ??= {ms: statusOf(entry.task.status) === 'active' ? pace(entry.task, entry.seen, now, stuckAfterMs).etaMs : undefined};
					return entry.eta.ms;
				},
				reverse ? 'high' : 'low',
				byId,
			);
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
	const entries: Entry[] = tasks.map((task) => ({task, seen: history.get(taskKey(task))}));
	return entries.sort(comparator(sort.key, sort.reverse, now, stuckAfterMs)).map((entry) => entry.task);
}
