import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {after, before, describe, test} from 'node:test';
import {promisify} from 'node:util';
import {type FixedEndpoint, startFixedEndpoint, taskList} from '../helpers/fixed-endpoint.js';
import {startTestSimulator, type TestSimulator} from '../helpers/simulator.js';
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

describe('--once --json is as EC2 sent it (issue 17, item 10)', () => {
	let simulator: TestSimulator;
	before(async () => {
		simulator = await startTestSimulator({
			scenario: {
				tasks: [{ImportTaskId: 'import-ami-0123456789abcdef0', Status: 'active', Progress: '28', Tags: [{Key: 'Name', Value: 'web-01'}]}],
				snapshotTasks: [
					{
						ImportTaskId: 'import-snap-0123456789abcdef0',
						SnapshotTaskDetail: {Description: 'the disk’s own', Status: 'active', Progress: '42', DiskImageSize: 705638400},
					},
					{ImportTaskId: 'import-snap-0123456789abcdef1', Description: 'the task’s', SnapshotTaskDetail: {Description: 'the disk’s', Status: 'active'}},
				],
			},
		});
	});
	after(() => simulator.close());

	test('a snapshot import: no description copied from its disk, no licenseSpecifications (its shape has none)', async () => {
		const {stdout} = await run(process.execPath, [launchPath, ...simulatorArgs(simulator.url), '--once', '--json'], {env: baseEnv(simulatorEnv)});
		const tasks: Record<string, unknown>[] = JSON.parse(stdout);
		const byId = new Map(tasks.map((task) => [task.importTaskId, task]));
		const bare = byId.get('import-snap-0123456789abcdef0') ?? {};
		assert.equal('description' in bare, false, 'EC2 sent the task no description');
		assert.equal('licenseSpecifications' in bare, false);
		assert.match(JSON.stringify(bare.snapshotDetails), /^\[\{"description":"the disk’s own",/, 'the disk keeps its own');
		assert.equal(byId.get('import-snap-0123456789abcdef1')?.description, 'the task’s');
		assert.deepEqual(byId.get('import-ami-0123456789abcdef0')?.licenseSpecifications, [], 'an image import has the field');
	});
});
