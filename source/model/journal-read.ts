import {isTaskKind} from './import-task.js';
import type {JournalEntry, JournalType} from './history.js';
import {journalSchemaVersion} from './journal-line.js';

// Journal lines read back (the history store, a --journal file that exists, the report): the inverse of
// journal-line.ts. A file is the customer's data and may be torn (a kill -9 mid-write leaves at most one half
// line) or foreign: a line that is not one of our records is counted, never guessed at, and never removed.

const journalTypes: readonly JournalType[] = ['first-seen', 'new', 'status', 'message', 'progress', 'stuck', 'gone'];

function isJournalType(value: unknown): value is JournalType {
	return typeof value === 'string' && (journalTypes as readonly string[]).includes(value);
}

function timeOf(value: unknown): number | undefined {
	if (typeof value !== 'string') return undefined;
	const at = Date.parse(value);
	return Number.isFinite(at) ? at : undefined;
}

const stringFields = ['region', 'profile', 'status', 'from', 'to', 'message'] as const;

/** The record of a line, or undefined when the line is not a JSON object. */
function recordOf(line: string): Record<string, unknown> | undefined {
	let value: unknown;
	try {
		value = JSON.parse(line);
	} catch {
		return undefined;
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
	return value as Record<string, unknown>;
}

/** A record written by a later schema than this watcher knows. */
function isFuture(record: Record<string, unknown>): boolean {
	return typeof record.v === 'number' && record.v > journalSchemaVersion;
}

/** One line of JSON back into an entry; undefined for a line that is not a journal record (or of a later schema). */
export function parseJournalLine(line: string): JournalEntry | undefined {
	const record = recordOf(line);
	return record === undefined || isFuture(record) ? undefined : entryOf(record);
}

function entryOf(record: Record<string, unknown>): JournalEntry | undefined {
	if (record.v !== undefined && record.v !== journalSchemaVersion) return undefined;
	const at = timeOf(record.time);
	if (at === undefined || !isJournalType(record.event)) return undefined;
	if (record.taskId !== null && typeof record.taskId !== 'string') return undefined;
	const entry: JournalEntry = {at, type: record.event};
	if (typeof record.taskId === 'string') entry.taskId = record.taskId;
	if (typeof record.kind === 'string' && isTaskKind(record.kind)) entry.kind = record.kind;
	for (const field of stringFields) {
		const text = record[field];
		if (typeof text === 'string') entry[field] = text;
	}
	if (typeof record.progress === 'number' && Number.isFinite(record.progress)) entry.progress = record.progress;
	const since = timeOf(record.since);
	if (since !== undefined) entry.since = since;
	if (record.late === true) entry.late = true;
	return entry;
}

export interface JournalText {
	entries: JournalEntry[];
	/** Lines that are not journal records (a torn last line, a foreign line): counted, said once, kept in the file. */
	unreadable: number;
	/** Lines of a later schema version: the file is not for this watcher to read, rewrite or compact. */
	future: number;
}

/** Every line of a journal file's text; blank lines are not counted. */
export function parseJournalText(text: string): JournalText {
	const entries: JournalEntry[] = [];
	let unreadable = 0;
	let future = 0;
	for (const line of text.split('\n')) {
		if (line.trim() === '') continue;
		const record = recordOf(line);
		if (record !== undefined && isFuture(record)) {
			future++;
			continue;
		}
		const entry = record === undefined ? undefined : entryOf(record);
		if (entry === undefined) unreadable++;
		else entries.push(entry);
	}
	return {entries, unreadable, future};
}
