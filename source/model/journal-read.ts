import {explanationFrom} from './failure-explanations.js';
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

const stringFields = ['region', 'profile', 'status', 'from', 'to', 'message', 'description', 'resultId'] as const;

/** One line of JSON as an object whose fields are yet to be checked; undefined for anything else. */
function journalObject(line: string): Readonly<Record<string, unknown>> | undefined {
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

/** A record written by a later schema than this watcher knows. */
function isFuture(record: Readonly<Record<string, unknown>>): boolean {
	return typeof record.v === 'number' && record.v > journalSchemaVersion;
}

/** One line of JSON back into an entry; undefined for a line that is not a journal record (or of a later schema). */
export function parseJournalLine(line: string): JournalEntry | undefined {
	const record = journalObject(line);
	return record === undefined ? undefined : journalEntryOf(record);
}

/** A parsed object back into an entry; undefined when it is not a journal record of this schema (`v` absent or 1). */
export function journalEntryOf(record: Readonly<Record<string, unknown>>): JournalEntry | undefined {
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
	if (typeof record.diskBytes === 'number' && Number.isFinite(record.diskBytes) && record.diskBytes >= 0) entry.diskBytes = record.diskBytes;
	const since = timeOf(record.since);
	if (since !== undefined) entry.since = since;
	const explanation = explanationFrom(record.explanation);
	if (explanation !== undefined) entry.explanation = explanation;
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
	const {entries, unreadable, future} = parseJournalRecords(text, journalEntryOf);
	return {entries, unreadable, future};
}

/** How our writer starts a line (journal-line.ts): the version, then the time; the task id follows the event. */
const writtenStart = '{"v":1,"time":"';
const taskIdKey = '","taskId":';

/**
 * A line's task id read from its start, without parsing it whole (a store of 100,000 lines is mostly of tasks
 * not listed any more: those are only looked at). Undefined for a line not in our writer's shape (a torn line, an
 * older or a foreign one, an id with an escape in it): such a line is parsed in full.
 */
export function peekTaskId(line: string): string | null | undefined {
	if (!line.startsWith(writtenStart) || !line.endsWith('}')) return undefined;
	// Neither the time nor the event word before it can hold this key.
	const key = line.indexOf(taskIdKey, writtenStart.length);
	if (key < 0) return undefined;
	const start = key + taskIdKey.length;
	if (line.startsWith('null', start)) return null;
	const end = line.indexOf('"', start + 1);
	if (line.charCodeAt(start) !== 0x22 || end < 0) return undefined;
	const id = line.slice(start + 1, end);
	return id.includes('\\') ? undefined : id;
}

/** The time of a line in our writer's shape (see peekTaskId), else of the line parsed in full. */
export function lineTime(line: string): number | undefined {
	if (line.startsWith(writtenStart)) {
		const at = timeOf(line.slice(writtenStart.length, line.indexOf('"', writtenStart.length)));
		if (at !== undefined) return at;
	}
	return parseJournalLine(line)?.at;
}

export interface JournalScan<Entry = JournalEntry> {
	entries: Entry[];
	/** As in JournalText. */
	unreadable: number;
	future: number;
	/** The non-blank lines, and each one's task id as peeked (undefined: not peekable or not asked), for compaction. */
	lines: string[];
	ids: (string | null | undefined)[];
}

/**
 * Every line of a journal's text read by `read` (an entry, with more of the record where a reader needs it; the
 * report reads the result and the cause too). Given `wanted`, the lines in our writer's shape whose task id is not
 * wanted are only looked at, not parsed (their entries are left out); every other line is parsed and counted.
 */
export function parseJournalRecords<Entry>(
	text: string,
	read: (record: Readonly<Record<string, unknown>>) => Entry | undefined,
	wanted?: (taskId: string | null) => boolean,
): JournalScan<Entry> {
	const entries: Entry[] = [];
	let unreadable = 0;
	let future = 0;
	const lines = text.split('\n').filter((line) => line.trim() !== '');
	const ids = wanted === undefined ? [] : lines.map(peekTaskId);
	for (const [index, line] of lines.entries()) {
		const id = ids[index];
		if (wanted !== undefined && id !== undefined && !wanted(id)) continue;
		const record = journalObject(line);
		if (record !== undefined && isFuture(record)) {
			future++;
			continue;
		}
		const entry = record === undefined ? undefined : read(record);
		if (entry === undefined) unreadable++;
		else entries.push(entry);
	}
	return {entries, unreadable, future, lines, ids};
}

/** The listed tasks' entries of a journal's text (see parseJournalRecords), with its lines for compaction. */
export function parseJournalTextFor(text: string, wanted: (taskId: string | null) => boolean): JournalScan {
	return parseJournalRecords(text, journalEntryOf, wanted);
}
