import {readFileSync} from 'node:fs';
import {parseArgs} from 'node:util';
import {isTaskKind, isTaskState, type TaskKind, type TaskState} from '../model/import-task.js';
import {journalEntryOf, parseJournalRecords} from '../model/journal-read.js';
import {formatReport, isReportFormat, localOffset, type OffsetAt, type ReportFormat} from '../model/report-format.js';
import {filterRows, type ReportEntry, type ReportFilter, reportExtrasOf, reportRows} from '../model/report-rows.js';
import {sanitize} from '../text/sanitize.js';
import {historyFile, historyPlace} from '../watch/history-paths.js';
import {parseDuration} from './options.js';
import {codeOf} from '../watch/journal-file.js';

// `ec2-import-watch report`: the history (or --journal FILE) as one row per import, in CSV, Markdown or JSON, on
// stdout. Bad input (a flag, a format, a missing or empty file) is one line on stderr and exit code 2.

export const reportUsage = `Usage: ec2-import-watch report [flags]

One row per import from the watcher's history ($XDG_STATE_HOME/ec2-import-watch/history.jsonl,
~/.local/state/ec2-import-watch/history.jsonl when unset) or a --journal file, on stdout.

  --format F      csv (the default; RFC 4180), md (a Markdown table and totals) or json
  --since WHEN    imports first seen at or after WHEN: 2026-12-07, 2026-12-07T08:00, an ISO time
                  with an offset, or a time ago (90m, 24h, 7d)
  --state LIST    only imports whose last status is one of: active,completed,deleting,deleted
  --kind LIST     only these kinds: image,snapshot
  --journal FILE  read FILE (written by --journal) instead of the history
  --help          show this help
`;

export interface ReportIo {
	stdout: NodeJS.WritableStream;
	stderr: NodeJS.WritableStream;
	/** HOME and XDG_STATE_HOME say where the history is, as for the watcher. */
	env: NodeJS.ProcessEnv;
	/** For --since 24h. */
	now: number;
	/** The zone the times are written in; the local one by default. */
	offsetAt?: OffsetAt;
}

type Parsed = {ok: true; value: ReportFilter & {format: ReportFormat; journal?: string}} | {ok: false; error: string};

const list = (text: string) =>
	text
		.split(',')
		.map((item) => item.trim())
		.filter((item) => item !== '');

/** --since: a date (local midnight), a local or offset ISO time, or a duration before now. */
export function parseSince(text: string, now: number): number | undefined {
	const trimmed = text.trim();
	const date = /^(\d{4})-(\d\d)-(\d\d)$/.exec(trimmed);
	if (date !== null) {
		const at = new Date(Number(date[1]), Number(date[2]) - 1, Number(date[3])).getTime();
		return Number.isFinite(at) ? at : undefined;
	}
	if (/^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$/i.test(trimmed)) {
		const at = Date.parse(trimmed.replace(' ', 'T'));
		return Number.isFinite(at) ? at : undefined;
	}
	const ago = /^\d+(\.\d+)?\s*[smhd]$/.test(trimmed) ? parseDuration(trimmed) : undefined;
	return ago === undefined ? undefined : now - ago;
}

function parse(argv: readonly string[], now: number): Parsed | 'help' {
	let values: {format?: string; since?: string; state?: string; kind?: string; journal?: string; help?: boolean};
	try {
		({values} = parseArgs({
			args: [...argv],
			options: {
				format: {type: 'string'},
				since: {type: 'string'},
				state: {type: 'string'},
				kind: {type: 'string'},
				journal: {type: 'string'},
				help: {type: 'boolean'},
			},
			strict: true,
			allowPositionals: false,
		}));
	} catch (error) {
		return {ok: false, error: `${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)} (see report --help)`};
	}
	if (values.help === true) return 'help';
	const format = values.format ?? 'csv';
	if (!isReportFormat(format)) return {ok: false, error: `--format must be csv, md or json (got "${format}")`};
	let since: number | undefined;
	if (values.since !== undefined) {
		since = parseSince(values.since, now);
		if (since === undefined)
			return {ok: false, error: `--since must be a date or time (2026-12-07, 2026-12-07T08:00+01:00) or a time ago (24h, 7d) (got "${values.since}")`};
	}
	let states: TaskState[] | undefined;
	if (values.state !== undefined) {
		const names = list(values.state);
		const bad = names.find((name) => !isTaskState(name));
		if (names.length === 0 || bad !== undefined)
			return {ok: false, error: `--state: "${bad ?? ''}" is not a task state (use active, completed, deleting, deleted)`};
		states = names.filter(isTaskState);
	}
	let kinds: TaskKind[] | undefined;
	if (values.kind !== undefined) {
		const names = list(values.kind);
		const bad = names.find((name) => !isTaskKind(name));
		if (names.length === 0 || bad !== undefined) return {ok: false, error: `--kind: "${bad ?? ''}" is not a kind of import (use image, snapshot)`};
		kinds = names.filter(isTaskKind);
	}
	if (values.journal?.trim() === '') return {ok: false, error: '--journal needs a file name'};
	return {
		ok: true,
		value: {
			format,
			...(since === undefined ? {} : {since}),
			...(states === undefined ? {} : {states}),
			...(kinds === undefined ? {} : {kinds}),
			...(values.journal === undefined ? {} : {journal: values.journal}),
		},
	};
}

/** A record as the report reads it: the entry, and the result and cause where the record has them. */
function reportEntryOf(record: Readonly<Record<string, unknown>>): ReportEntry | undefined {
	const entry = journalEntryOf(record);
	return entry === undefined ? undefined : {...entry, ...reportExtrasOf(record)};
}

export function runReport(argv: readonly string[], io: ReportIo): number {
	const fail = (line: string) => {
		// A path given on the command line may hold anything: one line, nothing a terminal would act on.
		io.stderr.write(`ec2-import-watch report: ${sanitize(line, {maxLength: 1000})}\n`);
		return 2;
	};
	const parsed = parse(argv, io.now);
	if (parsed === 'help') {
		io.stdout.write(reportUsage);
		return 0;
	}
	if (!parsed.ok) return fail(parsed.error);
	const {format, journal, ...filter} = parsed.value;
	let path = journal;
	if (path === undefined) {
		const place = historyPlace(io.env);
		if ('off' in place) return fail(`no history: ${place.off} (set one, or pass --journal FILE)`);
		path = historyFile(place.directory);
	}
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		const code = codeOf(error);
		if (code === 'ENOENT' && journal === undefined) return fail(`no history yet at ${path}: the watcher writes it as it runs (or pass --journal FILE)`);
		return fail(code === 'ENOENT' ? `no journal at ${path}` : `cannot read ${path} (${code})`);
	}
	// A line of a later schema is not this watcher's to read: skipped and counted as any line it cannot read.
	const {entries, unreadable: torn, future} = parseJournalRecords(text, reportEntryOf);
	const unreadable = torn + future;
	const skipped = unreadable === 0 ? '' : ` (${unreadable} line${unreadable === 1 ? ' is' : 's are'} not journal records)`;
	const rows = reportRows(entries);
	if (rows.length === 0) return fail(`${path} holds no imports yet${skipped}`);
	if (unreadable > 0) io.stderr.write(`ec2-import-watch report: ${unreadable} line${unreadable === 1 ? '' : 's'} of ${path} skipped: not journal records\n`);
	const shown = filterRows(rows, filter);
	if (shown.length === 0) io.stderr.write(`ec2-import-watch report: none of the ${rows.length} imports match the filters\n`);
	io.stdout.write(formatReport(shown, format, io.offsetAt ?? localOffset));
	return 0;
}
