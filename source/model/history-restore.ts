import {eventLimit, eventTaskKey} from './event-log.js';
import {formatClock, formatDateTime} from './format.js';
import {type History, type JournalEntry, observe, sampleOf, type TaskHistory, taskHistory, timelineLimit} from './history.js';
import {type ImportTask, taskKey} from './import-task.js';
import {withoutRepeats} from './journal-repeats.js';
import type {LeftTally, LeftTask} from './left-tasks.js';

// A restart picks up where the last run left off: the history store's entries (read back by journal-read.ts) are
// folded back into each task's TaskHistory — first sight, the baseline for the rate, the timeline, the last
// change for stuck detection — for the tasks the first poll returns. Then the first poll is compared with what the
// store last knew, as any poll is with the one before: what changed meanwhile is journaled as seen after the fact
// (`late`, at the time it was noticed; nothing is made up) and summed up in one line.

/** What the store knew, by task key (as the task list keys them), each task's entries oldest first. */
export interface PriorHistory {
	byTask: ReadonlyMap<string, readonly JournalEntry[]>;
	/**
	 * The newest entry's time of any task in the store (listed or not): the store had a run before this one, and
	 * that run polled until at least then. Absent when only the listed tasks' entries are known.
	 */
	lastAt?: number;
}

/** What happened while no watcher ran: counts per outcome, since the last thing the store recorded (of any task). */
export interface AwaySummary {
	since: number;
	/** e.g. [['completed', 1], ['deleted', 1]]: outcomes first, then other statuses, then 'new' (appeared meanwhile), then 'moved on'. */
	counts: [string, number][];
}

export interface Resumed {
	history: History;
	/** This poll's transitions: 'first-seen' for tasks the store did not know, late ones for those that moved. */
	entries: JournalEntry[];
	/** The restored tasks' earlier entries, oldest first, for the events view. */
	earlier: JournalEntry[];
	away?: AwaySummary;
	/** What became of the imports that left the list in this poll (see left-tasks.ts). */
	tally: LeftTally;
}

/**
 * Groups entries read back by their task (stable: entries of the same time keep the file's order), a transition
 * recorded by two watchers at once counted once (journal-repeats.ts).
 */
export function priorHistory(entries: readonly JournalEntry[], lastAt?: number): PriorHistory {
	const byTask = new Map<string, JournalEntry[]>();
	// In time order (lines two watchers appended out of order included), without the repeats.
	for (const entry of withoutRepeats(entries)) {
		const key = eventTaskKey(entry);
		const list = byTask.get(key);
		if (list === undefined) byTask.set(key, [entry]);
		else list.push(entry);
	}
	return lastAt === undefined ? {byTask} : {byTask, lastAt};
}

/** A change of the task itself (first sight counts), as opposed to what the watcher concluded (stuck, gone). */
const changeTypes: ReadonlySet<JournalEntry['type']> = new Set(['first-seen', 'new', 'status', 'message', 'progress']);

/** One task's history as the last run left it. */
export function rebuildTask(entries: readonly JournalEntry[], rank: number): TaskHistory | undefined {
	const [first] = entries;
	if (first === undefined) return undefined;
	const seen = entries.find((entry) => entry.type === 'first-seen' || entry.type === 'new') ?? first;
	const base = entries.find((entry) => entry.progress !== undefined);
	let latest: TaskHistory['latest'] = sampleOf(first.at, first.status ?? '', undefined, undefined);
	let lastChangeAt = seen.at;
	let stuck = false;
	for (const entry of entries) {
		// A task EC2 stopped listing (and lists again): not a sample of the task itself.
		if (entry.type === 'gone') continue;
		// A status entry says `message: ""` when the change cleared the message (history.ts): it is gone then.
		const says = entry.type === 'first-seen' || entry.type === 'new' || entry.type === 'stuck' || (entry.type === 'status' && entry.message !== undefined);
		const message = entry.type === 'message' ? entry.to : says ? entry.message : latest.message;
		latest = sampleOf(entry.at, entry.status ?? latest.status, entry.progress, message === '' ? undefined : message);
		if (changeTypes.has(entry.type)) {
			lastChangeAt = entry.at;
			stuck = false;
		} else if (entry.type === 'stuck') stuck = true;
	}
	return taskHistory({
		firstSeenAt: seen.at,
		firstSeenRank: rank,
		baseline: base?.progress === undefined ? undefined : {at: base.at, progress: base.progress},
		latest,
		lastChangeAt,
		stuck,
		timeline: entries.slice(-timelineLimit),
	});
}

/** The first poll after a restart, folded onto what the store knew of its tasks. */
export function resume(prior: PriorHistory, tasks: readonly ImportTask[], at: number, stuckAfterMs: number, left: readonly LeftTask[] = []): Resumed {
	const rebuilt = new Map<string, TaskHistory>();
	const earlier: JournalEntry[] = [];
	for (const task of tasks) {
		const key = taskKey(task);
		const entries = prior.byTask.get(key);
		const known = entries === undefined || rebuilt.has(key) ? undefined : rebuildTask(entries, rebuilt.size);
		if (known === undefined || entries === undefined) continue;
		rebuilt.set(key, known);
		earlier.push(...entries);
	}
	// As any poll after the one before: the store's last word on each task is the poll before this one. A task the
	// store never saw is new (it appeared while no watcher ran) when there was a run before; of a first run ever,
	// it was simply there.
	const hadRun = prior.lastAt !== undefined || prior.byTask.size > 0;
	const seen = observe(rebuilt, tasks, at, !hadRun, stuckAfterMs, left);
	// Outcomes first, in the order of a task's life's end; any other status after them; then the imports that appeared; then the rest that moved.
	const counts = new Map<string, number>(['completed', 'deleted', 'deleting'].map((outcome) => [outcome, 0]));
	const moved = new Set<string>();
	let since = prior.lastAt ?? Number.NEGATIVE_INFINITY;
	for (const entry of earlier) since = Math.max(since, entry.at);
	const ended = new Set<string>();
	let appeared = 0;
	for (const entry of seen.entries) {
		const key = eventTaskKey(entry);
		// Fresh objects from observe (this poll's, shared only with the new timeline): marked where they stand.
		if (entry.type === 'new') {
			entry.late = true;
			appeared++;
			continue;
		}
		if (!rebuilt.has(key) || !changeTypes.has(entry.type)) continue;
		entry.late = true;
		// The last progress this run saw is not in the store (only milestones are): what it "was" is unknown.
		if (entry.type === 'progress') delete entry.from;
		moved.add(key);
		if (entry.type !== 'status') continue;
		counts.set(entry.to ?? '', (counts.get(entry.to ?? '') ?? 0) + 1);
		ended.add(key);
	}
	// Tasks whose status changed are counted by it; the others that moved (message, a milestone) together.
	counts.set('new', appeared);
	counts.set('moved on', [...moved].filter((key) => !ended.has(key)).length);
	const said = [...counts].filter(([, count]) => count > 0);
	earlier.sort((a, b) => a.at - b.at);
	return {
		history: seen.history,
		entries: seen.entries,
		tally: seen.tally,
		earlier: earlier.length > eventLimit ? earlier.slice(-eventLimit) : earlier,
		...(said.length === 0 ? {} : {away: {since, counts: said}}),
	};
}

/** `since 13:40:05 (last run): 1 completed, 1 deleted` (with the date when it was not today). */
export function awayLine(away: AwaySummary, now: number, timeZone?: string): string {
	const sameDay = formatDateTime(away.since, timeZone).slice(0, 10) === formatDateTime(now, timeZone).slice(0, 10);
	const when = sameDay ? formatClock(away.since, timeZone) : formatDateTime(away.since, timeZone);
	return `since ${when} (last run): ${away.counts.map(([outcome, count]) => `${count} ${outcome}`).join(', ')}`;
}
