import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {launchPath, startTerm, withTerm} from '../helpers/term.js';
import {scratchDir} from '../helpers/scratch-dir.js';

// Plain output as a log reads it (TERM=dumb under a pty, and a pipe): the table once, then one line per change
// with its date, task, what changed and ETA; every line within the terminal's width, nothing cut without one;
// the summary at the end; `q` quits when stdin is a terminal. And a journal that can no longer be written
// (a file size limit: writes fail with EFBIG) is said on screen and in the summary, and the exit code is 2.

const changeLine = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d import-ami-\w+ (status|passed|new import|[\w ]+ > )/m;

const lines = (text: string) => text.replace(/\r/g, '').split('\n');

describe('plain output', () => {
	test('TERM=dumb: the table once, then a line per change, each within the width; q quits and leaves the summary', async () => {
		await withTerm(startTerm({args: ['--demo', '--interval', '1'], env: {TERM: 'dumb'}, columns: 100}), async (term) => {
			await term.waitFor(changeLine, {timeoutMs: 20_000});
			const atChange = term.text().length;
			await term.waitFor(changeLine, {timeoutMs: 20_000, from: atChange});
			term.write('q');
			const exit = await term.exited;
			assert.equal(exit.code, 0);
			const text = term.text();
			assert.equal(text.match(/TASK ID/g)?.length, 1, 'the table is printed once');
			assert.match(text, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d 21 tasks \(/m, 'the table is headed with the date (the demo: 16 image and 5 snapshot imports)');
			for (const line of lines(text)) assert.ok(line.length <= 100, `wider than the terminal: ${line}`);
			assert.match(text, /^ec2-import-watch: watched \d+s \| \d+ tasks/m, 'the summary at the end');
			assert.doesNotMatch(text, /\u001B/, 'no escape sequences');
		});
	});

	test('a pipe: nothing cut, the summary on SIGTERM', async () => {
		await withTerm(startTerm({args: ['--demo', '--interval', '1'], noTty: true}), async (term) => {
			await term.waitFor(changeLine, {timeoutMs: 20_000});
			await term.kill('SIGTERM');
			await term.exited;
			// The cut mark ends a cut text (`Th~`); a lone `~` is the ASCII glyph of deleting.
			assert.doesNotMatch(term.text(), /\S~(?=\s|$)/m, 'no cut mark: nobody reads a pipe on a terminal');
			assert.match(term.text(), changeLine);
		});
	});
});

describe('a journal that can no longer be written', () => {
	// bash's ulimit -f counts KiB: the first poll's lines (21 tasks first seen) do not fit in 1 KiB. Node's compile
	// cache, written at exit under the same limit, is turned off so that the exit code is the watcher's own.
	const limited = (journal: string, args: string[]) => [
		'/bin/bash',
		'-c',
		`ulimit -f 1; exec "$0" "$@"`,
		process.execPath,
		launchPath,
		'--demo',
		'--journal',
		journal,
		...args,
	];
	const env = {NODE_DISABLE_COMPILE_CACHE: '1'};

	test('plain lines: a line when it fails, the failure after the summary, exit code 2', async () => {
		const journal = join(scratchDir('eiw-journal-'), 'j.jsonl');
		await withTerm(startTerm({command: limited(journal, ['--interval', '1']), env: {...env, TERM: 'dumb'}}), async (term) => {
			await term.waitFor(/the journal \S+ could not be written \(EFBIG\)/, {timeoutMs: 20_000});
			term.write('q');
			const exit = await term.exited;
			assert.equal(exit.code, 2);
			assert.match(term.text(), /ec2-import-watch: watched [^\n]*\n[^\n]*ec2-import-watch: the journal \S+ could not be written \(EFBIG\)/);
			assert.ok(readFileSync(journal, 'utf8').length <= 1024);
		});
	});

	test('the TUI: said in the header, then after the summary; exit code 2', async () => {
		const journal = join(scratchDir('eiw-journal-'), 'j.jsonl');
		await withTerm(startTerm({command: limited(journal, []), env, columns: 120, rows: 30}), async (term) => {
			await term.waitFor(/could not be written \(EFBIG\)/, {timeoutMs: 20_000});
			assert.match(term.text(), /✖ the journal \S+ could not be written \(EFBIG\)/, 'in the header');
			term.write('q');
			const exit = await term.exited;
			assert.equal(exit.code, 2);
			assert.match(term.text(), /ec2-import-watch: the journal \S+ could not be written \(EFBIG\) at [^\n]*: transitions since then are not in it/);
		});
	});
});
