import {explanationFrom} from './failure-explanations.js';
import {isTaskKind} from './import-task.js';
import type {JournalEntry, JournalType} from './history.js';

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

const stringFields = ['region', 'profile', 'status', 'from', 'to', 'message', 'description', 'resultId'] as const;

/** One line of JSON as an object whose fields are yet to be checked; undefined for anything else. */
export function journalObject(line: string): Readonly<Record<string, unknown>> | undefined {
	let value: unknown;
	try {
		value = JSON.parse(line);
	} catch {
		return undefined;
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
	// Only the fields checked below are read; a record's other fields stay unknown.
	return value as Record<string, unknown>;
}

/** One line of JSON back into an entry; undefined for a line that is not a journal record. */
export function parseJournalLine(line: string): JournalEntry | undefined {
	const record = journalObject(line);
	return record === undefined ? undefined : journalEntryOf(record);
}

/** A parsed object back into an entry; undefined when it is not a journal record. */
export function journalEntryOf(record: Readonly<Record<string, unknown>>): JournalEntry | undefined {
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
	if (typeof record.diskBytes === 'number' && Number.isFinite(record.diskBytes) && record.diskBytes >= 0) entry.diskBytes = record.diskBytes;
	const since = timeOf(record.since);
	if (since !== undefined) entry.since = since;
	const explanation = explanationFrom(record.explanation);
	if (explanation !== undefined) entry.explanation = explanation;
	return entry;
}

export interface JournalText {
	entries: JournalEntry[];
	/** Lines that are not journal records (a torn last line, a foreign line): counted, said once, kept in the file. */
	unreadable: number;
}

/** Every line of a journal file's text; blank lines are not counted. */
export function parseJournalText(text: string): JournalText {
	return parseJournalRecords(text, journalEntryOf);
}

/** Every line of a journal's text read by `read` (an entry, with more of the record where a reader needs it). */
export function parseJournalRecords<Entry>(text: string, read: (record: Readonly<Record<string, unknown>>) => Entry | undefined): {entries: Entry[]; unreadable: number} {
	const entries: Entry[] = [];
	let unreadable = 0;
	for (const line of text.split('\n')) {
		if (line.trim() === '') continue;
		const record = journalObject(line);
		const entry = record === undefined ? undefined : read(record);
		if (entry === undefined) unreadable++;
		else entries.push(entry);
	}
	return {entries, unreadable};
}
