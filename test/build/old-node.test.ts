import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {delimiter, join} from 'node:path';
import {it} from 'node:test';
import {promisify} from 'node:util';
import {assertBuilt, launchPath} from '../helpers/term.js';

// The installed command under an older Node than the project's (the machine's own Node 20, say; npm scripts run
// Node 22 from the devDependency): one line, exit 2, before Ink or the SDK could print anything. Where no Node
// older than 22 is found (on PATH, /usr/bin, /usr/local/bin), the test skips and says so.

const run = promisify(execFile);

/** The first `node` older than 22 found on PATH (then /usr/bin, /usr/local/bin), with its version. */
async function findOlderNode(): Promise<{path: string; version: string} | undefined> {
	const directories = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin'].filter((directory) => directory !== '');
	for (const path of new Set(directories.map((directory) => join(directory, 'node')))) {
		const version = await run(path, ['--version']).then(
			({stdout}) => stdout.trim().slice(1),
			() => undefined,
		);
		if (version !== undefined && Number(version.split('.')[0]) < 22) return {path, version};
	}
	return undefined;
}

it('refuses a Node older than 22 in one line, exit 2', async (t) => {
	assertBuilt();
	const older = await findOlderNode();
	if (older === undefined) {
		t.skip('no Node older than 22 on PATH, /usr/bin or /usr/local/bin to run it with');
		return;
	}
	const outcome = await run(older.path, [launchPath, '--demo'], {env: {PATH: '/usr/bin:/bin', LANG: 'C.UTF-8'}}).then(
		() => assert.fail('exited 0'),
		(error: {code: number; stdout: string; stderr: string}) => error,
	);
	assert.equal(outcome.code, 2);
	assert.equal(outcome.stdout, '');
	assert.equal(
		outcome.stderr,
		`ec2-import-watch: found Node ${older.version}, needs Node 22 or later (the standalone executable, npm run package, needs no Node)\n`,
	);
});
