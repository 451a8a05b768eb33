import assert from 'node:assert/strict';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, describe, it} from 'node:test';
import {loadScenario, parseScenario, ScenarioError} from '../../source/simulator/scenarios.js';

function refuses(text: string, message: RegExp): void {
	assert.throws(
		() => parseScenario(text),
		(error: unknown) => error instanceof ScenarioError && message.test(error.message),
	);
}

describe('scenario files', () => {
	it('keeps every field as given and leaves absent ones absent', () => {
		const task = {
			ImportTaskId: 'import-ami-1',
			Encrypted: true,
			SnapshotDetails: [{DiskImageSize: 0, UserBucket: {S3Bucket: 'b'}}],
			Tags: [],
		};
		assert.deepEqual(parseScenario(JSON.stringify({tasks: [task]})), {tasks: [task]});
	});

	it('names what is wrong and where', () => {
		refuses('{"tasks": [{"ImportTaskId": "a"}, {"ImportTaskId": "b"}, {"ImportTaskId": "c", "Progress": 28}]}', /^tasks\[2\]\.Progress must be a string$/);
		refuses(
			'{"tasks": [{"ImportTaskId": "a", "SnapshotDetails": [{"DiskImageSize": "1"}]}]}',
			/^tasks\[0\]\.SnapshotDetails\[0\]\.DiskImageSize must be a number$/,
		);
		refuses('{"tasks": [{"ImportTaskId": "a", "Encrypted": "false"}]}', /^tasks\[0\]\.Encrypted must be true or false$/);
		refuses('{"tasks": [{"ImportTaskId": "a", "Tags": {}}]}', /^tasks\[0\]\.Tags must be a list$/);
		refuses('{"tasks": [{"ImportTaskId": "a", "Tags": [{"Key": "k", "Colour": "red"}]}]}', /^tasks\[0\]\.Tags\[0\]\.Colour is not a known field$/);
		refuses('{"tasks": [{"importTaskId": "a"}]}', /^tasks\[0\]\.ImportTaskId is required$/);
		refuses('{"tasks": [{"ImportTaskId": "a"}, {"ImportTaskId": "a"}]}', /^tasks\[1\]\.ImportTaskId repeats tasks\[0\]\.ImportTaskId$/);
		refuses('{"tasks": [], "extra": 1}', /^extra is not a known field$/);
		refuses('{}', /^tasks is required$/);
		refuses('[]', /must be an object/);
		refuses('{"tasks": [1]}', /^tasks\[0\] must be an object$/);
	});

	it('reads snapshotTasks in the API shape next to tasks, as strictly', () => {
		const snapshot = {
			ImportTaskId: 'import-snap-1',
			Description: 'd',
			SnapshotTaskDetail: {DiskImageSize: 0, Encrypted: false, KmsKeyId: 'k', SnapshotId: '', UserBucket: {S3Key: 'k'}},
			Tags: [],
		};
		assert.deepEqual(parseScenario(JSON.stringify({tasks: [], snapshotTasks: [snapshot]})), {tasks: [], snapshotTasks: [snapshot]});
		assert.deepEqual(parseScenario(JSON.stringify({snapshotTasks: [snapshot]})), {tasks: [], snapshotTasks: [snapshot]});
		refuses(
			'{"snapshotTasks": [{"ImportTaskId": "a", "SnapshotTaskDetail": {"Progress": 3}}]}',
			/^snapshotTasks\[0\]\.SnapshotTaskDetail\.Progress must be a string$/,
		);
		refuses(
			'{"snapshotTasks": [{"ImportTaskId": "a", "SnapshotTaskDetail": {"DeviceName": "/dev/sda1"}}]}',
			/^snapshotTasks\[0\]\.SnapshotTaskDetail\.DeviceName is not a known field$/,
		);
		refuses(
			'{"snapshotTasks": [{"ImportTaskId": "a", "SnapshotTaskDetail": {"Encrypted": "true"}}]}',
			/^snapshotTasks\[0\]\.SnapshotTaskDetail\.Encrypted must be true or false$/,
		);
		refuses('{"snapshotTasks": [{"ImportTaskId": "a", "SnapshotDetails": []}]}', /^snapshotTasks\[0\]\.SnapshotDetails is not a known field$/);
		refuses('{"snapshotTasks": [{"Description": "a"}]}', /^snapshotTasks\[0\]\.ImportTaskId is required$/);
		refuses('{"snapshotTasks": {}}', /^snapshotTasks must be a list$/);
		refuses(
			'{"tasks": [{"ImportTaskId": "a", "SnapshotDetails": [{"Encrypted": true}]}]}',
			/^tasks\[0\]\.SnapshotDetails\[0\]\.Encrypted is not a known field$/,
		);
		refuses(
			'{"tasks": [{"ImportTaskId": "a"}], "snapshotTasks": [{"ImportTaskId": "b"}, {"ImportTaskId": "a"}]}',
			/^snapshotTasks\[1\]\.ImportTaskId repeats tasks\[0\]\.ImportTaskId$/,
		);
	});

	it('reports a JSON syntax error with its position', () => {
		refuses('{"tasks": [}', /^not valid JSON at line 1 column 12: /);
		refuses('{"tasks": [\n  {"ImportTaskId": "a",}\n]}', /^not valid JSON at line 2 column 24: /);
		refuses('{"tasks": []} trailing', /^not valid JSON at line 1 column 15: /);
	});

	describe('files', () => {
		let directory = '';
		after(async () => {
			if (directory !== '') await rm(directory, {recursive: true, force: true});
		});

		it('loads a file and names the file in its errors', async () => {
			directory = await mkdtemp(join(tmpdir(), 'scenario-'));
			const good = join(directory, 'good.json');
			const bad = join(directory, 'bad.json');
			await writeFile(good, '{"tasks": [{"ImportTaskId": "import-ami-1"}]}');
			await writeFile(bad, '{"tasks": [{"ImportTaskId": 1}]}');
			assert.deepEqual(await loadScenario(good), {tasks: [{ImportTaskId: 'import-ami-1'}]});
			await assert.rejects(loadScenario(bad), {name: 'ScenarioError', message: `${bad}: tasks[0].ImportTaskId must be a string`});
			await assert.rejects(loadScenario(join(directory, 'missing.json')), {name: 'ScenarioError', message: /cannot read .*missing\.json \(ENOENT\)/});
		});
	});
});

describe('the documented scenario example', () => {
	it('is a valid scenario', async () => {
		const readme = await readFile(new URL('../../source/simulator/README.md', import.meta.url), 'utf8');
		const example = /```json\n([\s\S]*?)```/.exec(readme)?.[1];
		assert.ok(example !== undefined);
		const scenario = parseScenario(example);
		assert.equal(scenario.tasks[0]?.Progress, '28');
		assert.equal(scenario.snapshotTasks?.[0]?.SnapshotTaskDetail?.StatusMessage, 'downloading/converting');
	});
});
