// The terminal contract, checked on the bytes the built app writes to a real pty (util-linux `script`)
// and, for alignment, on the screen tmux shows.

import assert from 'node:assert/strict';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {type SimulateProcess, sgrCodes, simulatorArgs, simulatorEnv, startScreen, startSimulateCommand, startTerm, type Term} from '../helpers/term.js';
import {scratchDir} from '../helpers/scratch-dir.js';

const hostile = {
	title: '\u001B]0;pwned-title\u0007',
	clipboard: '\u001B]52;c;ZXZpbC1jbGlw\u0007',
	link: '\u001B]8;;https://evil.example/\u001B\\click-me\u001B]8;;\u001B\\',
	clear: '\u001B[2J',
	reset: '\u001Bc',
	csi8bit: '\u009B31m',
	carriage: 'over\rwritten',
	backspace: 'back\bspace',
	bell: 'ding\u0007dong',
	rtl: 'abc\u202Edcba',
	zwj: 'zero\u200Dwidth',
};

/** The sequences that must never reach the terminal (as the app would write them if they leaked). */
const forbidden: [string, string][] = [
	['OSC 0 (title)', '\u001B]0;'],
	['OSC 52 (clipboard)', '\u001B]52;'],
	['OSC 8 (link)', '\u001B]8;'],
	['ESC c (reset)', '\u001Bc'],
	['C1 CSI', '\u009B'],
	['CR inside text', 'over\rwritten'],
	['BS', '\b'],
	['BEL', '\u0007'],
	['RLO', '\u202E'],
	['ZWJ', '\u200D'],
];

const taskId = (n: number) => `import-ami-0${String(n).padStart(16, '0')}`;

function scenarioFile(): string {
	const strings = Object.values(hostile);
	const tasks = strings.map((text, index) => ({
		ImportTaskId: taskId(index + 1),
		Status: 'active',
		StatusMessage: text,
		Progress: String(10 + index),
		Description: `${text} desc`,
		SnapshotDetails: [{DiskImageSize: 1_000_000_000, Format: 'VMDK', Url: 'https://bucket.s3.amazonaws.com/disk.vmdk?X-Amz-Signature=secret-sig'}],
	}));
	tasks.push({
		ImportTaskId: taskId(99),
		Status: 'active',
		StatusMessage: 'converting',
		Progress: '50',
		Description: `long ${'x'.repeat(10 * 1024)}${hostile.clear}`,
		SnapshotDetails: [],
	});
	const dir = scratchDir('eiw-pty-');
	const file = join(dir, 'hostile.json');
	writeFileSync(file, JSON.stringify({tasks}));
	return file;
}

let simulator: SimulateProcess;
let scenario: string;

before(async () => {
	scenario = scenarioFile();
	simulator = await startSimulateCommand(['--scenario', scenario]);
});
after(async () => {
	await simulator.close();
});

const lastTaskShown = taskId(99).slice(0, 20);

async function withTerm<T>(term: Term, body: (term: Term) => Promise<T>): Promise<T> {
	try {
		return await body(term);
	} finally {
		await term.close();
	}
}

describe('untrusted text under a pty', () => {
	test('no hostile sequence reaches the terminal, and the presigned query is gone', async () => {
		await withTerm(startTerm({args: simulatorArgs(simulator.url), env: simulatorEnv}), async (term) => {
			await term.waitFor(lastTaskShown);
			term.write('q');
			await term.exited;
			const text = term.text();
			for (const [name, sequence] of forbidden) assert.equal(text.includes(sequence), false, `${name} leaked`);
			// Ink itself never clears the whole screen here (the frame is never taller than the terminal).
			assert.equal(text.includes('\u001B[2J'), false, 'CSI 2J written');
			assert.equal(text.includes('secret-sig'), false, 'presigned query shown');
		});
	});

	test('the columns stay aligned on screen', async () => {
		const screen = await startScreen({args: simulatorArgs(simulator.url), env: simulatorEnv});
		try {
			const rows = await screen.waitForScreen(new RegExp(lastTaskShown));
			const taskRows = rows.filter((row) => /import-ami-0\d{16}/.test(row));
			assert.equal(taskRows.length, Object.keys(hostile).length + 1);
			const header = rows.find((row) => row.includes('TASK ID') && row.includes('STATUS'));
			assert.ok(header !== undefined, rows.join('\n'));
			const statusColumn = header.indexOf('STATUS');
			const progressColumn = header.indexOf('PROGRESS');
			for (const row of taskRows) {
				assert.match(row.slice(statusColumn), /^. active/, `STATUS misaligned in ${JSON.stringify(row)}`);
				assert.match(row.slice(progressColumn), /^\S+\s+\d+%/, `PROGRESS misaligned in ${JSON.stringify(row)}`);
				assert.ok(row.length <= 120, `row wider than the terminal: ${row.length}`);
			}
		} finally {
			await screen.close();
		}
	});
});

/** Every byte after the last time the app entered the alternate screen. */
function afterLastEnter(text: string): string {
	const index = text.lastIndexOf('\u001B[?1049h');
	assert.ok(index >= 0, 'never entered the alternate screen');
	return text.slice(index);
}

function assertGaveTerminalBack(text: string): void {
	const tail = afterLastEnter(text);
	const leave = tail.lastIndexOf('\u001B[?1049l');
	assert.ok(leave >= 0, 'did not leave the alternate screen');
	assert.ok(tail.lastIndexOf('\u001B[?25h') > tail.lastIndexOf('\u001B[?25l'), 'left the cursor hidden');
	const rest = tail.slice(leave);
	assert.equal(rest.includes('\u001B[?1049h'), false, 'entered the alternate screen again');
	assert.ok(tail.lastIndexOf('\u001B[?2026h') < tail.lastIndexOf('\u001B[?2026l'), 'left a synchronised update open');
	assert.match(rest, /watched .* · \d+ tasks? \(\d+ active/, 'no summary after leaving the alternate screen');
}

describe('every way out gives the terminal back', () => {
	for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
		test(signal, async () => {
			await withTerm(startTerm({args: simulatorArgs(simulator.url), env: simulatorEnv}), async (term) => {
				await term.waitFor(lastTaskShown);
				await term.kill(signal);
				const exit = await term.exited;
				assertGaveTerminalBack(term.text());
				assert.equal(exit.code, 0);
			});
		});
	}

	for (const [name, key] of [
		['q', 'q'],
		['Ctrl-C', '\u0003'],
	] as const) {
		test(name, async () => {
			await withTerm(startTerm({args: simulatorArgs(simulator.url), env: simulatorEnv}), async (term) => {
				await term.waitFor(lastTaskShown);
				term.write(key);
				const exit = await term.exited;
				assertGaveTerminalBack(term.text());
				assert.equal(exit.code, 0);
			});
		});
	}

	test('an uncaught error', async () => {
		// A preload that throws outside React when told to (SIGUSR2), as a bug in a timer callback would.
		const preload = `data:text/javascript,process.on('SIGUSR2',()=>setImmediate(()=>{throw new Error('boom')}))`;
		const command = [process.execPath, '--import', preload, (await import('../helpers/term.js')).launchPath, ...simulatorArgs(simulator.url)];
		await withTerm(startTerm({command, env: simulatorEnv}), async (term) => {
			await term.waitFor(lastTaskShown);
			await term.kill('SIGUSR2');
			const exit = await term.exited;
			assertGaveTerminalBack(term.text());
			assert.match(term.text(), /unexpected error: Error: boom/);
			assert.equal(exit.code, 1);
		});
	});
});

describe('colour and terminal kind', () => {
	const isColour = (code: string) =>
		code.split(';').some((part, index, parts) => {
			const n = Number(part);
			if (index > 0 && (parts[index - 1] === '38' || parts[index - 1] === '48')) return false;
			return (n >= 30 && n <= 38) || (n >= 40 && n <= 48) || (n >= 90 && n <= 97) || (n >= 100 && n <= 107);
		});

	for (const [name, env, args] of [
		['NO_COLOR', {NO_COLOR: '1'}, []],
		['--no-color', {}, ['--no-color']],
	] as const) {
		test(`${name}: no colour codes at all`, async () => {
			await withTerm(startTerm({args: [...simulatorArgs(simulator.url), ...args], env: {...simulatorEnv, ...env}}), async (term) => {
				await term.waitFor(lastTaskShown);
				term.write('q');
				await term.exited;
				const colours = sgrCodes(term.text()).filter(isColour);
				assert.deepEqual(colours, []);
				assert.match(term.text(), /> import-ami-/, 'the selection is not readable without colour');
			});
		});
	}

	test('with colour allowed, states are coloured (the check above can see colour)', async () => {
		await withTerm(startTerm({args: simulatorArgs(simulator.url), env: simulatorEnv}), async (term) => {
			await term.waitFor(lastTaskShown);
			term.write('q');
			await term.exited;
			assert.ok(sgrCodes(term.text()).some(isColour));
		});
	});

	test('stdout not a TTY: plain lines, no escape sequences', async () => {
		await withTerm(startTerm({args: simulatorArgs(simulator.url), env: simulatorEnv, noTty: true}), async (term) => {
			await term.waitFor(lastTaskShown);
			await term.kill('SIGTERM');
			await term.exited;
			const text = term.text();
			assert.equal(text.includes('\u001B'), false, JSON.stringify(text.slice(0, 300)));
			assert.match(text, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d /m, 'no poll line stamped with date and time');
			assert.match(text, /TASK ID\s+STATUS/);
		});
	});

	test('TERM=dumb under a pty: plain lines, no cursor movement', async () => {
		await withTerm(startTerm({args: simulatorArgs(simulator.url), env: {...simulatorEnv, TERM: 'dumb'}}), async (term) => {
			await term.waitFor(lastTaskShown);
			await term.kill('SIGTERM');
			await term.exited;
			assert.equal(term.text().includes('\u001B'), false);
		});
	});

	const nonUtf8 = {...simulatorEnv, LANG: 'C', LC_ALL: undefined, LC_CTYPE: undefined};

	test('a non-UTF-8 locale: ASCII bars, borders and status glyphs', async () => {
		await withTerm(startTerm({args: simulatorArgs(simulator.url), env: nonUtf8}), async (term) => {
			await term.waitFor(lastTaskShown);
			term.write('q');
			await term.exited;
			// Box drawing and blocks (U+2500–U+259F), geometric shapes, and the status glyphs.
			const drawn = term.text().match(/[\u2500-\u25FF\u2700-\u27BF]/gu) ?? [];
			assert.deepEqual([...new Set(drawn)], []);
			assert.match(term.text(), /#*-+ +\d+%/);
			assert.match(term.text(), /o active/, 'the active glyph');
			assert.doesNotMatch(term.text(), /> active/, 'which is not the selection cursor');
		});
	});

	test('a non-UTF-8 locale: nothing but ASCII on the screen (arrows, separators, dashes, bars)', async () => {
		await withTerm(startTerm({args: simulatorArgs(simulator.url), env: nonUtf8}), async (term) => {
			await term.waitFor(lastTaskShown);
			term.write('q');
			await term.exited;
			assert.match(term.text(), /Up\/Dn\/jk/, 'the arrows in words: ^v would read as Ctrl-V');
			assert.deepEqual([...new Set(term.text().match(/[^\x00-\x7f]/gu) ?? [])], [], 'only ASCII was written');
		});
	});
});
