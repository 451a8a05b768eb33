// DescribeImportSnapshotTasks through the real @aws-sdk/client-ec2 over HTTP: the wire shape,
// ids, filters, pagination, dry run, errors, and the generated lifecycle.

import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {
	DescribeImportImageTasksCommand,
	DescribeImportSnapshotTasksCommand,
	type EC2Client,
	type ImportSnapshotTask,
	paginateDescribeImportSnapshotTasks,
} from '@aws-sdk/client-ec2';
import type {ApiSnapshotTask} from '../../source/simulator/api-task.js';
import {snapshotStageNames} from '../../source/simulator/snapshot-lifecycle.js';
import {ec2Error, manualClock, postForm, startTestSimulator} from '../helpers/simulator.js';
import {everySnapshotField, hostile, hostileSnapshotTask} from './fixtures.js';

const states = ['active', 'completed', 'deleting', 'deleted', 'active', 'completed', 'deleted'];
const snapshotTasks: ApiSnapshotTask[] = states.map((Status, index) => ({
	ImportTaskId: `import-snap-${String(index).padStart(17, '0')}`,
	SnapshotTaskDetail: {Status},
}));
const idsWith = (...wanted: string[]) =>
	snapshotTasks.filter((task) => wanted.includes(task.SnapshotTaskDetail?.Status ?? '')).map((task) => task.ImportTaskId);
const idsOf = (tasks: ImportSnapshotTask[] | undefined) => tasks?.map((task) => task.ImportTaskId);

async function allIds(client: EC2Client, pageSize?: number): Promise<string[]> {
	const ids: string[] = [];
	for await (const page of paginateDescribeImportSnapshotTasks({client, pageSize}, {})) {
		for (const task of page.ImportSnapshotTasks ?? []) ids.push(task.ImportTaskId ?? '');
	}
	return ids;
}

describe('DescribeImportSnapshotTasks through the real SDK (scenario)', () => {
	it('serves every field as given, hostile strings as XML allows, and keeps image tasks apart', async () => {
		const sim = await startTestSimulator({
			scenario: {
				tasks: [{ImportTaskId: 'import-ami-0'}],
				snapshotTasks: [everySnapshotField, hostileSnapshotTask(hostile.sent), {ImportTaskId: 'import-snap-bare'}],
			},
		});
		try {
			const output = await sim.client.send(new DescribeImportSnapshotTasksCommand({}));
			assert.deepEqual(output.ImportSnapshotTasks, [everySnapshotField, hostileSnapshotTask(hostile.expected), {ImportTaskId: 'import-snap-bare'}]);
			assert.equal(output.NextToken, undefined);
			const raw = await postForm(sim.url, 'Action=DescribeImportSnapshotTasks&Version=2016-11-15&ImportTaskId.1=import-snap-247b055a63e5a470t');
			assert.match(
				raw.text,
				/^<\?xml version="1.0" encoding="UTF-8"\?>\n<DescribeImportSnapshotTasksResponse xmlns="http:\/\/ec2.amazonaws.com\/doc\/2016-11-15\/">/,
			);
			// The model's member order, with the double and the boolean as EC2 writes them.
			const elements = [...raw.text.matchAll(/^[ \t]*<([a-zA-Z0-9]+)[ >/]/gm)].map((match) => match[1]);
			assert.deepEqual(elements, [
				'DescribeImportSnapshotTasksResponse',
				'requestId',
				'importSnapshotTaskSet',
				'item',
				'description',
				'importTaskId',
				'snapshotTaskDetail',
				'description',
				'diskImageSize',
				'encrypted',
				'format',
				'kmsKeyId',
				'progress',
				'snapshotId',
				'status',
				'statusMessage',
				'url',
				'userBucket',
				's3Bucket',
				's3Key',
				'tagSet',
				'item',
				'key',
				'value',
				'item',
				'key',
				'value',
			]);
			assert.ok(raw.text.includes('<diskImageSize>705638400.0</diskImageSize>'));
			assert.ok(raw.text.includes('<encrypted>true</encrypted>'));
			assert.ok(raw.text.includes('<snapshotId></snapshotId>'));
		} finally {
			await sim.close();
		}
	});

	it('takes ids, task-state filters (Filters.N and Filter.N), MaxResults and NextToken as the image call does', async () => {
		const sim = await startTestSimulator({scenario: {tasks: [], snapshotTasks}});
		try {
			const wanted = [snapshotTasks[3]?.ImportTaskId ?? '', snapshotTasks[1]?.ImportTaskId ?? ''];
			const byId = await sim.client.send(new DescribeImportSnapshotTasksCommand({ImportTaskIds: wanted}));
			assert.deepEqual(idsOf(byId.ImportSnapshotTasks)?.sort(), [...wanted].sort());
			const filter = (...values: string[]) => ({Name: 'task-state', Values: values});
			const ended = await sim.client.send(new DescribeImportSnapshotTasksCommand({Filters: [filter('completed', 'deleted')]}));
			assert.deepEqual(idsOf(ended.ImportSnapshotTasks), idsWith('completed', 'deleted'));
			const anded = await sim.client.send(new DescribeImportSnapshotTasksCommand({Filters: [filter('active', 'deleted'), filter('deleted')]}));
			assert.deepEqual(idsOf(anded.ImportSnapshotTasks), idsWith('deleted'));
			const raw = await postForm(sim.url, 'Action=DescribeImportSnapshotTasks&Version=2016-11-15&Filter.1.Name=task-state&Filter.1.Value.1=deleting');
			assert.deepEqual(
				[...raw.text.matchAll(/<importTaskId>([^<]+)<\/importTaskId>/g)].map((match) => match[1]),
				idsWith('deleting'),
			);
			const everything = await allIds(sim.client);
			assert.deepEqual(
				everything,
				snapshotTasks.map((task) => task.ImportTaskId),
			);
			for (const pageSize of [1, 3]) assert.deepEqual(await allIds(sim.client, pageSize), everything, `page size ${pageSize}`);
			const first = await sim.client.send(new DescribeImportSnapshotTasksCommand({MaxResults: 2}));
			assert.equal(first.ImportSnapshotTasks?.length, 2);
			assert.ok(first.NextToken);
			const wrongCall = await ec2Error(sim.client.send(new DescribeImportImageTasksCommand({NextToken: first.NextToken})));
			assert.equal(wrongCall.name, 'InvalidPaginationToken', "a snapshot page's token is no image page's token");
		} finally {
			await sim.close();
		}
	});

	it('answers errors and dry runs as EC2 does', async () => {
		const sim = await startTestSimulator({scenario: {tasks: [], snapshotTasks}});
		try {
			const unknown = await ec2Error(sim.client.send(new DescribeImportSnapshotTasksCommand({ImportTaskIds: ['import-snap-ffffffffffffffff0']})));
			assert.equal(unknown.name, 'InvalidConversionTaskId.Malformed');
			assert.equal(unknown.$metadata.httpStatusCode, 400);
			const badFilter = await ec2Error(sim.client.send(new DescribeImportSnapshotTasksCommand({Filters: [{Name: 'task-state', Values: ['running']}]})));
			assert.equal(badFilter.name, 'InvalidParameterValue');
			const badToken = await ec2Error(sim.client.send(new DescribeImportSnapshotTasksCommand({NextToken: 'abc+/='})));
			assert.equal(badToken.name, 'InvalidPaginationToken');
			const zero = await ec2Error(sim.client.send(new DescribeImportSnapshotTasksCommand({MaxResults: 0})));
			assert.equal(zero.name, 'InvalidParameterValue');
			const dryRun = await ec2Error(sim.client.send(new DescribeImportSnapshotTasksCommand({DryRun: true})));
			assert.equal(dryRun.name, 'DryRunOperation');
			assert.equal(dryRun.$metadata.httpStatusCode, 412);
			sim.simulator.configure({deny: true});
			const denied = await ec2Error(sim.client.send(new DescribeImportSnapshotTasksCommand({DryRun: true})));
			assert.equal(denied.name, 'UnauthorizedOperation');
			assert.equal(denied.$metadata.httpStatusCode, 403);
		} finally {
			await sim.close();
		}
	});
});

const ranks = new Map<string | undefined, number>(snapshotStageNames.map((name, index) => [name, index]));
const rank = (message: string | undefined) => ranks.get(message) ?? -1;

describe('generated snapshot tasks through the real SDK', () => {
	it('are part of the default mix, seeded, beside the image tasks', async () => {
		const ids = async (seed: number) => {
			const sim = await startTestSimulator({seed, now: manualClock().now});
			try {
				return await allIds(sim.client);
			} finally {
				await sim.close();
			}
		};
		const first = await ids(5);
		assert.equal(first.length, 4, 'a third of the 12 image tasks');
		for (const id of first) assert.match(id, /^import-snap-([0-9a-f]{17}|[0-9a-f]{16}t)$/);
		assert.deepEqual(await ids(5), first);
		assert.notDeepEqual(await ids(6), first);
	});

	it('leave every image task of a seed as it was without them', async () => {
		const imageBodies = async (snapshotTasks: number) => {
			const clock = manualClock();
			const sim = await startTestSimulator({seed: 9, snapshotTasks, now: clock.now, speed: 10});
			try {
				const texts: string[] = [];
				for (let step = 0; step < 3; step++) {
					texts.push((await postForm(sim.url, 'Action=DescribeImportImageTasks&Version=2016-11-15&MaxResults=6')).text);
					clock.advance(30 * 60_000);
				}
				return texts;
			} finally {
				await sim.close();
			}
		};
		assert.deepEqual(await imageBodies(10), await imageBodies(0));
	});

	it('move through pending, validating, validated, downloading/converting to completed, or fail into deleting and deleted', async () => {
		const clock = manualClock();
		const sim = await startTestSimulator({seed: 3, tasks: 0, snapshotTasks: 0, arrivals: true, speed: 30, now: clock.now});
		const journeys = new Map<string, ImportSnapshotTask[]>();
		try {
			for (let step = 0; step < 900; step++) {
				const output = await sim.client.send(new DescribeImportSnapshotTasksCommand({}));
				for (const task of output.ImportSnapshotTasks ?? []) {
					const id = task.ImportTaskId ?? '';
					journeys.set(id, [...(journeys.get(id) ?? []), task]);
				}
				clock.advance(1000);
			}
		} finally {
			await sim.close();
		}
		const finished = [...journeys.values()].filter(
			(seen) => seen[0]?.SnapshotTaskDetail?.StatusMessage === 'pending' && seen.at(-1)?.SnapshotTaskDetail?.Status !== 'active',
		);
		assert.ok(
			finished.some((seen) => seen.at(-1)?.SnapshotTaskDetail?.Status === 'completed'),
			'some import completed',
		);
		assert.ok(
			finished.some((seen) => seen.at(-1)?.SnapshotTaskDetail?.Status === 'deleted'),
			'some import failed',
		);
		for (const seen of finished) {
			const id = seen[0]?.ImportTaskId;
			let lastRank = 0;
			let lastProgress = 0;
			for (const task of seen) {
				const detail = task.SnapshotTaskDetail;
				assert.ok(detail !== undefined);
				assert.ok(detail.UserBucket?.S3Bucket);
				assert.ok(['VMDK', 'VHD', 'RAW'].includes(detail.Format ?? ''));
				if (detail.Status === 'active') {
					const current = rank(detail.StatusMessage);
					assert.ok(current >= lastRank, `${id}: ${detail.StatusMessage} after ${snapshotStageNames[lastRank]}`);
					assert.ok(Number(detail.Progress) >= lastProgress, `${id}: progress went back`);
					lastRank = current;
					lastProgress = Number(detail.Progress);
					assert.equal(detail.SnapshotId, '', 'a running import says SnapshotId ""');
					assert.equal(detail.DiskImageSize === 0, current < rank('validated'), `${id} size at ${detail.StatusMessage}`);
				} else if (detail.Status === 'completed') {
					assert.match(detail.SnapshotId ?? '', /^snap-[0-9a-f]{17}$/);
					assert.equal(detail.Progress, undefined);
					assert.equal(detail.StatusMessage, undefined);
					assert.ok((detail.DiskImageSize ?? 0) >= 1024 ** 3);
				} else {
					assert.match(detail.StatusMessage ?? '', /^ClientError: /);
					assert.equal(detail.Progress, undefined);
				}
			}
			const statuses = seen.map((task) => task.SnapshotTaskDetail?.Status).filter((status, index, all) => status !== all[index - 1]);
			assert.ok(['active,completed', 'active,deleting,deleted'].includes(statuses.join()), `${id}: ${statuses.join(' > ')}`);
		}
	});
});
