import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {after, before, describe, test} from 'node:test';
import {promisify} from 'node:util';
import {type FixedEndpoint, startFixedEndpoint, taskList} from '../helpers/fixed-endpoint.js';
import {assertBuilt, baseEnv, launchPath, simulatorArgs, simulatorEnv} from '../helpers/term.js';

// --once --json prints what EC2 sent: a task without an id has none (no made-up "(no id #n)"), and two tasks
// with one id are both there.

const run = promisify(execFile);

describe('--once --json makes up no ids', () => {
	let endpoint: FixedEndpoint;
	before(async () => {
		assertBuilt();
		endpoint = await startFixedEndpoint([
			{
				status: 200,
				body: taskList([
					'<status>active</status><statusMessage>pending</statusMessage><progress>2</progress>',
					'<importTaskId>import-ami-0123456789abcdef0</importTaskId><status>active</status><progress>10</progress>',
					'<importTaskId>import-ami-0123456789abcdef0</importTaskId><status>completed</status><imageId>ami-0aaaabbbbccccdddd</imageId>',
				]),
			},
		]);
	});
	after(() => endpoint.close());

	test('importTaskId is absent for the task without one; both tasks of one id are kept; no internal keys', async () => {
		const {stdout} = await run(process.execPath, [launchPath, ...simulatorArgs(endpoint.url), '--once', '--json'], {env: baseEnv(simulatorEnv)});
		const tasks: Record<string, unknown>[] = JSON.parse(stdout);
		assert.equal(tasks.length, 3);
		assert.equal('importTaskId' in (tasks[0] ?? {}), false);
		assert.deepEqual(
			tasks.map((task) => [task.importTaskId ?? null, task.status]),
			[
				[null, 'active'],
				['import-ami-0123456789abcdef0', 'active'],
				['import-ami-0123456789abcdef0', 'completed'],
			],
		);
		assert.doesNotMatch(stdout, /no id|occurrence/);
	});

	test('the plain table shows "(no id)" and both rows of the repeated id', async () => {
		const {stdout} = await run(process.execPath, [launchPath, ...simulatorArgs(endpoint.url), '--once'], {env: baseEnv(simulatorEnv)});
		assert.match(stdout, /^ {2}\(no id\) +o active +pending/m);
		assert.equal(stdout.match(/import-ami-0123456789abcdef0/g)?.length, 2);
	});
});
