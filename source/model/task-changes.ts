import {type ImportTask, taskKey} from './import-task.js';

// Which tasks changed between two polls (k9s computes deltas in the model; the view only marks them).
// A new task counts as changed; a task that left is not listed (it is no longer on screen).

export function changedTaskIds(previous: readonly ImportTask[], next: readonly ImportTask[]): Set<string> {
	const before = new Map(previous.map((task) => [taskKey(task), fingerprint(task)]));
	const changed = new Set<string>();
	for (const task of next) {
		if (before.get(taskKey(task)) !== fingerprint(task)) changed.add(taskKey(task));
	}
	return changed;
}

const fingerprints = new WeakMap<ImportTask, string>();

function fingerprint(task: ImportTask): string {
	let print = fingerprints.get(task);
	if (print === undefined) {
		print = JSON.stringify(task);
		fingerprints.set(task, print);
	}
	return print;
}
