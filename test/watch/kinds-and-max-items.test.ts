import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import type {ImportTask} from '../../source/model/import-task.js';
import {createEc2Source, type Ec2SourceOptions} from '../../source/watch/ec2-source.js';
import {manualClock, startTestSimulator, type TestSimulator, testCredentials} from '../helpers/simulator.js';

// Image and snapshot imports through their real SDK paginators against the simulator; --max-items; a kind whose
// Describe call is not allowed.

let sim: TestSimulator;
before(async () => {
	sim = await startTestSimulator({seed: 5, tasks: 12, snapshotTasks: 9, arrivals: false, now: manualClock().now});
});
after(() => sim.close());

const fresh = () => new AbortController().signal;
const source = (overrides: Partial<Ec2SourceOptions> = {}) =>
	createEc2Source({region: 'us-east-1', endpoint: sim.url, credentials: testCredentials, maxAttempts: 1, ...overrides});
const ofKind = (tasks: ImportTask[], kind: ImportTask['kind']) => tasks.filter((task) => task.kind === kind);

async function withFaults<T>(faults: Parameters<TestSimulator['simulator']['configure']>[0], run: () => Promise<T>): Promise<T> {
	sim.simulator.configure(faults);
	try {
		return await run();
	} finally {
		sim.simulator.configure(Object.fromEntries(Object.keys(faults).map((key) => [key, undefined])));
	}
}

describe('image and snapshot imports in one list', () => {
	test('both kinds by default, each normalised; a snapshot task carries its one disk', async () => {
		const tasks = await source().fetchTasks(fresh());
		assert.equal(ofKind(tasks, 'image').length, 12);
		const snapshots = ofKind(tasks, 'snapshot');
		assert.equal(snapshots.length, 9);
		for (const task of snapshots) {
			assert.match(task.importTaskId ?? '', /^import-snap-/);
			assert.equal(task.snapshotDetails.length, 1);
			assert.equal(task.snapshotDetails[0]?.status, task.status);
			assert.equal(task.imageId, undefined);
		}
		assert.ok(ofKind(tasks, 'image').every((task) => task.importTaskId?.startsWith('import-ami-')));
	});

	test('--kind picks one call; the other is never sent', async () => {
		const before = sim.simulator.requestCount;
		const images = await source({kinds: ['image']}).fetchTasks(fresh());
		assert.equal(sim.simulator.requestCount - before, 1);
		assert.deepEqual([...new Set(images.map((task) => task.kind))], ['image']);
		const snapshots = await source({kinds: ['snapshot']}).fetchTasks(fresh());
		assert.deepEqual([...new Set(snapshots.map((task) => task.kind))], ['snapshot']);
		assert.equal(snapshots.length, 9);
	});

	test('--state and --task-ids apply to both calls; each call gets the ids of its kind', async () => {
		const all = await source().fetchTasks(fresh());
		const completed = await source({stateFilter: ['completed']}).fetchTasks(fresh());
		assert.deepEqual(
			completed.map((task) => task.importTaskId).sort(),
			all
				.filter((task) => task.status === 'completed')
				.map((task) => task.importTaskId)
				.sort(),
		);
		assert.ok(ofKind(completed, 'snapshot').length > 0 && ofKind(completed, 'image').length > 0, 'both kinds have completed tasks at seed 5');
		const wanted = [ofKind(all, 'image')[0]?.importTaskId ?? '', ofKind(all, 'snapshot')[0]?.importTaskId ?? ''];
		const byId = await source({taskIds: wanted}).fetchTasks(fresh());
		assert.deepEqual(byId.map((task) => task.importTaskId).sort(), [...wanted].sort());
		const before = sim.simulator.requestCount;
		const onlyImage = await source({taskIds: [wanted[0] ?? '']}).fetchTasks(fresh());
		assert.equal(onlyImage.length, 1);
		assert.equal(sim.simulator.requestCount - before, 1, 'no snapshot id: the snapshot call is not made');
	});

	test('a missing ec2:DescribeImportSnapshotTasks disables snapshots with a note; the image tasks still come', async () => {
		await withFaults({denyActions: ['DescribeImportSnapshotTasks']}, async () => {
			const watched = source();
			const tasks = await watched.fetchTasks(fresh());
			assert.equal(tasks.length, 12);
			assert.deepEqual(watched.pollNotes(), {disabled: [{kind: 'snapshot', action: 'DescribeImportSnapshotTasks'}]});
			const before = sim.simulator.requestCount;
			await watched.fetchTasks(fresh());
			assert.equal(sim.simulator.requestCount - before, 1, 'the disabled kind is not asked again');
		});
	});

	test('the other way round, and when no kind is allowed the poll fails as a permission fault', async () => {
		await withFaults({denyActions: ['DescribeImportImageTasks']}, async () => {
			const watched = source();
			assert.equal((await watched.fetchTasks(fresh())).length, 9);
			assert.equal(watched.pollNotes().disabled[0]?.kind, 'image');
		});
		await withFaults({denyActions: ['DescribeImportImageTasks', 'DescribeImportSnapshotTasks']}, async () => {
			const watched = source();
			await assert.rejects(watched.fetchTasks(fresh()), (error) => watched.classify(error).kind === 'permission');
			assert.deepEqual(watched.pollNotes(), {disabled: []});
		});
	});

	test('another fault of one call fails the poll (only a missing permission disables a kind)', async () => {
		await withFaults({failRate: 1}, async () => {
			const watched = source();
			await assert.rejects(watched.fetchTasks(fresh()), (error) => watched.classify(error).kind === 'server');
		});
	});

	test('dry run checks the call of each kind watched, and only those', async () => {
		await withFaults({denyActions: ['DescribeImportSnapshotTasks']}, async () => {
			assert.deepEqual(await source({kinds: ['image']}).dryRunCheck(fresh()), [{action: 'ec2:DescribeImportImageTasks', ok: true}]);
			for (const kinds of [['snapshot'], ['image', 'snapshot']] as const) {
				const denied = (await source({kinds: [...kinds]}).dryRunCheck(fresh())).at(-1);
				assert.equal(denied?.action, 'ec2:DescribeImportSnapshotTasks');
				assert.equal(denied.ok ? 'ok' : denied.fault.kind, 'permission');
				assert.match(denied.ok ? '' : denied.fault.message, /not allowed to call ec2:DescribeImportSnapshotTasks \(UnauthorizedOperation\)/);
			}
			const watched = source({kinds: ['snapshot']});
			const fault = watched.classify(
				await watched.fetchTasks(fresh()).then(
					() => assert.fail('expected a refusal'),
					(error: unknown) => error,
				),
			);
			assert.equal(fault.action, 'ec2:DescribeImportSnapshotTasks');
			assert.match(fault.hint ?? '', /allows ec2:DescribeImportSnapshotTasks/);
		});
	});
});

describe('--max-items', () => {
	test('stops after N tasks, asking the last page for only what is still wanted', async () => {
		const all = await source({kinds: ['image']}).fetchTasks(fresh());
		const before = sim.simulator.requestCount;
		const limited = source({kinds: ['image'], pageSize: 4, maxItems: 6});
		const tasks = await limited.fetchTasks(fresh());
		assert.deepEqual(
			tasks.map((task) => task.importTaskId),
			all.slice(0, 6).map((task) => task.importTaskId),
		);
		// Pages of 4 and then 2 (MaxResults 2): exactly two requests, nothing thrown away.
		assert.equal(sim.simulator.requestCount - before, 2);
		assert.deepEqual(limited.pollNotes(), {cutAt: 6, disabled: []});
	});

	test('without a page size the first request sends none (as the AWS CLI); the page EC2 sends is cut', async () => {
		const before = sim.simulator.requestCount;
		const limited = source({kinds: ['image'], maxItems: 5});
		assert.equal((await limited.fetchTasks(fresh())).length, 5);
		assert.equal(sim.simulator.requestCount - before, 1);
		assert.equal(limited.pollNotes().cutAt, 5);
	});

	test('a limit above the number of tasks cuts nothing and says nothing', async () => {
		const limited = source({maxItems: 100, pageSize: 5});
		assert.equal((await limited.fetchTasks(fresh())).length, 21);
		assert.deepEqual(limited.pollNotes(), {disabled: []});
	});

	test('exactly as many tasks as the limit is not a cut', async () => {
		const limited = source({kinds: ['snapshot'], maxItems: 9});
		assert.equal((await limited.fetchTasks(fresh())).length, 9);
		assert.equal(limited.pollNotes().cutAt, undefined);
	});

	test('at most N across both kinds, image tasks first', async () => {
		const limited = source({maxItems: 14, pageSize: 1000});
		const tasks = await limited.fetchTasks(fresh());
		assert.equal(tasks.length, 14);
		assert.equal(ofKind(tasks, 'image').length, 12);
		assert.equal(limited.pollNotes().cutAt, 14);
	});
});
