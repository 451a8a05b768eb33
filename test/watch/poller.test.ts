import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {ImportTask} from '../../source/model/import-task.js';
import type {PollEvent, PollFault} from '../../source/model/poll-events.js';
import {backoff, createPoller, defaultDeadlineMs, idleIntervalMs, type PollerOptions, retryDelayMs} from '../../source/watch/poller.js';
import {pollOf} from '../../source/model/task-source.js';
import {createFakeTimers, type FakeTimerHandle, type FakeTimers, settle} from '../helpers/fake-timers.js';

const interval = 5000;

function task(id: string, status: string): ImportTask {
	return {kind: 'image', importTaskId: id, status, tags: [], licenseSpecifications: [], snapshotDetails: []};
}

const active = [task('import-ami-1', 'active')];

interface Call {
	signal: AbortSignal;
	resolve(tasks: ImportTask[]): void;
	reject(error: unknown): void;
}

/** A fetch the test answers by hand: every call waits until the test resolves or rejects it. */
function manualFetch() {
	const calls: Call[] = [];
	const fetchTasks = (signal: AbortSignal) =>
		new Promise<ImportTask[]>((resolve, reject) => {
			calls.push({signal, resolve, reject});
		});
	return {calls, fetchTasks, last: () => calls.at(-1)!};
}

class FakeEc2Error extends Error {
	constructor(readonly kind: PollFault['kind']) {
		super(kind);
	}
}

const classify = (error: unknown): PollFault =>
	error instanceof FakeEc2Error ? {kind: error.kind, message: error.kind} : {kind: 'server', message: String(error)};

function setup(overrides: Partial<PollerOptions<FakeTimerHandle>> = {}, fetch = manualFetch()) {
	const clock: FakeTimers = createFakeTimers(1_000_000);
	const events: PollEvent[] = [];
	const poller = createPoller({
		fetchPoll: pollOf({fetchTasks: fetch.fetchTasks}),
		intervalMs: interval,
		timers: clock,
		onEvent: (event) => events.push(event),
		classify,
		random: () => 0.5,
		...overrides,
	});
	const ofType = <T extends PollEvent['type']>(type: T) => events.filter((event): event is Extract<PollEvent, {type: T}> => event.type === type);
	return {clock, events, poller, fetch, ofType};
}

/** Answers the poll in flight (by hand) and lets the poller react. */
async function answer(call: Call, outcome: ImportTask[] | Error): Promise<void> {
	if (outcome instanceof Error) {
		call.reject(outcome);
	} else {
		call.resolve(outcome);
	}
	await settle();
}

const gaps = (events: Array<{at: number; nextPollAt: number}>) => events.map((event) => event.nextPollAt - event.at);

describe('poller: one poll at a time', () => {
	test('a slow fetch and a pressed refresh never overlap', async () => {
		const {clock, poller, fetch, ofType} = setup();
		poller.start();
		assert.equal(fetch.calls.length, 1);
		await clock.advance(10_000); // slow, but inside the 15 s deadline
		assert.equal(poller.pollNow(), 'already-polling');
		assert.equal(fetch.calls.length, 1);
		assert.equal(poller.state.polling, true);
		await answer(fetch.last(), active);
		assert.deepEqual(gaps(ofType('poll-succeeded')), [interval]);
		assert.equal(fetch.calls.length, 1);
	});

	test('the one-shot timer is re-armed when a poll ends, not before', async () => {
		const {clock, poller, fetch, ofType} = setup();
		poller.start();
		await clock.advance(3000);
		await answer(fetch.last(), active);
		const [succeeded] = ofType('poll-succeeded');
		assert.equal(succeeded?.nextPollAt, 1_003_000 + interval);
		assert.equal(poller.state.nextPollAt, 1_003_000 + interval);
		await clock.advance(interval - 1);
		assert.equal(fetch.calls.length, 1);
		await clock.advance(1);
		assert.equal(fetch.calls.length, 2);
		assert.deepEqual(
			ofType('poll-started').map((event) => [event.at, event.generation]),
			[
				[1_000_000, 1],
				[1_003_000 + interval, 2],
			],
		);
	});

	test('pollNow polls at once when idle and replaces the pending timer', async () => {
		const {clock, poller, fetch} = setup();
		poller.start();
		await answer(fetch.last(), active);
		await clock.advance(1000);
		assert.equal(poller.pollNow(), 'started');
		assert.equal(fetch.calls.length, 2);
		assert.equal(clock.pending(), 1, 'only the deadline of the poll in flight');
		await answer(fetch.last(), active);
		await clock.advance(interval);
		assert.equal(fetch.calls.length, 3);
	});

	test('a fetch that throws synchronously is a fault, not a crash', async () => {
		const {poller, ofType} = setup({
			fetchPoll: () => {
				throw new FakeEc2Error('request');
			},
		});
		poller.start();
		await settle();
		assert.equal(ofType('poll-failed')[0]?.fault.kind, 'request');
		assert.equal(poller.state.status, 'running');
	});

	test('pollNow before start or after stop does nothing', () => {
		const {poller, fetch} = setup();
		assert.equal(poller.pollNow(), 'not-running');
		poller.start();
		poller.stop();
		assert.equal(poller.pollNow(), 'not-running');
		assert.equal(fetch.calls.length, 1);
	});
});

describe('poller: cancelling and late results', () => {
	test('stop aborts the request in flight, clears every timer and reports nothing after', async () => {
		const {clock, poller, fetch, events} = setup();
		poller.start();
		const call = fetch.last();
		const before = events.length;
		poller.stop();
		assert.equal(call.signal.aborted, true);
		assert.equal(clock.pending(), 0, 'no timer keeps the process alive');
		await answer(call, Object.assign(new Error('Request aborted'), {name: 'AbortError'}));
		await clock.advance(10 * 60_000);
		assert.equal(events.length, before, 'a quit produces no event at all');
		assert.equal(fetch.calls.length, 1);
		assert.equal(poller.state.status, 'stopped');
	});

	test('a result that arrives after stop is dropped', async () => {
		const {poller, fetch, ofType} = setup();
		poller.start();
		poller.stop();
		await answer(fetch.last(), active);
		assert.equal(ofType('poll-succeeded').length, 0);
	});

	test('stop while waiting clears the timer', async () => {
		const {clock, poller, fetch} = setup();
		poller.start();
		await answer(fetch.last(), active);
		assert.equal(clock.pending(), 1);
		poller.stop();
		assert.equal(clock.pending(), 0);
	});

	test('the deadline aborts a hung fetch and reports a timeout', async () => {
		const {clock, poller, fetch, ofType} = setup();
		assert.equal(poller.state.deadlineMs, 15_000);
		poller.start();
		const call = fetch.last();
		await clock.advance(14_999);
		assert.equal(ofType('poll-failed').length, 0);
		assert.equal(call.signal.aborted, false);
		await clock.advance(1);
		assert.equal(call.signal.aborted, true);
		const [failed] = ofType('poll-failed');
		assert.equal(failed?.fault.kind, 'timeout');
		assert.equal(failed?.generation, 1);
		assert.equal(failed.nextPollAt - failed.at, 2 * interval);
		// The SDK then rejects with its AbortError: already reported, so dropped.
		await answer(call, Object.assign(new Error('Request aborted'), {name: 'AbortError'}));
		assert.equal(ofType('poll-failed').length, 1);
	});

	test('a late result of an older generation is dropped after a timeout and pollNow', async () => {
		const {clock, poller, fetch, ofType} = setup({deadlineMs: 2000});
		poller.start();
		const first = fetch.last();
		await clock.advance(2000); // timed out; this fetch ignores its signal
		assert.equal(poller.pollNow(), 'started');
		const second = fetch.last();
		assert.notEqual(first, second);
		await answer(first, [task('import-ami-stale', 'active')]);
		assert.equal(ofType('poll-succeeded').length, 0, 'generation 1 is stale');
		await answer(second, active);
		const succeeded = ofType('poll-succeeded');
		assert.deepEqual(
			succeeded.map((event) => [event.generation, event.tasks[0]?.importTaskId]),
			[[2, 'import-ami-1']],
		);
	});

	test('default deadline is clamp(2 × interval, 15 s, 60 s)', () => {
		assert.equal(defaultDeadlineMs(2000), 15_000);
		assert.equal(defaultDeadlineMs(10_000), 20_000);
		assert.equal(defaultDeadlineMs(120_000), 60_000);
	});
});

describe('poller: backoff', () => {
	test('throttling backs off exponentially with full jitter, within bounds', () => {
		for (let faults = 1; faults <= 12; faults++) {
			const ceiling = Math.min(backoff.throttleCapMs, interval * 2 ** faults);
			assert.equal(
				retryDelayMs('throttled', faults, interval, () => 0),
				interval,
				'never faster than the interval',
			);
			const top = retryDelayMs('throttled', faults, interval, () => 0.999_999);
			assert.ok(top <= ceiling && top >= ceiling - 1, `fault ${faults}: ${top} near ${ceiling}`);
			for (const r of [0.1, 0.37, 0.5, 0.83]) {
				const delay = retryDelayMs('throttled', faults, interval, () => r);
				assert.ok(delay >= interval && delay <= ceiling, `fault ${faults}: ${delay} in [${interval}, ${ceiling}]`);
			}
		}
		assert.equal(
			retryDelayMs('throttled', 40, interval, () => 0.999_999),
			backoff.throttleCapMs - 1,
		);
	});

	test('repeated throttling makes the gaps grow, and a refresh is refused meanwhile', async () => {
		const {clock, poller, fetch, ofType} = setup({random: () => 0.999_999});
		poller.start();
		for (let round = 0; round < 8; round++) {
			await answer(fetch.last(), new FakeEc2Error('throttled'));
			assert.equal(poller.pollNow(), 'throttled');
			await clock.runNext();
		}
		const delays = gaps(ofType('poll-failed'));
		assert.deepEqual(delays, [9999, 19_999, 39_999, 79_999, 159_999, 299_999, 299_999, 299_999]);
		assert.equal(fetch.calls.length, 9, 'the refused refreshes sent nothing');
		assert.equal(poller.state.consecutiveFaults, 8);
		assert.equal(poller.state.lastFaultKind, 'throttled');
	});

	test('jitter spreads the throttled retries', async () => {
		const values = [0.1, 0.9, 0.3, 0.7];
		const {clock, poller, fetch, ofType} = setup({random: () => values.shift() ?? 0.5});
		poller.start();
		for (let round = 0; round < 4; round++) {
			await answer(fetch.last(), new FakeEc2Error('throttled'));
			await clock.runNext();
		}
		// interval + r × (min(cap, interval × 2^n) − interval)
		assert.deepEqual(gaps(ofType('poll-failed')), [5500, 18_500, 15_500, 57_500]);
	});

	test('network, server and timeout faults back off 2×, 4×, 8× … capped at 60 s', async () => {
		const {clock, poller, fetch, ofType} = setup();
		poller.start();
		for (const kind of ['network', 'server', 'network', 'server', 'network'] as const) {
			await answer(fetch.last(), new FakeEc2Error(kind));
			await clock.runNext();
		}
		assert.deepEqual(gaps(ofType('poll-failed')), [10_000, 20_000, 40_000, 60_000, 60_000]);
		assert.equal(retryDelayMs('timeout', 3, interval, Math.random), 40_000);
		assert.equal(retryDelayMs('network', 1, 90_000, Math.random), 90_000, 'never faster than the interval');
	});

	test('back to the base interval within one interval once faults stop', async () => {
		const {clock, poller, fetch, ofType} = setup();
		poller.start();
		for (let round = 0; round < 6; round++) {
			await answer(fetch.last(), new FakeEc2Error(round % 2 === 0 ? 'throttled' : 'network'));
			await clock.runNext();
		}
		await answer(fetch.last(), active);
		const [succeeded] = ofType('poll-succeeded');
		assert.equal(succeeded!.nextPollAt - succeeded!.at, interval);
		assert.equal(poller.state.consecutiveFaults, 0);
		assert.equal(poller.state.throttledUntil, undefined);
		await clock.advance(interval);
		assert.equal(fetch.calls.length, 8);
		assert.equal(poller.pollNow(), 'already-polling');
	});

	test('credentials faults retry slowly and ask the source to rebuild its credentials', async () => {
		let rebuilt = 0;
		const {clock, poller, fetch, ofType} = setup({onCredentialsFault: () => rebuilt++});
		poller.start();
		await answer(fetch.last(), new FakeEc2Error('credentials'));
		assert.equal(rebuilt, 1);
		await clock.runNext();
		await answer(fetch.last(), new FakeEc2Error('credentials'));
		assert.equal(rebuilt, 2);
		assert.deepEqual(gaps(ofType('poll-failed')), [60_000, 60_000]);
		assert.equal(poller.pollNow(), 'started', 'after aws sso login the operator can retry at once');
	});

	test('permission and request faults retry slowly', async () => {
		const {clock, poller, fetch, ofType} = setup();
		poller.start();
		await answer(fetch.last(), new FakeEc2Error('permission'));
		await clock.runNext();
		await answer(fetch.last(), new FakeEc2Error('request'));
		assert.deepEqual(gaps(ofType('poll-failed')), [60_000, 60_000]);
		assert.equal(retryDelayMs('permission', 1, 120_000, Math.random), 120_000);
	});
});

describe('poller: pause and resume', () => {
	test('pause stops scheduling; resume polls at once', async () => {
		const {clock, poller, fetch, ofType} = setup();
		poller.start();
		await answer(fetch.last(), active);
		poller.pause();
		assert.equal(poller.state.status, 'paused');
		assert.equal(clock.pending(), 0);
		await clock.advance(10 * 60_000);
		assert.equal(fetch.calls.length, 1);
		poller.resume();
		assert.equal(fetch.calls.length, 2);
		assert.deepEqual(
			ofType('resumed').map((event) => event.nextPollAt - event.at),
			[0],
		);
		assert.equal(ofType('paused').length, 1);
	});

	test('a poll in flight when paused finishes but schedules nothing', async () => {
		const {clock, poller, fetch, ofType} = setup();
		poller.start();
		poller.pause();
		await answer(fetch.last(), active);
		assert.equal(ofType('poll-succeeded').length, 1);
		assert.equal(clock.pending(), 0);
		assert.equal(poller.state.nextPollAt, undefined);
		await clock.advance(60_000);
		assert.equal(fetch.calls.length, 1);
		poller.resume();
		assert.equal(fetch.calls.length, 2);
	});

	test('resume while the paused poll is still in flight lets it re-arm the timer', async () => {
		const {clock, poller, fetch} = setup();
		poller.start();
		poller.pause();
		poller.resume();
		assert.equal(fetch.calls.length, 1, 'no second poll on top of the first');
		await answer(fetch.last(), active);
		await clock.advance(interval);
		assert.equal(fetch.calls.length, 2);
	});

	test('a refresh while paused polls once and stays paused', async () => {
		const {clock, poller, fetch} = setup();
		poller.start();
		await answer(fetch.last(), active);
		poller.pause();
		assert.equal(poller.pollNow(), 'started');
		await answer(fetch.last(), active);
		assert.equal(clock.pending(), 0);
		assert.equal(poller.state.status, 'paused');
	});

	test('resume respects a throttling backoff', async () => {
		const {clock, poller, fetch, ofType} = setup({random: () => 0.999_999});
		poller.start();
		await answer(fetch.last(), new FakeEc2Error('throttled'));
		poller.pause();
		await clock.advance(1000);
		poller.resume();
		assert.equal(fetch.calls.length, 1);
		const [resumed] = ofType('resumed');
		assert.equal(resumed?.nextPollAt, 1_000_000 + 9999);
		await clock.advance(8999);
		assert.equal(fetch.calls.length, 2);
	});
});

describe('poller: adaptive interval', () => {
	test('nothing active slows polling to 4 × interval; an active task brings the base back', async () => {
		const {clock, poller, fetch, ofType} = setup();
		poller.start();
		await answer(fetch.last(), [task('import-ami-1', 'completed'), task('import-ami-2', 'deleted')]);
		assert.equal(poller.state.idleSlowdown, true);
		assert.equal(poller.state.intervalMs, 4 * interval);
		await clock.runNext();
		await answer(fetch.last(), [task('import-ami-1', 'completed'), task('import-ami-3', 'active')]);
		assert.equal(poller.state.idleSlowdown, false);
		assert.equal(poller.state.intervalMs, interval);
		await clock.runNext();
		await answer(fetch.last(), []);
		assert.deepEqual(gaps(ofType('poll-succeeded')), [4 * interval, interval, 4 * interval]);
	});

	test('the idle interval is capped at 60 s and never below the base', () => {
		assert.equal(idleIntervalMs(5000), 20_000);
		assert.equal(idleIntervalMs(30_000), 60_000);
		assert.equal(idleIntervalMs(90_000), 90_000);
	});

	test('an unknown status keeps the base interval', async () => {
		const {poller, fetch} = setup();
		poller.start();
		await answer(fetch.last(), [task('import-ami-1', 'completed'), task('import-ami-2', 'updating')]);
		assert.equal(poller.state.idleSlowdown, false);
	});

	test('an injected isIdle decides', async () => {
		const {poller, fetch} = setup({isIdle: () => false});
		poller.start();
		await answer(fetch.last(), []);
		assert.equal(poller.state.idleSlowdown, false);
	});

	test('a fault drops the idle slowdown so the backoff starts from the base interval', async () => {
		const {clock, poller, fetch, ofType} = setup();
		poller.start();
		await answer(fetch.last(), []);
		await clock.runNext();
		await answer(fetch.last(), new FakeEc2Error('network'));
		assert.equal(poller.state.idleSlowdown, false);
		assert.deepEqual(gaps(ofType('poll-failed')), [2 * interval]);
	});
});
