import {type PriorHistory, priorHistory} from '../model/history-restore.js';
import type {TaskSource} from '../model/task-source.js';
import type {HistoryStore} from './history-store.js';

// A source whose first good poll carries what the history store knew. The store is read while that poll is under
// way (after the first frame is drawn, so a long store never holds it), and the poll's answer waits for it: the
// first screen with data has the ETAs, timelines and events from before the restart. Then the store is compacted
// if need be, knowing which tasks EC2 still lists, and opened for appending.

export function withHistory(inner: TaskSource, store: HistoryStore): TaskSource {
	const {resetCredentials, partialFaults, pollNotes} = inner;
	let prior: PriorHistory | undefined;
	let started = false;
	return {
		async fetchTasks(signal) {
			if (started) return inner.fetchTasks(signal);
			const [tasks] = await Promise.all([inner.fetchTasks(signal), store.read()]);
			if (!started) {
				started = true;
				const entries = store.load(tasks);
				// A store with anything in it had a run before (tasks it never saw are new now, not first seen).
				const lastAt = store.lastAt();
				prior = entries.length === 0 && lastAt === undefined ? undefined : priorHistory(entries, lastAt);
			}
			return tasks;
		},
		priorHistory() {
			const taken = prior;
			prior = undefined;
			return taken;
		},
		...(resetCredentials === undefined ? {} : {resetCredentials: () => resetCredentials.call(inner)}),
		...(partialFaults === undefined ? {} : {partialFaults: () => partialFaults.call(inner)}),
		...(pollNotes === undefined ? {} : {pollNotes: () => pollNotes.call(inner)}),
	};
}
