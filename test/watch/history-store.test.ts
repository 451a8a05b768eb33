import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import type {JournalEntry} from '../../source/model/history.js';
import type {ImportTask} from '../../source/model/import-task.js';
import {journalLine} from '../../source/model/journal-line.js';
import {parseJournalText} from '../../source/model/journal-read.js';
import {historyDirectory, historyFile} from '../../source/watch/history-paths.js';
import {withHistory} from '../../source/watch/history-source.js';
import {fitLine} from '../../source/ui/fit-segments.js';
import {historyKeepMs, openHistoryStore, shortPath} from '../../source/watch/history-store.js';
import {scratchDir} from '../helpers/scratch-dir.js';
import {task} from '../helpers/tasks.js';

// The history store on disk: private, never cut or deleted, off with one line when it cannot be used.

const root = scratchDir('eiw-store-');
let count = 0;
const fresh = () => historyDirectory({XDG_STATE_HOME: join(root, `state-${count++}`)}, '/nonexistent');
const now = Date.UTC(2026, 5, 1);
const seen = (taskId: string, at = now): JournalEntry => ({at, type: 'first-seen', taskId, kind: 'image', status: 'active', progress: 10});

function open(directory: string | undefined, extra: {journal?: string; capBytes?: number} = {}) {
	const notices: string[] = [];
	const kept: string[] = [];
	const store = openHistoryStore({
		directory,
		now: () => now,
		onNotice: (line, keep) => {
			notices.push(line);
			if (keep === true) kept.push(line);
		},
		...extra,
	});
	return {store, notices, kept};
}

describe('the history store', () => {
	test('creates its directory 0700 and its file 0600, and reads back what it wrote', async () => {
		const directory = fresh();
		const {store, notices} = open(directory);
		await store.read();
		assert.deepEqual(store.load([]), []);
		store.append([seen('import-ami-1')]);
		await store.close();
		assert.equal(statSync(directory).mode & 0o777, 0o700);
		assert.equal(statSync(join(directory, '..')).mode & 0o777, 0o700, 'a state directory it had to create too');
		assert.equal(statSync(historyFile(directory)).mode & 0o777, 0o600);
		assert.deepEqual(notices, []);
		const again = open(directory).store;
		await again.read();
		assert.deepEqual(
			again.load([task('import-ami-1')]).map((entry) => entry.taskId),
			['import-ami-1'],
		);
		await again.close();
	});

	test('says when an existing directory or file is open to others, and leaves their modes alone', async () => {
		const directory = fresh();
		mkdirSync(directory, {recursive: true});
		chmodSync(directory, 0o755);
		writeFileSync(historyFile(directory), journalLine(seen('import-ami-1')));
		chmodSync(historyFile(directory), 0o644);
		const {store, notices} = open(directory);
		await store.read();
		store.load([]);
		store.append([seen('import-ami-2')]);
		await store.close();
		assert.deepEqual(notices, [
			`history: ${directory} is open to other users (mode 755); chmod 700 it to keep the history private`,
			`history: ${historyFile(directory)} is open to other users (mode 644); chmod 600 it to keep it private`,
		]);
		assert.equal(statSync(directory).mode & 0o777, 0o755);
		assert.equal(statSync(historyFile(directory)).mode & 0o777, 0o644);
	});

	test('skips a torn last line (said once, with the count), keeps it, and starts the next line on a line of its own', async () => {
		const directory = fresh();
		mkdirSync(directory, {recursive: true, mode: 0o700});
		const before = `${journalLine(seen('import-ami-1'))}${journalLine(seen('import-ami-2'))}{"v":1,"time":"2026-06-01T00:00:00.000Z","event":"sta`;
		writeFileSync(historyFile(directory), before, {mode: 0o600});
		const {store, notices, kept} = open(directory);
		await store.read();
		// Only the lines of listed tasks are parsed; the torn one is counted whatever its task.
		assert.deepEqual(
			store.load([task('import-ami-1'), task('import-ami-2')]).map((entry) => entry.taskId),
			['import-ami-1', 'import-ami-2'],
		);
		const said = `history: ${shortPath(historyFile(directory))}, left in the file: 1 torn or foreign line skipped`;
		assert.deepEqual(notices, [said]);
		assert.deepEqual(kept, [said], 'said again after quit');
		assert.match(said, /^history: …\/state-\d+\/ec2-import-watch\/history\.jsonl, /, 'the path shortened from its left');
		// A narrow notice bar cuts the middle: the path goes from its left, the count stays.
		assert.equal(fitLine(said, 60), 'history: … left in the file: 1 torn or foreign line skipped');
		store.append([seen('import-ami-3')]);
		await store.close();
		const text = readFileSync(historyFile(directory), 'utf8');
		assert.ok(text.startsWith(`${before}\n`), 'never cut, only ended');
		const parsed = parseJournalText(text);
		assert.deepEqual([parsed.entries.length, parsed.unreadable], [3, 1]);
	});

	test('a store of a later schema: one line, no history, the file untouched', async () => {
		const directory = fresh();
		mkdirSync(directory, {recursive: true, mode: 0o700});
		const future = '{"v":2,"time":"2026-06-01T00:00:00.000Z","event":"first-seen","taskId":"import-ami-1","shape":"new"}\n';
		writeFileSync(historyFile(directory), future, {mode: 0o600});
		const {store, notices} = open(directory);
		await store.read();
		assert.deepEqual(store.load([task('import-ami-1')]), []);
		store.append([seen('import-ami-2')]);
		await store.close();
		assert.deepEqual(notices, [
			`history is off: ${historyFile(directory)} was written by a newer ec2-import-watch (a later schema); the watcher runs on without it (nothing there was changed)`,
		]);
		assert.equal(readFileSync(historyFile(directory), 'utf8'), future);
	});

	test('a path that is not a regular file, or a directory that cannot be made: one line, nothing written or deleted', async () => {
		const asDirectory = fresh();
		mkdirSync(historyFile(asDirectory), {recursive: true, mode: 0o700});
		const fifo = fresh();
		mkdirSync(fifo, {recursive: true, mode: 0o700});
		execFileSync('mkfifo', [historyFile(fifo)]);
		const file = join(root, 'a-file');
		writeFileSync(file, 'mine');
		const underFile = historyDirectory({XDG_STATE_HOME: file}, '/nonexistent');
		for (const [directory, reason] of [
			[asDirectory, `${historyFile(asDirectory)} is not a regular file`],
			[fifo, `${historyFile(fifo)} is not a regular file`],
			[underFile, `${underFile} cannot be used (ENOTDIR)`],
		] as const) {
			const {store, notices} = open(directory);
			await store.read();
			assert.deepEqual(store.load([task('import-ami-1')]), []);
			store.append([seen('import-ami-1')]);
			await store.close();
			assert.deepEqual(notices, [`history is off: ${reason}; the watcher runs on without it (nothing there was changed)`]);
		}
		assert.equal(readFileSync(file, 'utf8'), 'mine');
		assert.ok(statSync(historyFile(asDirectory)).isDirectory());
		assert.ok(statSync(historyFile(fifo)).isFIFO());
	});

	test('compacts when over the cap: keeps listed and recent tasks, the whole old file as history.1.jsonl, 0600', async () => {
		const directory = fresh();
		mkdirSync(directory, {recursive: true, mode: 0o700});
		const old = now - historyKeepMs - 86_400_000;
		const lines = [
			...Array.from({length: 10}, (_, index) => journalLine(seen(`import-ami-gone${index}`, old))),
			journalLine(seen('import-ami-listed', old)),
			journalLine(seen('import-ami-recent', now - 86_400_000)),
			'{"v":1,"torn',
			'\n',
		].join('');
		writeFileSync(historyFile(directory), lines, {mode: 0o600});
		const {store, notices} = open(directory, {capBytes: 1500});
		await store.read();
		const listed: ImportTask[] = [task('import-ami-listed')];
		assert.deepEqual(
			store.load(listed).map((entry) => entry.taskId),
			['import-ami-listed'],
		);
		store.append([seen('import-ami-new')]);
		await store.close();
		assert.equal(readFileSync(join(directory, 'history.1.jsonl'), 'utf8'), lines, 'the old file, whole');
		assert.deepEqual(
			parseJournalText(readFileSync(historyFile(directory), 'utf8')).entries.map((entry) => entry.taskId),
			['import-ami-listed', 'import-ami-recent', 'import-ami-new'],
		);
		assert.equal(statSync(historyFile(directory)).mode & 0o777, 0o600);
		assert.deepEqual(notices, [
			`history: ${shortPath(historyFile(directory))}, left in the file: 1 torn or foreign line skipped`,
			`history: ${historyFile(directory)} was over 1.46 KiB: kept 2 of 13 lines (tasks still listed, the last 30 days); the whole old file is kept as history.1.jsonl`,
		]);
		assert.deepEqual(readdirSync(directory).sort(), ['history.1.jsonl', 'history.jsonl'], 'no temporary file left');
	});

	test('a history that can no longer be written while running is said as a write failure is', async () => {
		const directory = fresh();
		const failures: string[] = [];
		const store = openHistoryStore({directory, now: () => now, onFailure: (line) => failures.push(line)});
		await store.read();
		store.load([]);
		store.append([seen('import-ami-1')]);
		rmSync(directory, {recursive: true});
		store.append([seen('import-ami-2')]);
		await store.close();
		assert.deepEqual(failures, [
			`the history ${historyFile(directory)} was moved or deleted, and cannot be made again (ENOENT) at ${new Date(now).toISOString()}: transitions since then are not in it`,
		]);
		assert.equal(store.failure, failures[0]);
	});

	test('--no-history writes nothing, and an existing --journal file is read back (once for lines both have)', async () => {
		const base = join(root, 'no-history');
		const journal = join(root, 'journal.jsonl');
		writeFileSync(journal, `${journalLine(seen('import-ami-1'))}${journalLine(seen('import-ami-2'))}`);
		const {store, notices} = open(undefined, {journal});
		await store.read();
		const listed = [task('import-ami-0'), task('import-ami-1'), task('import-ami-2')];
		assert.deepEqual(
			store.load(listed).map((entry) => entry.taskId),
			['import-ami-1', 'import-ami-2'],
		);
		store.append([seen('import-ami-3')]);
		await store.close();
		assert.deepEqual(notices, []);
		assert.equal(existsSync(base), false);

		const directory = fresh();
		mkdirSync(directory, {recursive: true, mode: 0o700});
		writeFileSync(historyFile(directory), `${journalLine(seen('import-ami-1'))}${journalLine(seen('import-ami-0'))}`);
		const both = open(directory, {journal}).store;
		await both.read();
		assert.deepEqual(
			both.load(listed).map((entry) => entry.taskId),
			['import-ami-1', 'import-ami-0', 'import-ami-2'],
		);
		await both.close();
	});

	test('a store with a run before, even of no task listed now: the newest time of any task, so new imports are new', async () => {
		const directory = fresh();
		mkdirSync(directory, {recursive: true, mode: 0o700});
		writeFileSync(
			historyFile(directory),
			`${journalLine(seen('import-ami-old', now - 5 * 60_000))}${journalLine(seen('import-ami-older', now - 9 * 60_000))}`,
			{mode: 0o600},
		);
		const {store} = open(directory);
		const listed = [task('import-ami-fresh')];
		const source = withHistory({fetchTasks: () => Promise.resolve(listed)}, store);
		assert.deepEqual(await source.fetchTasks(new AbortController().signal), listed);
		assert.equal(store.lastAt(), now - 5 * 60_000);
		const prior = source.priorHistory?.();
		assert.equal(prior?.lastAt, now - 5 * 60_000);
		assert.equal(prior?.byTask.size, 0);
		await store.close();

		const empty = open(fresh()).store;
		const first = withHistory({fetchTasks: () => Promise.resolve(listed)}, empty);
		await first.fetchTasks(new AbortController().signal);
		assert.equal(empty.lastAt(), undefined);
		assert.equal(first.priorHistory?.(), undefined, 'a first run ever: nothing to resume from');
		await empty.close();
	});
});
