import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import type {PollEvent} from '../../source/model/poll-events.js';
import {createEc2Source} from '../../source/watch/ec2-source.js';
import {createPoller} from '../../source/watch/poller.js';
import {pollOf} from '../../source/model/task-source.js';
import {createFakeTimers} from '../helpers/fake-timers.js';
import {startTestSimulator, type TestSimulator, testCredentials} from '../helpers/simulator.js';

// The poller and the real source together: fake timers drive the poller, the HTTP is real.

const interval = 5000;
const clock = createFakeTimers(Date.UTC(2026, 0, 1));
let sim: TestSimulator;

before(async () => {
	sim = await startTestSimulator({seed: 11, tasks: 8, arrivals: false, now: clock.now, throttle: 0.5});
});
after(() => sim.close());

test('half the requests throttled: no crash, throttled faults, back to the base interval once throttling stops', {timeout: 30_000}, async () => {
	const ec2 = createEc2Source({region: 'us-east-1', endpoint: sim.url, credentials: testCredentials, maxAttempts: 1, kinds: ['image']});
	const events: PollEvent[] = [];
	let onEnd: (() => void) | undefined;
	const poller = createPoller({
		fetchPoll: pollOf(ec2),
		intervalMs: interval,
		timers: clock,
		onEvent: (event) => {
			events.push(event);
			if (event.type === 'poll-succeeded' || event.type === 'poll-failed') onEnd?.();
		},
		classify: ec2.classify,
		random: () => 0.5,
		isIdle: () => false,
		onCredentialsFault: ec2.resetCredentials,
	});
	const ended = () => events.filter((event) => event.type === 'poll-succeeded' || event.type === 'poll-failed');

	/** Runs `action` (which starts a poll) and waits for that poll's real HTTP to end; virtual time stands still. */
	async function pollWith(action: () => unknown): Promise<PollEvent> {
		const count = ended().length;
		const done = new Promise<void>((resolve) => {
			onEnd = resolve;
		});
		await action();
		if (ended().length === count) await done;
		assert.equal(ended().length, count + 1, 'one poll ended');
		assert.equal(clock.pending(), 1, 'only the next poll is armed; the deadline was cleared');
		return ended().at(-1)!;
	}
	const nextPoll = () => pollWith(() => clock.runNext());

	await pollWith(() => poller.start());
	for (let round = 0; round < 16; round++) await nextPoll();
	const failed = events.filter((event) => event.type === 'poll-failed');
	const succeeded = events.filter((event) => event.type === 'poll-succeeded');
	assert.ok(failed.length >= 3, `throttled faults were reported (${failed.length})`);
	assert.ok(succeeded.length >= 3, `polls got through between them (${succeeded.length})`);
	assert.deepEqual(new Set(failed.map((event) => event.fault.kind)), new Set(['throttled']));
	for (const event of failed) assert.ok(event.nextPollAt - event.at >= interval, 'never faster than the interval');

	sim.simulator.configure({throttle: 0});
	const recovered: PollEvent[] = [];
	for (let round = 0; round < 3; round++) recovered.push(await nextPoll());
	assert.deepEqual(
		recovered.map((event) => (event.type === 'poll-succeeded' ? event.nextPollAt - event.at : event.type)),
		[interval, interval, interval],
	);
	assert.equal(poller.state.consecutiveFaults, 0);
	const lastTasks = events.findLast((event) => event.type === 'poll-succeeded');
	assert.ok(lastTasks?.type === 'poll-succeeded' && lastTasks.tasks.length > 0);

	poller.stop();
	assert.equal(clock.pending(), 0);
	ec2.destroy();
});
