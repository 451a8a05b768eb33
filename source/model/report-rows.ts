import {eventTaskKey} from './event-log.js';
import type {JournalEntry} from './history.js';
import {statusOf, type TaskKind, type TaskState} from './import-task.js';
import {withoutRepeats} from './journal-repeats.js';

// `ec2-import-watch report`: the journal's transitions folded into one row per import (pure; report-format.ts
// writes them out). Times are what the watcher saw: `firstSeen` is when it first listed the import (for an import
// already there when it started, that start), `ended` when it saw the import leave `active`.

/** What a journal record may carry beyond the entry: the result (AMI or snapshot) and the failure's cause. */
export interface ReportExtras {
	resultId?: string;
	cause?: string;
}

export type ReportEntry = JournalEntry & ReportExtras;

/** Reads the extras from a journal record whose other fields are unknown (a field absent or of another type: none). */
export function reportExtrasOf(record: Readonly<Record<string, unknown>>): ReportExtras {
	const resultId = typeof record.resultId === 'string' && record.resultId !== '' ? record.resultId : undefined;
	const explanation = record.explanation;
	const cause =
		typeof explanation === 'object' && explanation !== null && 'cause' in explanation && typeof explanation.cause === 'string' && explanation.cause !== ''
			? explanation.cause
			: undefined;
	return {...(resultId === undefined ? {} : {resultId}), ...(cause === undefined ? {} : {cause})};
}

export interface ReportRow {
	taskId: string;
	kind?: TaskKind;
	region?: string;
	profile?: string;
	description?: string;
	/** The last status seen. */
	status: string;
	firstSeen: number;
	/** When it was seen to leave `active`; unknown for an import first seen already ended. */
	ended?: number;
	/**
	 * The end was noticed by a restart (`late`): it happened while no watcher ran, some time before `ended`. Such a
	 * row has no duration and no rate (they would count the time no one watched).
	 */
	endedLate?: boolean;
	durationMs?: number;
	diskBytes?: number;
	/** Disk GiB per hour of a completed import with a known size and duration. */
	gibPerHour?: number;
	resultId?: string;
	message?: string;
	/** The failure's cause, where the watcher explained it. */
	explanation?: string;
}

const gib = 2 ** 30;
const hourMs = 3_600_000;

/** The status message an entry says the task now has, if it says one. */
function messageOf(entry: JournalEntry): string | undefined {
	switch (entry.type) {
		case 'message':
			return entry.to;
		case 'first-seen':
		case 'new':
		case 'stuck':
		case 'status':
			return entry.message;
		case 'progress':
		case 'gone':
			return undefined;
		default: {
			const unreachable: never = entry.type;
			return unreachable;
		}
	}
}

function withEntry(row: ReportRow, entry: ReportEntry, wasActive: boolean): ReportRow {
	const status = entry.status ?? row.status;
	const message = messageOf(entry);
	const leftActive = wasActive && row.ended === undefined && statusOf(status) !== 'active' && statusOf(status) !== 'unknown';
	return {
		...row,
		status,
		...(entry.kind === undefined ? {} : {kind: entry.kind}),
		...(entry.description === undefined || entry.description === '' ? {} : {description: entry.description}),
		...(entry.diskBytes === undefined || entry.diskBytes === 0 ? {} : {diskBytes: entry.diskBytes}),
		...(entry.resultId === undefined ? {} : {resultId: entry.resultId}),
		...(entry.cause === undefined ? {} : {explanation: entry.cause}),
		...(message === undefined ? {} : {message}),
		...(leftActive ? {ended: entry.at, ...(entry.late === true ? {endedLate: true} : {})} : {}),
	};
}

/** Duration and rate, once the row is whole. */
function finished(row: ReportRow): ReportRow {
	if (row.ended === undefined || row.endedLate === true) return row;
	const durationMs = row.ended - row.firstSeen;
	const rate = statusOf(row.status) === 'completed' && row.diskBytes !== undefined && durationMs > 0 ? row.diskBytes / gib / (durationMs / hourMs) : undefined;
	return {...row, durationMs, ...(rate === undefined ? {} : {gibPerHour: rate})};
}

/**
 * One row per import, in the order first seen. Entries of a task EC2 sent without an id are left out (nothing
 * tells one such task from another across polls); a transition two watchers both recorded counts once.
 */
export function reportRows(entries: readonly ReportEntry[]): ReportRow[] {
	const rows = new Map<string, ReportRow>();
	const active = new Set<string>();
	for (const entry of withoutRepeats(entries)) {
		if (entry.taskId === undefined) continue;
		// One row per (kind, id, region, profile): the key the event log and the repeats use.
		const key = eventTaskKey(entry);
		const row = rows.get(key) ?? {
			taskId: entry.taskId,
			...(entry.region === undefined ? {} : {region: entry.region}),
			...(entry.profile === undefined ? {} : {profile: entry.profile}),
			status: entry.status ?? 'unknown',
			firstSeen: entry.at,
		};
		const next = withEntry(row, entry, active.has(key));
		if (statusOf(next.status) === 'active') active.add(key);
		rows.set(key, next);
	}
	return [...rows.values()].map(finished);
}

export interface ReportFilter {
	/** Imports first seen at or after this time. */
	since?: number;
	states?: readonly TaskState[];
	kinds?: readonly TaskKind[];
}

export function filterRows(rows: readonly ReportRow[], filter: ReportFilter): ReportRow[] {
	return rows.filter((row) => {
		if (filter.since !== undefined && row.firstSeen < filter.since) return false;
		const state = statusOf(row.status);
		if (filter.states !== undefined && (state === 'unknown' || !filter.states.includes(state))) return false;
		if (filter.kinds !== undefined && (row.kind === undefined || !filter.kinds.includes(row.kind))) return false;
		return true;
	});
}

export interface ReportTotals {
	imports: number;
	completed: number;
	/** Deleted: failed or cancelled. */
	deleted: number;
	/** The disks of the completed imports whose size is known. */
	completedGib: number;
	/** The median duration of the completed imports whose duration is known. */
	medianDurationMs?: number;
	/** Completed imports whose end a restart noticed (no duration: left out of the median and the throughput). */
	endedUnwatched: number;
	/** The GiB of completed imports with a known size and duration, per hour from the first of them seen to the last ended. */
	gibPerHour?: number;
}

function median(values: readonly number[]): number | undefined {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	if (sorted.length === 0) return undefined;
	return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function reportTotals(rows: readonly ReportRow[]): ReportTotals {
	const completed = rows.filter((row) => statusOf(row.status) === 'completed');
	const timed = completed.filter((row) => row.durationMs !== undefined && row.ended !== undefined);
	const sized = timed.filter((row) => row.diskBytes !== undefined);
	const spanMs = sized.length === 0 ? 0 : Math.max(...sized.map((row) => row.ended ?? 0)) - Math.min(...sized.map((row) => row.firstSeen));
	const sizedGib = sized.reduce((sum, row) => sum + (row.diskBytes ?? 0), 0) / gib;
	const medianDurationMs = median(timed.flatMap((row) => (row.durationMs === undefined ? [] : [row.durationMs])));
	return {
		imports: rows.length,
		completed: completed.length,
		deleted: rows.filter((row) => statusOf(row.status) === 'deleted').length,
		completedGib: completed.reduce((sum, row) => sum + (row.diskBytes ?? 0), 0) / gib,
		endedUnwatched: completed.filter((row) => row.endedLate === true).length,
		...(medianDurationMs === undefined ? {} : {medianDurationMs}),
		...(spanMs > 0 ? {gibPerHour: sizedGib / (spanMs / hourMs)} : {}),
	};
}
