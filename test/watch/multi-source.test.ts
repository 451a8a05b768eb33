import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {createEc2Source} from '../../source/watch/ec2-source.js';
import {createMultiSource, type Pair} from '../../source/watch/multi-source.js';
import {createFakeTimers} from '../helpers/fake-timers.js';
import {startTestSimulator, type TestSimulator, testCredentials} from '../helpers/simulator.js';

// Two "regions", each its own simulator, through the real SDK: one failing never blanks the other.

let east: TestSimulator;
let west: TestSimulator;

before(async () => {
	east = await startTestSimulator({seed: 1, tasks: 3, snapshotTasks: 0, arrivals: false});
	west = await startTestSimulator({seed: 2, tasks: 4, snapshotTasks: 0, arrivals: false});
});
after(async () => {
	await east.close();
	await west.close();
});

function multi(timers = createFakeTimers(0)) {
	const endpoints: Record<string, string> = {'us-east-1': east.url, 'eu-west-1': west.url};
	const pairs: Pair[] = [{region: 'us-east-1'}, {region: 'eu-west-1'}];
	const source = createMultiSource({
		pairs,
		makeSource: (pair) => createEc2Source({region: pair.region, endpoint: endpoints[pair.region], credentials: testCredentials, maxAttempts: 1}),
		intervalMs: 10_000,
		timers,
		random: () => 0.5,
	});
	return {source, timers};
}

describe('several regions at once', () => {
	it('merges every region’s tasks, tagged with their region', async () => {
		const {source} = multi();
		const tasks = await source.fetchTasks(new AbortController().signal);
		assert.equal(tasks.length, 7);
		assert.deepEqual([...new Set(tasks.map((task) => task.region))].sort(), ['eu-west-1', 'us-east-1']);
		assert.deepEqual(source.partialFaults(), []);
		source.destroy();
	});

	it('keeps a failing region’s last good tasks, reports it with its own backoff, and recovers it', async () => {
		const {source, timers} = multi();
		await source.fetchTasks(new AbortController().signal);
		west.simulator.configure({deny: true});
		const during = await source.fetchTasks(new AbortController().signal);
		assert.equal(during.length, 7, 'the failing region’s tasks stay');
		const [fault] = source.partialFaults();
		assert.equal(fault?.label, 'eu-west-1');
		assert.equal(fault?.fault.kind, 'permission');
		assert.equal(fault?.retryAt, 60_000, 'permission faults retry slowly');
		const westCalls = west.simulator.requestCount;
		await source.fetchTasks(new AbortController().signal);
		assert.equal(west.simulator.requestCount, westCalls, 'no request to a region still in its backoff');
		west.simulator.configure({deny: undefined});
		await timers.advance(60_000);
		await source.fetchTasks(new AbortController().signal);
		assert.deepEqual(source.partialFaults(), []);
		source.destroy();
	});

	it('fails the poll as a whole only when no region has anything to show', async () => {
		const {source} = multi();
		east.simulator.configure({deny: true});
		west.simulator.configure({deny: true});
		await assert.rejects(source.fetchTasks(new AbortController().signal), {name: 'UnauthorizedOperation'});
		east.simulator.configure({deny: undefined});
		west.simulator.configure({deny: undefined});
		source.destroy();
	});

	it('says which region cannot list snapshot imports, and cancels a task where it lives', async () => {
		const {source} = multi();
		west.simulator.configure({denyActions: ['DescribeImportSnapshotTasks']});
		try {
			const tasks = await source.fetchTasks(new AbortController().signal);
			assert.equal(tasks.length, 7);
			assert.deepEqual(source.pollNotes(), {disabled: [{kind: 'snapshot', action: 'DescribeImportSnapshotTasks', label: 'eu-west-1'}]});
			const active = tasks.find((task) => task.region === 'eu-west-1' && task.status === 'active');
			assert.ok(active?.importTaskId !== undefined, 'an active task in eu-west-1 (seed 2)');
			const outcome = await source.cancelTask(
				{importTaskId: active.importTaskId, region: 'eu-west-1'},
				{dryRun: true, reason: 'test'},
				new AbortController().signal,
			);
			assert.deepEqual(outcome, {kind: 'allowed'});
			const elsewhere = await source.cancelTask(
				{importTaskId: active.importTaskId, region: 'us-east-1'},
				{dryRun: true, reason: 'test'},
				new AbortController().signal,
			);
			assert.equal(
				elsewhere.kind === 'refused' ? elsewhere.fault.code : elsewhere.kind,
				'InvalidConversionTaskId.Malformed',
				'the other region does not know it',
			);
		} finally {
			west.simulator.configure({denyActions: undefined});
			source.destroy();
		}
	});
});
