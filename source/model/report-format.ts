import {sanitize} from '../text/sanitize.js';
import {formatDuration} from './format.js';
import {type ReportRow, type ReportTotals, reportTotals} from './report-rows.js';

// The report's rows written out: CSV (RFC 4180: CRLF, quoted where needed, a cell that a spreadsheet would take
// for a formula neutralised), a Markdown table with totals, or JSON. Every text from the journal is sanitised
// again here (the file may have been written by anything) and is one line; no format has an escape sequence.

export const reportFormats = ['csv', 'md', 'json'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export function isReportFormat(value: string): value is ReportFormat {
	return (reportFormats as readonly string[]).includes(value);
}

export const reportColumns = [
	'task_id',
	'kind',
	'region',
	'description',
	'status',
	'first_seen',
	'ended',
	'duration_s',
	'disk_bytes',
	'gib_per_hour',
	'result_id',
	'message',
	'explanation',
] as const;

type Column = (typeof reportColumns)[number];
type Cell = string | number | null;

/** The offset from UTC, in minutes, at a moment (east positive): the local zone's, or a fixed one in tests. */
export type OffsetAt = (epochMs: number) => number;

const two = (value: number) => String(value).padStart(2, '0');

/** ISO 8601 with the zone's offset, to the second: `2026-12-07T09:17:33+01:00` (`Z` never: the offset is said). */
export function isoWithOffset(epochMs: number, offsetAt: OffsetAt): string {
	const offset = offsetAt(epochMs);
	const local = new Date(epochMs + offset * 60_000);
	const sign = offset < 0 ? '-' : '+';
	const size = Math.abs(offset);
	const date = `${local.getUTCFullYear()}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}`;
	const time = `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}`;
	return `${date}T${time}${sign}${two(Math.floor(size / 60))}:${two(size % 60)}`;
}

/** The local zone's offset (what `new Date` knows, daylight saving included). */
export const localOffset: OffsetAt = (epochMs) => -new Date(epochMs).getTimezoneOffset();

/** Untrusted text made one line and safe for any terminal or file; empty stays empty. */
const clean = (text: string | undefined): string | null => (text === undefined || text === '' ? null : sanitize(text));

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

function cells(row: ReportRow, offsetAt: OffsetAt): Record<Column, Cell> {
	return {
		task_id: clean(row.taskId),
		kind: row.kind ?? null,
		region: clean(row.region),
		description: clean(row.description),
		status: clean(row.status),
		first_seen: isoWithOffset(row.firstSeen, offsetAt),
		ended: row.ended === undefined ? null : isoWithOffset(row.ended, offsetAt),
		duration_s: row.durationMs === undefined ? null : Math.round(row.durationMs / 1000),
		disk_bytes: row.diskBytes ?? null,
		gib_per_hour: row.gibPerHour === undefined ? null : round(row.gibPerHour, 2),
		result_id: clean(row.resultId),
		message: clean(row.message),
		explanation: clean(row.explanation),
	};
}

/** A spreadsheet reads a cell starting with these as a formula (CSV injection): such a cell gets a leading `'`. */
const formulaStart = /^[=+\-@\t\r]/;

/** One CSV field: neutralised if it would start a formula, quoted if it holds a comma, a quote, CR or LF. */
export function csvField(cell: Cell): string {
	if (cell === null) return '';
	const text = String(cell);
	const safe = formulaStart.test(text) ? `'${text}` : text;
	return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A Markdown table cell: backslashes and pipes escaped, so the cell cannot end early; `—` for nothing. */
export function markdownCell(cell: Cell): string {
	if (cell === null) return '—';
	return String(cell).replaceAll('\\', '\\\\').replaceAll('|', '\\|');
}

const gibText = (value: number) => `${round(value, 1).toLocaleString('en-US')} GiB`;

/** A duration as the duration_s column rounds it (to the second), in words. */
const durationText = (ms: number) => formatDuration(Math.round(ms / 1000) * 1000);

/** The totals under the Markdown table, one line each. */
export function totalsLines(totals: ReportTotals): string[] {
	const unwatched = (what: string) => (totals.endedUnwatched === 0 ? '' : ` (${totals.endedUnwatched} ended while no watcher ran: ${what})`);
	return [
		`- imports: ${totals.imports}`,
		`- completed: ${totals.completed}`,
		`- failed or cancelled (deleted): ${totals.deleted}`,
		`- total GiB (completed): ${gibText(totals.completedGib)}`,
		`- median duration (completed): ${totals.medianDurationMs === undefined ? '—' : durationText(totals.medianDurationMs)}${unwatched('no duration')}`,
		`- throughput (completed, first seen to last ended): ${totals.gibPerHour === undefined ? '—' : `${gibText(totals.gibPerHour)}/h`}${unwatched('left out')}`,
	];
}

export function formatReport(rows: readonly ReportRow[], format: ReportFormat, offsetAt: OffsetAt): string {
	const table = rows.map((row) => cells(row, offsetAt));
	switch (format) {
		case 'csv':
			return [reportColumns.join(','), ...table.map((row) => reportColumns.map((column) => csvField(row[column])).join(','))]
				.map((line) => `${line}\r\n`)
				.join('');
		case 'md':
			return `${[
				`| ${reportColumns.join(' | ')} |`,
				`|${reportColumns.map(() => ' --- |').join('')}`,
				...table.map((row) => `| ${reportColumns.map((column) => markdownCell(row[column])).join(' | ')} |`),
				'',
				'Totals:',
				'',
				...totalsLines(reportTotals(rows)),
			].join('\n')}\n`;
		case 'json':
			return `${JSON.stringify(table, null, 2)}\n`;
		default: {
			const unreachable: never = format;
			return unreachable;
		}
	}
}
