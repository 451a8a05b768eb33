import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
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
			readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line)),
			[{kept: true}, {time: '2026-01-01T00:00:00.000Z', event: 'new', taskId: 'import-ami-1', status: 'active'}],
		);
	});
});
