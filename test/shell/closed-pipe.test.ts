import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {EventEmitter} from 'node:events';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {closedPipeExitCode, exitOnClosedPipe} from '../../source/shell/closed-pipe.js';
import {assertBuilt, baseEnv, launchPath, type SimulateProcess, simulatorArgs, simulatorEnv, startSimulateCommand} from '../helpers/term.js';
import {scratchDir} from '../helpers/scratch-dir.js';

/** `ec2-import-watch ARGS | head -3` in bash: what head printed, the app's exit code and its stderr. */
function intoHead(args: readonly string[]): Promise<{lines: string[]; code: number; stderr: string}> {
	assertBuilt();
	const command = [process.execPath, launchPath, ...args].map((word) => `'${word}'`).join(' ');
	const script = `${command} 2>"$ERR" | head -3; echo "code=\${PIPESTATUS[0]}"; cat "$ERR" >&2`;
	const env = {...baseEnv(simulatorEnv), ERR: join(scratchDir('eiw-closed-pipe-'), 'stderr')};
	return new Promise((resolve, reject) => {
		execFile('bash', ['-c', script], {env, timeout: 30_000}, (error, stdout, stderr) => {
			if (error !== null) return reject(error);
			const lines = stdout.split('\n');
			const code = Number(/^code=(\d+)$/m.exec(stdout)?.[1]);
			resolve({lines: lines.slice(0, 3), code, stderr});
		});
	});
}

describe('plain output into a closed pipe', () => {
	it('EPIPE ends the process with 141; any other write error is thrown as before', () => {
		const stream = new EventEmitter() as EventEmitter & NodeJS.WritableStream;
		const codes: number[] = [];
		const remove = exitOnClosedPipe([stream], (code) => codes.push(code));
		stream.emit('error', Object.assign(new Error('write EPIPE'), {code: 'EPIPE'}));
		stream.emit('error', Object.assign(new Error('write EPIPE'), {code: 'EPIPE'}));
		assert.deepEqual(codes, [closedPipeExitCode], 'once');
		assert.equal(closedPipeExitCode, 128 + 13);
		assert.throws(() => stream.emit('error', Object.assign(new Error('write EIO'), {code: 'EIO'})), /EIO/);
		remove();
		assert.equal(stream.listenerCount('error'), 0);
	});

	let simulator: SimulateProcess;
	before(async () => {
		simulator = await startSimulateCommand(['--tasks', '3000']);
	});
	after(() => simulator.close());

	it('plain lines | head -3: quiet, exit code 141, the journal written to its end', async () => {
		const journal = join(scratchDir('eiw-pipe-'), 'journal.jsonl');
		const outcome = await intoHead(['--demo', '--interval', '1', '--journal', journal]);
		assert.equal(outcome.lines.length, 3);
		assert.match(outcome.lines[0] ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d 21 tasks \(/);
		assert.equal(outcome.code, 141, outcome.stderr);
		assert.equal(outcome.stderr, '');
		const firstSeen = readFileSync(journal, 'utf8').match(/"event":"first-seen"/g) ?? [];
		assert.equal(firstSeen.length, 21, 'every task the demo starts with (16 image and 5 snapshot imports)');
	});

	it('--once --json | head -3 (more than a pipe holds): quiet, exit code 141', async () => {
		const outcome = await intoHead(['--once', '--json', ...simulatorArgs(simulator.url)]);
		assert.deepEqual(outcome.lines.slice(0, 2), ['[', '  {']);
		assert.equal(outcome.code, 141, outcome.stderr);
		assert.equal(outcome.stderr, '');
	});
});
