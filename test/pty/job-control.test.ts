// What only a shell and a terminal show together: Ctrl-Z / SIGTSTP and `fg`, foreign output healed by Ctrl-L and
// SIGWINCH, and a library's warning kept off the table. The built app in bash (job control on) inside tmux.

import assert from 'node:assert/strict';
import {readFileSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, test} from 'node:test';
import {appCommand, type ShellPane, startShellPane, until} from '../helpers/shell-pane.js';
import {repoRoot, simulatorArgs, startSimulateCommand} from '../helpers/term.js';
import {scratchDir} from '../helpers/scratch-dir.js';

let pane: ShellPane | undefined;
afterEach(async () => {
	await pane?.close();
	pane = undefined;
});

const count = (rows: readonly string[], pattern: RegExp) => rows.filter((row) => pattern.test(row)).length;

/** Waits until the shell's prompt is the last line on screen: the job stopped or ended, the shell has the terminal. */
const promptBack = (shell: ShellPane, what: string) =>
	until(
		() => shell.capture(),
		(rows) => rows.findLast((row) => row.trim() !== '')?.trim() === '$',
		what,
	);

/** `fg`: the screen back, and the terminal in raw mode again. */
async function resumed(shell: ShellPane, what: string): Promise<void> {
	await shell.run('fg');
	await shell.waitForScreen(/demo simulator at/);
	await until(
		() => shell.tty().then(modesOfTty),
		(modes) => modes === '-icanon -echo',
		what,
	);
}

/** q quits: the summary line, the shell's prompt, then exit status 0 (asked only once the prompt is back: typed
 * earlier, the shell would discard it). */
async function quitsWithZero(shell: ShellPane, prompt: string): Promise<void> {
	await shell.keys('q');
	await shell.waitForScreen(/^ec2-import-watch: watched /);
	await promptBack(shell, prompt);
	await shell.run('echo "exit=$?"');
	await shell.waitForScreen(/^exit=0$/);
}

async function modesOfTty(tty: string): Promise<string> {
	const {execFile} = await import('node:child_process');
	const text = await new Promise<string>((resolve, reject) =>
		execFile('stty', ['-F', tty, '-a'], (error, stdout) => (error ? reject(error) : resolve(stdout))),
	);
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
		await until(
			() => shell.modes(),
			(modes) => modes.alternate && !modes.cursor,
			'the alternate screen again',
		);
		await shell.waitForScreen(/demo simulator at/);
		assert.equal(await modesOfTty(await shell.tty()), '-icanon -echo', 'raw mode again');

		process.kill(await shell.appPid(), 'SIGTSTP');
		await until(
			() => shell.capture(),
			(rows) => count(rows, /Stopped/) === 2,
			'a second stop',
		);
		assert.deepEqual(await shell.modes(), {alternate: false, cursor: true});
		await resumed(shell, 'raw mode after the second fg');

		await quitsWithZero(shell, 'the prompt');
	});
});

/** This repository's `npm start` script without its build step (npm test has built dist/ already; rebuilding it
 * here would pull it from under the other tests). */
function startScriptWithoutBuild(): string {
	const manifest: unknown = JSON.parse(readFileSync(`${repoRoot}package.json`, 'utf8'));
	const scripts = typeof manifest === 'object' && manifest !== null && 'scripts' in manifest ? manifest.scripts : undefined;
	const start = typeof scripts === 'object' && scripts !== null && 'start' in scripts ? scripts.start : undefined;
	assert.ok(typeof start === 'string' && start.startsWith('npm run -s build && '), `npm start is ${JSON.stringify(start)}`);
	return start.slice('npm run -s build && '.length);
}

describe('suspend and resume through npm start', () => {
	test('npm, sh and the app stop together, the shell gets its prompt back and lists the job Stopped; fg repaints and q quits', async () => {
		// A package whose `start` is this repository's (npm → sh -c → the app, one process group), over this build.
		const project = scratchDir('eiw-npm-start-');
		writeFileSync(join(project, 'package.json'), JSON.stringify({name: 'npm-job', private: true, scripts: {start: startScriptWithoutBuild()}}));
		symlinkSync(join(repoRoot, 'dist'), join(project, 'dist'));
		pane = await startShellPane({env: {npm_config_update_notifier: 'false', npm_config_fund: 'false'}});
		const shell = pane;
		await shell.run(`cd '${project}'`);
		await shell.run('npm start -- --demo');
		await shell.waitForScreen(/demo simulator at/);
		const job = await shell.job();
		assert.ok(job.length >= 3 && /^npm start/.test(job[0]?.args ?? ''), JSON.stringify(job));

		await shell.keys('C-z');
		await shell.waitForScreen(/^\[1\]\+\s+Stopped\s+npm start -- --demo/);
		await until(
			() => shell.job(),
			(now) => now.every((entry) => entry.stat.startsWith('T')),
			'every process of the job stopped',
		);
		await promptBack(shell, 'the prompt');
		assert.deepEqual(await shell.modes(), {alternate: false, cursor: true}, 'main screen, cursor shown');
		await shell.run('jobs');
		await until(
			() => shell.capture(),
			(rows) => count(rows, /^\[1\]\+\s+Stopped\s+npm start -- --demo/) === 2,
			'jobs listing it Stopped',
		);

		await shell.run('fg');
		await until(
			() => shell.modes(),
			(modes) => modes.alternate && !modes.cursor,
			'the alternate screen again',
		);
		await shell.waitForScreen(/demo simulator at/);
		await until(
			() => shell.job(),
			(now) => now.every((entry) => !entry.stat.startsWith('T')),
			'every process running again',
		);
		assert.equal(await modesOfTty(await shell.tty()), '-icanon -echo', 'raw mode again');

		// kill -TSTP from elsewhere, to the app alone: the whole job stops all the same.
		process.kill(await shell.appPid(), 'SIGTSTP');
		await until(
			() => shell.job(),
			(now) => now.every((entry) => entry.stat.startsWith('T')),
			'the job stopped by kill -TSTP',
		);
		await promptBack(shell, 'the prompt again');
		await resumed(shell, 'raw mode after the second fg');

		await quitsWithZero(shell, 'the prompt after q');
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
		const ticked = await until(
			() => shell.capture(),
			(rows) => rows[0] !== first[0] && /last poll/.test(rows[0] ?? ''),
			'a header tick',
		);
		assert.match(ticked[26] ?? '', /^stray/);
		assert.equal(count(ticked, /last poll/), 1);

		await shell.keys('C-l');
		const healed = await until(
			() => shell.capture(),
			(rows) => !/stray/.test(rows[26] ?? ''),
			'Ctrl-L repainting',
		);
		assert.match(healed[0] ?? '', /last poll/);

		writeFileSync(tty, '\u001B[27;1Hstray again');
		await shell.waitForScreen(/^stray again/);
		process.kill(await shell.appPid(), 'SIGWINCH');
		await until(
			() => shell.capture(),
			(rows) => !rows.some((row) => /stray/.test(row)),
			'SIGWINCH repainting',
		);

		// A real resize: Ink draws the new layout, written whole.
		writeFileSync(tty, '\u001B[27;1Hstray once more');
		await shell.waitForScreen(/^stray once more/);
		await shell.resize(90, 28);
		const resized = await until(
			() => shell.capture(),
			(rows) => !rows.some((row) => /stray/.test(row)) && /last poll/.test(rows[0] ?? ''),
			'a resize repainting',
		);
		assert.ok(resized.every((row) => row.length <= 90));
		await shell.keys('q');
		await shell.waitForScreen(/^ec2-import-watch: watched /);
	});
});

describe('stray output of a library', () => {
	test("the AWS SDK's warning about two credential sources goes to the notice line and the exit summary, not into the table", async () => {
		const simulator = await startSimulateCommand(['--tasks', '6']);
		try {
			const home = scratchDir('eiw-stray-');
			writeFileSync(join(home, 'config'), '[profile both]\nregion = us-east-1\n');
			writeFileSync(join(home, 'credentials'), '[both]\naws_access_key_id = profile\naws_secret_access_key = profile\n');
			pane = await startShellPane({
				columns: 160,
				env: {
					HOME: home,
					AWS_CONFIG_FILE: join(home, 'config'),
					AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
					AWS_ACCESS_KEY_ID: 'env',
					AWS_SECRET_ACCESS_KEY: 'env',
					AWS_EC2_METADATA_DISABLED: 'true',
				},
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
			assert.equal(
				shown[0]?.index,
				rows.findLastIndex((row) => row.trim() !== ''),
				'on the notice line, the last one',
			);
			await shell.keys('q');
			const after = await shell.waitForScreen(/^ec2-import-watch: caught while the screen was up \(1 message\):/);
			assert.ok(after.some((row) => /^ {2}@aws-sdk\/credential-provider-node .* Multiple credential sources detected: Both AWS_PROFILE/.test(row)));
		} finally {
			await simulator.close();
		}
	});
});
