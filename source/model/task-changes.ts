import {type ImportTask, taskKey} from './import-task.js';

// Which tasks changed between two polls (k9s computes deltas in the model; the view only marks them).
// A new task counts as changed; a task that left is not listed (it is no longer on screen).
// The source keeps the previous poll's object for an unchanged task (structural sharing, see createTaskCollector),
// so most tasks are recognised here by identity instead of being compared field by field.

/** Deep equality of plain data (what JSON can hold); a field set to undefined counts as absent, as in JSON. */
export function sameData(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) || Array.isArray(b)) {
		if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
		const left: readonly unknown[] = a;
		const right: readonly unknown[] = b;
		return left.every((item, index) => sameData(item, right[index]));
	}
	let fields = 0;
	for (const key in a) {
		const value: unknown = Reflect.get(a, key);
		if (value === undefined) continue;
		fields++;
		if (!sameData(value, Reflect.get(b, key))) return false;
	}
	for (const key in b) if (Reflect.get(b, key) !== undefined) fields--;
	return fields === 0;
}

/** `task`, or the previous object for its key when the content is the same. */
export function reuseUnchanged(previous: ReadonlyMap<string, ImportTask>, key: string, task: ImportTask): ImportTask {
	const known = previous.get(key);
	return known !== undefined && (known === task || sameData(known, task)) ? known : task;
}

export function changedTaskIds(previous: readonly ImportTask[], next: readonly ImportTask[]): Set<string> {
	const changed = new Set<string>();
	// Most tasks, most polls: the same object in the same place (10,000 identity checks, no key, no lookup); a
	// changed task most often takes its own place. Only a task out of place needs the map of every previous one.
	let before: Map<string, ImportTask> | undefined;
	const byKey = (key: string): ImportTask | undefined => {
		before ??= new Map(previous.map((one) => [taskKey(one), one]));
		return before.get(key);
	};
	for (const [index, task] of next.entries()) {
		const there = previous[index];
		if (there === task) continue;
		const key = taskKey(task);
		const known = there !== undefined && taskKey(there) === key ? there : byKey(key);
		if (known === undefined || !sameData(known, task)) changed.add(key);
	}
	return changed;
}
