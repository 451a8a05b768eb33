import assert from 'node:assert/strict';
import {execFile, execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {parseJournalText} from '../../source/model/journal-read.js';
import {openJournal} from '../../source/watch/journal-file.js';
import {scratchDir} from '../helpers/scratch-dir.js';

// Only a regular file is a journal; the check never blocks (a FIFO with no reader is refused, not waited on).

describe('openJournal', () => {
	const dir = scratchDir('eiw-journal-');
	const refused = (path: string) => {
		try {
			openJournal(path);
		} catch (error) {
			assert.ok(error instanceof Error);
			assert.equal(error.message.includes('\n'), false, 'one line');
			return error.message;
		}
		return assert.fail(`${path} was accepted`);
	};

	test('refuses a FIFO at once, without waiting for a reader', {timeout: 5000}, () => {
		const fifo = join(dir, 'fifo');
		execFileSync('mkfifo', [fifo]);
		assert.equal(refused(fifo), `cannot append to the journal ${fifo} (a FIFO, not a regular file)`);
	});

	test('refuses a symlink to /dev/full, a directory and /proc/self/status', () => {
		const full = join(dir, 'full');
		symlinkSync('/dev/full', full);
		assert.equal(refused(full), `cannot append to the journal ${full} (a device, not a regular file)`);
		const directory = join(dir, 'directory');
		mkdirSync(directory);
		assert.equal(refused(directory), `cannot append to the journal ${directory} (a directory, not a regular file)`);
		assert.equal(refused('/proc/self/status'), 'cannot append to the journal /proc/self/status (a file of /proc, not a regular file)');
		assert.equal(refused(join(dir, 'no', 'such', 'dir.jsonl')), `cannot append to the journal ${join(dir, 'no', 'such', 'dir.jsonl')} (ENOENT)`);
	});

	test('appends to a regular file, new or existing', async () => {
		const file = join(dir, 'j.jsonl');
		writeFileSync(file, '{"kept":true}\n');
		const journal = openJournal(file);
		journal.append([{at: Date.UTC(2026, 0, 1), type: 'new', taskId: 'import-ami-1', status: 'active'}]);
		await journal.close();
		assert.equal(journal.failure, undefined);
		assert.deepEqual(
			readFileSync(file, 'utf8')
				.trimEnd()
				.split('\n')
				.map((line) => JSON.parse(line)),
			[{kept: true}, {v: 1, time: '2026-01-01T00:00:00.000Z', event: 'new', taskId: 'import-ami-1', status: 'active'}],
		);
	});
});

describe('the one writer of JSON lines', () => {
	const dir = scratchDir('eiw-writer-');
	const entry = (taskId: string) => ({at: Date.UTC(2026, 0, 1), type: 'new' as const, taskId, status: 'active'});
	const lines = (file: string) =>
		readFileSync(file, 'utf8')
			.split('\n')
			.filter((line) => line !== '');

	test('ends a half line left by a crash before its first line, and never cuts it', async () => {
		const file = join(dir, 'torn.jsonl');
		writeFileSync(file, '{"v":1,"time":"2026-01-01T00:00:00.000Z","event":"new","taskId":"a"}\n{"v":1,"time":"2026-01-');
		const journal = openJournal(file);
		journal.append([entry('import-ami-1')]);
		journal.append([entry('import-ami-2')]);
		await journal.close();
		const text = readFileSync(file, 'utf8');
		assert.ok(
			text.startsWith('{"v":1,"time":"2026-01-01T00:00:00.000Z","event":"new","taskId":"a"}\n{"v":1,"time":"2026-01-\n'),
			'the half line is kept, ended',
		);
		const parsed = parseJournalText(text);
		assert.equal(parsed.unreadable, 1);
		assert.deepEqual(
			parsed.entries.map((one) => one.taskId),
			['a', 'import-ami-1', 'import-ami-2'],
		);
	});

	test('a file deleted while running is opened again at its path, and says so', async () => {
		const file = join(dir, 'deleted.jsonl');
		const said: string[] = [];
		const journal = openJournal(file, {onReopen: (line) => said.push(line), mode: 0o600});
		journal.append([entry('import-ami-1')]);
		unlinkSync(file);
		journal.append([entry('import-ami-2')]);
		await journal.close();
		assert.equal(journal.failure, undefined);
		assert.deepEqual(
			lines(file).map((line) => JSON.parse(line).taskId),
			['import-ami-2'],
		);
		assert.equal(statSync(file).mode & 0o777, 0o600);
		assert.equal(said.length, 1);
		assert.match(said[0] ?? '', /^the journal .*deleted\.jsonl was moved or deleted at .*: appending to a new file at that path$/);
	});

	test('a file whose directory went away: the loss is said as a write failure is', async () => {
		const gone = join(dir, 'gone');
		mkdirSync(gone);
		const file = join(gone, 'journal.jsonl');
		const failures: string[] = [];
		const journal = openJournal(file, {onFailure: (line) => failures.push(line), now: () => Date.UTC(2026, 0, 1)});
		journal.append([entry('import-ami-1')]);
		rmSync(gone, {recursive: true});
		journal.append([entry('import-ami-2')]);
		journal.append([entry('import-ami-3')]);
		await journal.close();
		assert.deepEqual(failures, [
			`the journal ${file} was moved or deleted, and cannot be made again (ENOENT) at 2026-01-01T00:00:00.000Z: transitions since then are not in it`,
		]);
		assert.equal(journal.failure, failures[0]);
	});

	test('a file moved away (rotated) while running: later lines go to a new file at the path', async () => {
		const file = join(dir, 'moved.jsonl');
		const journal = openJournal(file);
		journal.append([entry('import-ami-1')]);
		renameSync(file, `${file}.1`);
		writeFileSync(file, '{"v":1,"time":"2026-01-01T00:00:00.000Z","event":"new","taskId":"x"}');
		journal.append([entry('import-ami-2')]);
		await journal.close();
		assert.deepEqual(
			lines(`${file}.1`).map((line) => JSON.parse(line).taskId),
			['import-ami-1'],
		);
		assert.deepEqual(
			lines(file).map((line) => JSON.parse(line).taskId),
			['x', 'import-ami-2'],
			'on a line of its own after what was there',
		);
	});

	test('two writers at once append whole lines only', {timeout: 60_000}, async () => {
		const file = join(dir, 'shared.jsonl');
		const script = fileURLToPath(new URL('../helpers/append-journal.ts', import.meta.url));
		const run = (writer: string) =>
			new Promise<string>((resolve) =>
				execFile(process.execPath, ['--import', 'tsx', script, file, writer, '4000'], (error) => resolve(error === null ? 'ok' : String(error))),
			);
		let ended = false;
		const done = Promise.all([run('a'), run('b')]).finally(() => {
			ended = true;
		});
		// Real processes starting up: wait for both (or for one that failed to start).
		while (!ended && !(existsSync(`${file}.a.ready`) && existsSync(`${file}.b.ready`))) await new Promise((resolve) => setTimeout(resolve, 20));
		writeFileSync(`${file}.go`, '');
		assert.deepEqual(await done, ['ok', 'ok']);
		const parsed = parseJournalText(readFileSync(file, 'utf8'));
		assert.equal(parsed.unreadable, 0);
		assert.equal(parsed.entries.length, 2 * 4000 * 3);
		const writers = parsed.entries.map((one) => one.taskId?.split('-')[2]);
		for (const writer of ['a', 'b']) assert.equal(writers.filter((one) => one === writer).length, 12_000);
		// They did write at the same time: the file switches from one writer to the other more than once.
		const switches = writers.filter((one, index) => index > 0 && one !== writers[index - 1]).length;
		assert.ok(switches > 2, `the writers overlapped (${switches} switches)`);
	});
});
