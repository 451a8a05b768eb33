import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {it} from 'node:test';
import {promisify} from 'node:util';
import {assertBuilt, launchPath} from '../helpers/term.js';

// The installed command under the machine's own Node 20 (/usr/bin/node; npm scripts run Node 22 from the
// devDependency): one line, exit 2, before Ink or the SDK could print anything.

const run = promisify(execFile);
const systemNode = '/usr/bin/node';

it('refuses a Node older than 22 in one line, exit 2', async () => {
	assertBuilt();
	const {stdout: version} = await run(systemNode, ['--version']);
	assert.ok(Number(version.trim().slice(1).split('.')[0]) < 22, `${systemNode} is ${version.trim()}: this test needs an older Node`);
	const outcome = await run(systemNode, [launchPath, '--demo'], {env: {PATH: '/usr/bin:/bin', LANG: 'C.UTF-8'}}).then(
		() => assert.fail('exited 0'),
		(error: {code: number; stdout: string; stderr: string}) => error,
	);
	assert.equal(outcome.code, 2);
	assert.equal(outcome.stdout, '');
	assert.equal(
		outcome.stderr,
		`ec2-import-watch: found Node ${version.trim().slice(1)}, needs Node 22 or later (the standalone executable, npm run package, needs no Node)\n`,
	);
});
