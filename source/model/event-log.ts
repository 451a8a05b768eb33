import {describeEntry} from './entry-text.js';
import {formatClock} from './format.js';
import type {JournalEntry} from './history.js';
import {kindOfId, taskKey} from './import-task.js';

// Every transition the watcher has seen, across all tasks, for the events view (e): bounded, numbered as they
// come so a selection holds on its event while newer ones arrive above it.

export interface LoggedEvent {
	seq: number;
	entry: JournalEntry;
}

export interface EventLog {
	/** Oldest first. */
	events: readonly LoggedEvent[];
	nextSeq: number;
}

/** The newest this many are kept (a first poll of 10,000 tasks alone is 10,000 first-seen events). */
export const eventLimit = 5000;

export const emptyLog: EventLog = {events: [], nextSeq: 0};

export function logEntries(log: EventLog, entries: readonly JournalEntry[]): EventLog {
	if (entries.length === 0) return log;
	const added = entries.map((entry, index) => ({seq: log.nextSeq + index, entry}));
	const events = [...log.events, ...added];
	return {events: events.length > eventLimit ? events.slice(-eventLimit) : events, nextSeq: log.nextSeq + entries.length};
}

/** The task an event is about, as the task list keys it. */
export function eventTaskKey(entry: JournalEntry): string {
	return taskKey({kind: entry.kind ?? kindOfId(entry.taskId ?? '') ?? 'image', importTaskId: entry.taskId, region: entry.region, profile: entry.profile});
}

/** What the `/` filter matches in an event: its time, task, kind, where and what changed. */
export function eventSearchText(entry: JournalEntry): string {
	return [formatClock(entry.at), entry.taskId, entry.kind, entry.region, entry.profile, describeEntry(entry)]
		.filter((part) => part !== undefined)
		.join('\u0000')
		.toLowerCase();
}

/** Newest first, those matching the text filter (a screen memoises it: model/selectors.ts). */
export function shownEvents(log: EventLog, textFilter: string): LoggedEvent[] {
	const needle = textFilter.trim().toLowerCase();
	return log.events.filter((event) => needle === '' || eventSearchText(event.entry).includes(needle)).reverse();
}

/** The row of the selected event, or where the selection was when its event is no longer shown. */
export function selectedEventRow(shown: readonly LoggedEvent[], seq: number | undefined, fallback: number): number {
	const index = seq === undefined ? -1 : shown.findIndex((event) => event.seq === seq);
	return index >= 0 ? index : Math.max(0, Math.min(fallback, shown.length - 1));
}
