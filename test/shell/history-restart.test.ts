import assert from 'node:assert/strict';
import {existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {parseJournalText} from '../../source/model/journal-read.js';
import {waitFor} from '../helpers/render-app.js';
import {manualClock, startTestSimulator, type TestSimulator} from '../helpers/simulator.js';
import {freshStateDir} from '../helpers/state-dir.js';
import {simulatorArgs, simulatorEnv, startTerm, type Term} from '../helpers/term.js';

// The built app, as plain lines, on a history in a state directory of the test's: killed with SIGKILL, simulated
// time moved on ten minutes, started again on the same store; and --no-history, which writes nothing there.

const minute = 60_000;
let simulator: TestSimulator;
const clock = manualClock(Date.now());
const running: Term[] = [];

before(async () => {
	// Seed 7: in ten minutes one import completes, one fails (deleted), one keeps converting.
	simulator = await startTestSimulator({seed: 7, tasks: 4, snapshotTasks: 0, arrivals: false, now: clock.now});
});
after(async () => {
	for (const term of running) await term.close();
	await simulator.close();
});

function watch(state: string, extra: string[] = []): Term {
	const term = startTerm({args: [...simulatorArgs(simulator.url), '--interval', '1', ...extra], env: {...simulatorEnv, XDG_STATE_HOME: state}, noTty: true});
	running.push(term);
	return term;
}

const lines = (file: string) => (existsSync(file) ? parseJournalText(readFileSync(file, 'utf8')) : {entries: [], unreadable: 0, future: 0});

describe('history across a kill -9', () => {
	test('the next start says what changed meanwhile, journals it as late, and keeps the store private', {timeout: 60_000}, async () => {
		const state = freshStateDir();
		const directory = join(state, 'ec2-import-watch');
		const file = join(directory, 'history.jsonl');
		const first = watch(state);
		await waitFor(() => lines(file).entries.length === 4, 'the first poll in the history', 20_000);
		await first.kill('SIGKILL');
		assert.equal((await first.exited).signal, 'SIGKILL');
		assert.equal(statSync(directory).mode & 0o777, 0o700);
		assert.equal(statSync(file).mode & 0o777, 0o600);

		clock.advance(10 * minute);
		const second = watch(state);
		await second.waitFor(/since \d\d:\d\d:\d\d \(last run\): 1 completed, 1 deleted\r?\n/, {timeoutMs: 20_000});
		const text = second.text();
		// Plain lines are ASCII (→ is >), and nothing is cut without a terminal.
		assert.match(text, /import-ami-\w+ while away: status active > completed\b/);
		assert.match(text, /import-ami-\w+ while away: status active > (deleting|deleted)\b/);
		await waitFor(() => lines(file).entries.some((entry) => entry.late === true), 'the late transitions in the history', 10_000);
		const stored = lines(file);
		assert.equal(stored.unreadable, 0);
		assert.deepEqual(
			stored.entries
				.filter((entry) => entry.late === true && entry.type === 'status')
				.map((entry) => entry.to)
				.sort(),
			['completed', 'deleted'],
		);
		assert.equal(stored.entries.filter((entry) => entry.type === 'first-seen').length, 4, 'no task first seen twice');
		await second.kill('SIGTERM');
		await second.exited;
	});

	test('the TUI says once, in the notice line, how many lines it could not read, and leaves them', {timeout: 60_000}, async () => {
		const state = freshStateDir();
		const directory = join(state, 'ec2-import-watch');
		mkdirSync(directory, {mode: 0o700});
		const torn = '{"v":1,"time":"2026-01-01T00:00:00.000Z","event":"first-seen","taskId":"import-ami-0123","sta';
		writeFileSync(join(directory, 'history.jsonl'), `{"v":1,"time":"2026-01-01T00:00:00.000Z","event":"first-seen","taskId":"import-ami-0123"}\n${torn}`, {
			mode: 0o600,
		});
		const term = startTerm({args: [...simulatorArgs(simulator.url), '--interval', '1'], env: {...simulatorEnv, XDG_STATE_HOME: state}, columns: 200});
		running.push(term);
		// (`…` is three bytes: the raw output is matched as latin1.)
		const said = /history: .{1,3}\/[^/ ]+\/ec2-import-watch\/history\.jsonl, left in the file: 1 torn or foreign line skipped/;
		await term.waitFor(said, {timeoutMs: 20_000});
		await waitFor(() => lines(join(directory, 'history.jsonl')).entries.length > 1, 'the first poll appended', 10_000);
		const text = readFileSync(join(directory, 'history.jsonl'), 'utf8');
		assert.ok(text.startsWith(`{"v":1,"time":"2026-01-01T00:00:00.000Z","event":"first-seen","taskId":"import-ami-0123"}\n${torn}\n{"v":1,`));
		const before = term.text().length;
		term.write('q');
		await term.exited;
		assert.match(term.text().slice(before), said, 'said again after quit, with the count');
	});

	test('--no-history writes nothing in the state directory', {timeout: 60_000}, async () => {
		const state = freshStateDir();
		const term = watch(state, ['--no-history']);
		await term.waitFor(/import-ami-/, {timeoutMs: 20_000});
		await term.kill('SIGTERM');
		await term.exited;
		assert.deepEqual(readdirSync(state), []);
	});
});
