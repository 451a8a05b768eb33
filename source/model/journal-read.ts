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
	const {entries, unreadable, future} = parseJournalTextFor(text, () => true);
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

export interface JournalScan extends JournalText {
	/** The non-blank lines, and each one's task id as peeked (undefined: not peekable), for compaction. */
	lines: string[];
	ids: (string | null | undefined)[];
}

/**
 * Like parseJournalText, but the lines in our writer's shape whose task id is not `wanted` are only looked at,
 * not parsed (their entries are left out); every other line is parsed and counted as parseJournalText does.
 */
export function parseJournalTextFor(text: string, wanted: (taskId: string | null) => boolean): JournalScan {
	const entries: JournalEntry[] = [];
	let unreadable = 0;
	let future = 0;
	const lines = text.split('\n').filter((line) => line.trim() !== '');
	const ids = lines.map(peekTaskId);
	for (const [index, line] of lines.entries()) {
		const id = ids[index];
		if (id !== undefined && !wanted(id)) continue;
		const record = recordOf(line);
		if (record !== undefined && isFuture(record)) {
			future++;
			continue;
		}
		const entry = record === undefined ? undefined : entryOf(record);
		if (entry === undefined) unreadable++;
		else entries.push(entry);
	}
	return {entries, unreadable, future, lines, ids};
}
