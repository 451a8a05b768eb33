// The lifecycle under an injected clock, scenario round trips and escaping, through the real SDK.

import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {DescribeImportImageTasksCommand, type ImportImageTask} from '@aws-sdk/client-ec2';
import {stageNames} from '../../source/simulator/lifecycle.js';
import {typicalImportMs} from '../../source/simulator/server.js';
import {manualClock, startTestSimulator} from '../helpers/simulator.js';
import {everyField, hostile, hostileTask, long} from './fixtures.js';

const ranks = new Map<string | undefined, number>(stageNames.map((name, index) => [name, index]));
const rank = (message: string | undefined) => ranks.get(message) ?? -1;

describe('lifecycle through the real SDK', () => {
	it('moves arriving imports through the real stages, with fields appearing when EC2 shows them', async () => {
		const clock = manualClock();
		// speed 30: each 1 s of the injected clock is 30 s of simulated time.
		const sim = await startTestSimulator({seed: 2, tasks: 0, arrivals: true, speed: 30, now: clock.now});
		const journeys = new Map<string, ImportImageTask[]>();
		try {
			for (let step = 0; step < 600; step++) {
				const output = await sim.client.send(new DescribeImportImageTasksCommand({}));
				for (const task of output.ImportImageTasks ?? []) {
					const id = task.ImportTaskId ?? '';
					journeys.set(id, [...(journeys.get(id) ?? []), task]);
				}
				clock.advance(1000);
			}
		} finally {
			await sim.close();
		}
		const finished = [...journeys.values()].filter((seen) => seen[0]?.StatusMessage === 'pending' && seen.at(-1)?.Status !== 'active');
		assert.ok(
			finished.some((seen) => seen.at(-1)?.Status === 'completed'),
			'some import completed',
		);
		assert.ok(
			finished.some((seen) => seen.at(-1)?.Status === 'deleted'),
			'some import failed',
		);
		for (const seen of finished) {
			const id = seen[0]?.ImportTaskId;
			let lastRank = 0;
			let lastProgress = 0;
			const progressSeen = new Set<string>();
			for (const task of seen) {
				if (task.Status === 'active') {
					const current = rank(task.StatusMessage);
					assert.ok(current >= lastRank, `${id}: ${task.StatusMessage} after ${stageNames[lastRank]}`);
					assert.ok(Number(task.Progress) >= lastProgress, `${id}: progress went back`);
					lastRank = current;
					lastProgress = Number(task.Progress);
					progressSeen.add(task.Progress ?? '');
					if (current < rank('converting')) assert.deepEqual(task.SnapshotDetails, [], `${id} at ${task.StatusMessage}`);
					else assert.ok((task.SnapshotDetails?.length ?? 0) >= 1);
					assert.equal(task.Platform !== undefined, current >= rank('booting'), `${id} Platform at ${task.StatusMessage}`);
					assert.equal(task.Architecture !== undefined, current >= rank('booting'));
					const detail = task.SnapshotDetails?.[0];
					if (detail !== undefined) {
						assert.notEqual(detail.Format, 'OVA');
						assert.equal(detail.Status, current >= rank('updating') ? 'completed' : 'active');
						assert.equal(detail.DeviceName !== undefined, current >= rank('booting'));
						assert.equal(detail.SnapshotId !== undefined, current >= rank('preparing ami'));
						assert.ok((detail.DiskImageSize ?? 0) > 100_000_000, 'size in bytes');
					}
					assert.equal(task.ImageId, undefined);
				} else if (task.Status === 'completed') {
					assert.match(task.ImageId ?? '', /^ami-[0-9a-f]{17}$/);
					assert.equal(task.Progress, undefined);
					assert.equal(task.StatusMessage, undefined);
				} else {
					assert.match(task.StatusMessage ?? '', /^(CLIENT_ERROR : )?(ClientError|FirstBootFailure): /);
					assert.equal(task.Progress, undefined);
				}
			}
			assert.ok(progressSeen.size >= 8, `${id}: progress ticked through ${progressSeen.size} values`);
			const statuses = seen.map((task) => task.Status).filter((status, index, all) => status !== all[index - 1]);
			assert.ok(['active,completed', 'active,deleting,deleted'].includes(statuses.join()), `${id}: ${statuses.join(' > ')}`);
		}
	});

	it('plays a typical import out in typicalImportMs of simulated time', async () => {
		assert.ok(typicalImportMs > 0);
		const clock = manualClock();
		const sim = await startTestSimulator({seed: 1, tasks: 0, arrivals: true, speed: typicalImportMs / 120_000, now: clock.now});
		try {
			let active = 0;
			for (let second = 0; second < 600; second += 5) {
				const output = await sim.client.send(new DescribeImportImageTasksCommand({Filters: [{Name: 'task-state', Values: ['active']}]}));
				active = Math.max(active, output.ImportImageTasks?.length ?? 0);
				clock.advance(5000);
			}
			assert.ok(active >= 1, 'at demo speed, imports are visibly under way within ten minutes');
		} finally {
			await sim.close();
		}
	});
});

describe('scenarios and escaping through the real SDK', () => {
	it('serves a scenario task with every field exactly as given', async () => {
		const sim = await startTestSimulator({scenario: {tasks: [everyField, {ImportTaskId: 'import-ami-bare'}]}});
		try {
			const output = await sim.client.send(new DescribeImportImageTasksCommand({}));
			assert.deepEqual(output.ImportImageTasks, [everyField, {ImportTaskId: 'import-ami-bare'}]);
		} finally {
			await sim.close();
		}
	});

	it('carries hostile and long strings through, replacing only what XML 1.0 cannot hold', async () => {
		const sim = await startTestSimulator({scenario: {tasks: [hostileTask(hostile.sent), {...hostileTask(long), ImportTaskId: 'import-ami-long'}]}});
		try {
			const output = await sim.client.send(new DescribeImportImageTasksCommand({}));
			assert.deepEqual(output.ImportImageTasks, [hostileTask(hostile.expected), {...hostileTask(long), ImportTaskId: 'import-ami-long'}]);
		} finally {
			await sim.close();
		}
	});
});
