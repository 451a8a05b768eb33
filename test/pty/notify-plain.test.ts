import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {baseEnv, launchPath, type SimulateProcess, simulatorArgs, simulatorEnv, startSimulateCommand, startTerm} from '../helpers/term.js';
import {scratchDir} from '../helpers/scratch-dir.js';

// --notify writes terminal bytes (BEL, OSC 9, OSC 777): only where a terminal is the output. Plain lines into a
// file get none of them (a log is not a terminal), and stderr says which were left out; on a terminal that takes
// no escape sequences (TERM=dumb) the bell alone. A task served unchanged becomes stuck after --stuck-after 2s,
// which is what is notified.

const stuckLine = /import-ami-0123456789abcdef0 stuck/;
let simulator: SimulateProcess;
let dir: string;

before(async () => {
	dir = scratchDir('eiw-notify-');
	const scenario = join(dir, 'one-active.json');
	writeFileSync(
		scenario,
		JSON.stringify({tasks: [{ImportTaskId: 'import-ami-0123456789abcdef0', Status: 'active', StatusMessage: 'converting', Progress: '28'}]}),
	);
	simulator = await startSimulateCommand(['--scenario', scenario]);
});
after(async () => {
	await simulator.close();
});

const args = () => [...simulatorArgs(simulator.url), '--kind', 'image', '--interval', '1', '--stuck-after', '2s', '--notify', 'bell,osc9,osc777'];

async function waitForFile(path: string, pattern: RegExp, limitMs: number): Promise<string> {
	const until = Date.now() + limitMs;
	for (;;) {
		const text = readFileSync(path, 'utf8');
		if (pattern.test(text)) return text;
		if (Date.now() > until) throw new Error(`${path} never showed ${pattern}: ${JSON.stringify(text.slice(-400))}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

describe('notifications only where a terminal is', () => {
	test('plain lines into a file: the stuck line, and no ESC or BEL anywhere; stderr says what was left out', async () => {
		const out = join(dir, 'watch.log');
		const err = join(dir, 'watch.err');
		writeFileSync(out, '');
		const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;
		const child = spawn('/bin/sh', ['-c', `exec ${[process.execPath, launchPath, ...args()].map(quote).join(' ')} > ${quote(out)} 2> ${quote(err)}`], {
			env: baseEnv(simulatorEnv),
			stdio: 'ignore',
		});
		const exited = new Promise((resolve) => child.on('exit', resolve));
		try {
			await waitForFile(out, stuckLine, 20_000);
		} finally {
			child.kill('SIGTERM');
			await exited;
		}
		const log = readFileSync(out, 'utf8');
		assert.match(log, stuckLine);
		assert.doesNotMatch(log, /\u001B/, 'no escape sequence in the log');
		assert.doesNotMatch(log, /\u0007/, 'no BEL in the log');
		assert.match(readFileSync(err, 'utf8'), /^warning: --notify bell,osc9,osc777 left out: the output is not a terminal$/m);
	});

	test('a terminal without escape sequences (TERM=dumb): the bell, and no OSC', async () => {
		const term = startTerm({args: args(), env: {...simulatorEnv, TERM: 'dumb'}, columns: 100});
		try {
			await term.waitFor(stuckLine, {timeoutMs: 20_000});
			await term.waitFor('\u0007', {timeoutMs: 5000});
			assert.doesNotMatch(term.text(), /\u001B/, 'no OSC 9 or OSC 777');
		} finally {
			await term.close();
		}
	});
});
