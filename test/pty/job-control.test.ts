// What only a shell and a terminal show together: Ctrl-Z / SIGTSTP and `fg`, foreign output healed by Ctrl-L and
// SIGWINCH, and a library's warning kept off the table. The built app in bash (job control on) inside tmux.

import assert from 'node:assert/strict';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, test} from 'node:test';
import {appCommand, type ShellPane, startShellPane, until} from '../helpers/shell-pane.js';
import {simulatorArgs, startSimulateCommand} from '../helpers/term.js';

let pane: ShellPane | undefined;
afterEach(async () => {
	await pane?.close();
	pane = undefined;
});

const count = (rows: readonly string[], pattern: RegExp) => rows.filter((row) => pattern.test(row)).length;

async function modesOfTty(tty: string): Promise<string> {
	const {execFile} = await import('node:child_process');
	const text = await new Promise<string>((resolve, reject) => execFile('stty', ['-F', tty, '-a'], (error, stdout) => (error ? reject(error) : resolve(stdout))));
	return text
		.split(/\s+/)
		.filter((word) => /^-?(icanon|echo)$/.test(word))
		.join(' ');
}

describe('suspend and resume in a shell', () => {
	test('Ctrl-Z and kill -TSTP stop it with the terminal given back; fg brings raw mode and the screen back; q quits without Enter', async () => {
		pane = await startShellPane();
		const shell = pane;
		await shell.run(appCommand(['--demo']));
		await shell.waitForScreen(/demo simulator at/);
		assert.deepEqual(await shell.modes(), {alternate: true, cursor: false});

		await shell.keys('C-z');
		await shell.waitForScreen(/Stopped/);
		assert.deepEqual(await shell.modes(), {alternate: false, cursor: true}, 'main screen, cursor shown');
		await shell.run("stty -a | tr ' ' '\\n' | grep -xE -- '-?(icanon|echo)' | tr '\\n' ' '; echo :modes");
		await shell.waitForScreen(/^icanon echo :modes/);

		await shell.run('fg');
		await until(() => shell.modes(), (modes) => modes.alternate && !modes.cursor, 'the alternate screen again');
		await shell.waitForScreen(/demo simulator at/);
		assert.equal(await modesOfTty(await shell.tty()), '-icanon -echo', 'raw mode again');

		process.kill(await shell.appPid(), 'SIGTSTP');
		await until(() => shell.capture(), (rows) => count(rows, /Stopped/) === 2, 'a second stop');
		assert.deepEqual(await shell.modes(), {alternate: false, cursor: true});
		await shell.run('fg');
		await shell.waitForScreen(/demo simulator at/);
		await until(() => shell.tty().then(modesOfTty), (modes) => modes === '-icanon -echo', 'raw mode after the second fg');

		await shell.keys('q');
		await shell.waitForScreen(/^ec2-import-watch: watched /);
		// The shell's prompt, then the question (typed earlier, the shell would discard it).
		await until(() => shell.capture(), (rows) => rows.findLast((row) => row.trim() !== '')?.trim() === '$', 'the prompt');
		await shell.run('echo "exit=$?"');
		await shell.waitForScreen(/^exit=0$/);
	});
});

describe('foreign output', () => {
	test('an update after it lands where it belongs; Ctrl-L and a same-size SIGWINCH remove it', async () => {
		pane = await startShellPane({rows: 30});
		const shell = pane;
		await shell.run(appCommand(['--demo']));
		const first = await shell.waitForScreen(/last poll \d\d:\d\d:\d\d/);
		const tty = await shell.tty();
		writeFileSync(tty, '\u001B[27;1Hstray');
		// The next header tick: on the first row, not where the foreign write left the cursor (below the list).
		const ticked = await until(() => shell.capture(), (rows) => rows[0] !== first[0] && /last poll/.test(rows[0] ?? ''), 'a header tick');
		assert.match(ticked[26] ?? '', /^stray/);
		assert.equal(count(ticked, /last poll/), 1);

		await shell.keys('C-l');
		const healed = await until(() => shell.capture(), (rows) => !/stray/.test(rows[26] ?? ''), 'Ctrl-L repainting');
		assert.match(healed[0] ?? '', /last poll/);

		writeFileSync(tty, '\u001B[27;1Hstray again');
		await shell.waitForScreen(/^stray again/);
		process.kill(await shell.appPid(), 'SIGWINCH');
		await until(() => shell.capture(), (rows) => !rows.some((row) => /stray/.test(row)), 'SIGWINCH repainting');

		// A real resize: Ink draws the new layout, written whole.
		writeFileSync(tty, '\u001B[27;1Hstray once more');
		await shell.waitForScreen(/^stray once more/);
		await shell.resize(90, 28);
		const resized = await until(() => shell.capture(), (rows) => !rows.some((row) => /stray/.test(row)) && /last poll/.test(rows[0] ?? ''), 'a resize repainting');
		assert.ok(resized.every((row) => row.length <= 90));
		await shell.keys('q');
		await shell.waitForScreen(/^ec2-import-watch: watched /);
	});
});

describe('stray output of a library', () => {
	test("the AWS SDK's warning about two credential sources goes to the notice line and the exit summary, not into the table", async () => {
		const simulator = await startSimulateCommand(['--tasks', '6']);
		try {
			const home = mkdtempSync(join(tmpdir(), 'eiw-stray-'));
			writeFileSync(join(home, 'config'), '[profile both]\nregion = us-east-1\n');
			writeFileSync(join(home, 'credentials'), '[both]\naws_access_key_id = profile\naws_secret_access_key = profile\n');
			pane = await startShellPane({
				columns: 160,
				env: {HOME: home, AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'), AWS_ACCESS_KEY_ID: 'env', AWS_SECRET_ACCESS_KEY: 'env', AWS_EC2_METADATA_DISABLED: 'true'},
			});
			const shell = pane;
			await shell.run(appCommand([...simulatorArgs(simulator.url), '--profile', 'both']));
			// The SDK warns as it reads the credentials, before the first poll's answer: wait for both.
			const rows = await until(
				() => shell.capture(),
				(screen) => screen.some((row) => /Multiple credential sources detected/.test(row)) && /last poll/.test(screen[0] ?? ''),
				'the warning and the first poll on screen',
			);
			const shown = rows.map((row, index) => ({row, index})).filter(({row}) => /credential|AWS_PROFILE|WARNING/.test(row));
			assert.equal(shown.length, 1, rows.join('\n'));
			assert.equal(shown[0]?.index, rows.findLastIndex((row) => row.trim() !== ''), 'on the notice line, the last one');
			await shell.keys('q');
			const after = await shell.waitForScreen(/^ec2-import-watch: caught while the screen was up \(1 message\):/);
			assert.ok(after.some((row) => /^ {2}@aws-sdk\/credential-provider-node .* Multiple credential sources detected: Both AWS_PROFILE/.test(row)));
		} finally {
			await simulator.close();
		}
	});
});
