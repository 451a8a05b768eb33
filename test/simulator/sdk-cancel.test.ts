// CancelImportTask through the real @aws-sdk/client-ec2 over HTTP: image and snapshot tasks,
// the deleting → deleted that follows, dry run, refusals, and determinism with the state it changes.

import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {CancelImportTaskCommand, DescribeImportImageTasksCommand, DescribeImportSnapshotTasksCommand} from '@aws-sdk/client-ec2';
import type {ApiSnapshotTask, ApiTask} from '../../source/simulator/api-task.js';
import {cancelDeletingMs} from '../../source/simulator/cancellation.js';
import {retentionMs} from '../../source/simulator/lifecycle.js';
import {ec2Error, manualClock, postForm, startTestSimulator, type TestSimulator} from '../helpers/simulator.js';

const image: ApiTask = {
	ImportTaskId: 'import-ami-0123456789abcdef0',
	Progress: '28',
	SnapshotDetails: [{DiskImageSize: 705638400, Format: 'VMDK', Status: 'active'}],
	Status: 'active',
	StatusMessage: 'converting',
	Tags: [{Key: 'Name', Value: 'web-01'}],
};
const snapshot: ApiSnapshotTask = {
	ImportTaskId: 'import-snap-0123456789abcdef0',
	Description: 'data disk',
	SnapshotTaskDetail: {DiskImageSize: 0, Format: 'VMDK', Progress: '3', SnapshotId: '', Status: 'active', StatusMessage: 'pending'},
	Tags: [],
};
const completed: ApiTask = {ImportTaskId: 'import-ami-completed', ImageId: 'ami-0c93e58db64cb1d23', Status: 'completed'};

async function withScenario(run: (sim: TestSimulator, clock: ReturnType<typeof manualClock>) => Promise<void>): Promise<void> {
	const clock = manualClock();
	const sim = await startTestSimulator({scenario: {tasks: [image, completed], snapshotTasks: [snapshot]}, now: clock.now});
	try {
		await run(sim, clock);
	} finally {
		await sim.close();
	}
}

describe('CancelImportTask through the real SDK', () => {
	it('cancels an image task: active → deleting with the reason as its message, then deleted', async () => {
		await withScenario(async (sim, clock) => {
			const output = await sim.client.send(new CancelImportTaskCommand({ImportTaskId: image.ImportTaskId, CancelReason: 'stuck at booting'}));
			assert.deepEqual(
				{ImportTaskId: output.ImportTaskId, PreviousState: output.PreviousState, State: output.State},
				{ImportTaskId: image.ImportTaskId, PreviousState: 'active', State: 'deleting'},
			);
			const describe = async () => (await sim.client.send(new DescribeImportImageTasksCommand({ImportTaskIds: [image.ImportTaskId]}))).ImportImageTasks?.[0];
			const {Progress: _progress, ...rest} = image;
			assert.deepEqual(await describe(), {...rest, Status: 'deleting', StatusMessage: 'stuck at booting'});
			clock.advance(cancelDeletingMs - 1);
			assert.equal((await describe())?.Status, 'deleting');
			clock.advance(1);
			assert.deepEqual(await describe(), {...rest, Status: 'deleted', StatusMessage: 'stuck at booting'});
			const again = await ec2Error(sim.client.send(new CancelImportTaskCommand({ImportTaskId: image.ImportTaskId})));
			assert.equal(again.name, 'IncorrectState');
			assert.equal(again.$metadata.httpStatusCode, 400);
			assert.match(again.message, /'deleted'/);
		});
	});

	it('cancels a snapshot task, changing only its detail; without a reason the message goes', async () => {
		await withScenario(async (sim) => {
			const output = await sim.client.send(new CancelImportTaskCommand({ImportTaskId: snapshot.ImportTaskId}));
			assert.equal(output.State, 'deleting');
			const listed = await sim.client.send(new DescribeImportSnapshotTasksCommand({}));
			assert.deepEqual(listed.ImportSnapshotTasks, [{...snapshot, SnapshotTaskDetail: {DiskImageSize: 0, Format: 'VMDK', SnapshotId: '', Status: 'deleting'}}]);
			const images = await sim.client.send(new DescribeImportImageTasksCommand({Filters: [{Name: 'task-state', Values: ['active']}]}));
			assert.deepEqual(images.ImportImageTasks, [image], 'the image task is untouched');
		});
	});

	it('refuses an ended task, an unknown id and a missing id; a dry run changes nothing', async () => {
		await withScenario(async (sim) => {
			const ended = await ec2Error(sim.client.send(new CancelImportTaskCommand({ImportTaskId: completed.ImportTaskId})));
			assert.equal(ended.name, 'IncorrectState');
			const unknown = await ec2Error(sim.client.send(new CancelImportTaskCommand({ImportTaskId: 'import-ami-ffffffffffffffff0'})));
			assert.equal(unknown.name, 'InvalidConversionTaskId.Malformed');
			assert.equal(unknown.$metadata.httpStatusCode, 400);
			const missing = await postForm(sim.url, 'Action=CancelImportTask&Version=2016-11-15&CancelReason=x');
			assert.equal(missing.status, 400);
			assert.match(missing.text, /<Code>MissingParameter<\/Code>/);
			const extra = await postForm(sim.url, `Action=CancelImportTask&Version=2016-11-15&ImportTaskId=${image.ImportTaskId}&ImportTaskId.1=x`);
			assert.match(extra.text, /<Code>UnknownParameter<\/Code>/);
			const dryRun = await ec2Error(sim.client.send(new CancelImportTaskCommand({ImportTaskId: image.ImportTaskId, DryRun: true})));
			assert.equal(dryRun.name, 'DryRunOperation');
			assert.equal(dryRun.$metadata.httpStatusCode, 412);
			const unchanged = await sim.client.send(new DescribeImportImageTasksCommand({ImportTaskIds: [image.ImportTaskId]}));
			assert.deepEqual(unchanged.ImportImageTasks, [image]);
			sim.simulator.configure({deny: true});
			const denied = await ec2Error(sim.client.send(new CancelImportTaskCommand({ImportTaskId: image.ImportTaskId, DryRun: true})));
			assert.equal(denied.name, 'UnauthorizedOperation');
			assert.equal(denied.$metadata.httpStatusCode, 403);
		});
	});

	it('cancels a generated task: it stays where the cancel found it, then leaves the list 7 days later', async () => {
		const clock = manualClock();
		const sim = await startTestSimulator({seed: 4, tasks: 12, arrivals: false, now: clock.now});
		try {
			const active = async () =>
				(await sim.client.send(new DescribeImportImageTasksCommand({Filters: [{Name: 'task-state', Values: ['active']}]}))).ImportImageTasks ?? [];
			const before = (await active())[0];
			assert.ok(before?.ImportTaskId !== undefined, 'the mix has an active task');
			const id = before.ImportTaskId;
			await sim.client.send(new CancelImportTaskCommand({ImportTaskId: id, CancelReason: 'wrong disk'}));
			assert.ok(!(await active()).some((task) => task.ImportTaskId === id));
			clock.advance(6 * 24 * 60 * 60 * 1000);
			const later = (await sim.client.send(new DescribeImportImageTasksCommand({ImportTaskIds: [id]}))).ImportImageTasks?.[0];
			const {Progress: _progress, ...rest} = before;
			assert.deepEqual(later, {...rest, Status: 'deleted', StatusMessage: 'wrong disk'});
			clock.advance(retentionMs);
			const gone = await ec2Error(sim.client.send(new DescribeImportImageTasksCommand({ImportTaskIds: [id]})));
			assert.equal(gone.name, 'InvalidConversionTaskId.Malformed');
		} finally {
			await sim.close();
		}
	});

	it('gives byte-identical answers for the same seed, clock and requests, cancels included', async () => {
		const bodies = async () => {
			const clock = manualClock();
			const sim = await startTestSimulator({seed: 42, now: clock.now, speed: 10});
			try {
				const texts: string[] = [];
				const post = async (body: string) => {
					texts.push((await postForm(sim.url, `Version=2016-11-15&${body}`)).text);
					clock.advance(60_000);
				};
				for (const action of ['DescribeImportImageTasks', 'DescribeImportSnapshotTasks']) {
					await post(`Action=${action}&Filters.1.Name=task-state&Filters.1.Value.1=active`);
					const id = /<importTaskId>([^<]+)<\/importTaskId>/.exec(texts.at(-1) ?? '')?.[1];
					assert.ok(id !== undefined, `${action}: an active task to cancel`);
					await post(`Action=CancelImportTask&ImportTaskId=${id}&CancelReason=test`);
					await post(`Action=CancelImportTask&ImportTaskId=${id}`);
					await post(`Action=${action}&MaxResults=3`);
				}
				return texts;
			} finally {
				await sim.close();
			}
		};
		const first = await bodies();
		assert.match(first[1] ?? '', /<state>deleting<\/state>/);
		assert.match(first[2] ?? '', /<Code>IncorrectState<\/Code>/);
		assert.deepEqual(await bodies(), first);
	});
});
