import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {type SimulateProcess, simulatorArgs, simulatorEnv, startSimulateCommand, startTerm, withTerm} from '../helpers/term.js';

// Issue 17, items 4, 5 and 6, where they show: plain lines and `--once` into a pipe are never cut (a failure
// reason stays whole); on a terminal they keep to its width, or to COLUMNS when that is set; a completion says
// which AMI it made and a message cleared on completion is no line of its own; `--once` on a UTF-8 terminal
// draws as the TUI does, in ASCII otherwise.

let simulator: SimulateProcess;
// Seed 3 at 50× has failed imports with long reasons at once and completions within seconds.
before(async () => {
	simulator = await startSimulateCommand(['--seed', '3', '--speed', '50']);
});
after(() => simulator.close());

const lines = (text: string) => text.replace(/\r/g, '').split('\n');
const reason = /ClientError: Disk validation failed \[We do not have access to the given resource\. Reason 403 Forbidden\]/;

describe('plain lines into a pipe', () => {
	test('nothing is cut; a completion names its AMI or snapshot; a cleared message is not a line', async () => {
		await withTerm(startTerm({args: [...simulatorArgs(simulator.url), '--interval', '1'], env: simulatorEnv, noTty: true}), async (term) => {
			await term.waitFor(/ status active > completed > (ami|snap)-[0-9a-f]{17}$/m, {timeoutMs: 30_000});
			await term.kill('SIGTERM');
			await term.exited;
			const text = term.text();
			assert.match(text, reason, 'a failure reason whole in the table');
			assert.ok(
				lines(text).some((line) => line.length > 160),
				'lines wider than any terminal are kept',
			);
			assert.doesNotMatch(text, /\S~(?=\s|$)/m, 'no cut mark anywhere (a lone ~ is the deleting glyph)');
			assert.doesNotMatch(text, /> \(none\)/, 'a message cleared on completion is not news');
		});
	});
});

describe('--once', () => {
	test('into a pipe: nothing is cut', async () => {
		await withTerm(startTerm({args: ['--once', ...simulatorArgs(simulator.url)], env: simulatorEnv, noTty: true}), async (term) => {
			assert.equal((await term.exited).code, 0);
			assert.match(term.text(), reason);
			assert.doesNotMatch(term.text(), /\S~(?=\s|$)/m);
		});
	});

	test('on a UTF-8 terminal: the TUI’s glyphs and bars; on an ASCII one: ASCII', async () => {
		await withTerm(startTerm({args: ['--once', ...simulatorArgs(simulator.url)], env: {...simulatorEnv, LANG: 'C.UTF-8'}, columns: 160}), async (term) => {
			assert.equal((await term.exited).code, 0);
			assert.match(term.text(), /▶ active +\S+/);
			assert.match(term.text(), /[█▏▎▍▌▋▊▉]+░+ +\d+%/);
			assert.match(term.text(), /…/, 'cut at 160 columns, with the ellipsis');
		});
		await withTerm(startTerm({args: ['--once', ...simulatorArgs(simulator.url)], env: {...simulatorEnv, LANG: 'C'}, columns: 160}), async (term) => {
			assert.equal((await term.exited).code, 0);
			assert.match(term.text(), /o active +\S+/);
			assert.doesNotMatch(term.text(), /[^\x00-\x7f]/);
		});
	});

	test('on a terminal: COLUMNS, when set, is the width', async () => {
		await withTerm(startTerm({args: ['--once', ...simulatorArgs(simulator.url)], env: {...simulatorEnv, COLUMNS: '70'}, columns: 120}), async (term) => {
			assert.equal((await term.exited).code, 0);
			const shown = lines(term.text()).filter((line) => line.trim() !== '');
			assert.ok(shown.length > 5);
			for (const line of shown) assert.ok(line.length <= 70, `wider than COLUMNS: ${line}`);
		});
	});
});
