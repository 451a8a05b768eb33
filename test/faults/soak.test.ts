import assert from 'node:assert/strict';
import {test} from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import {eventLimit} from '../../source/model/event-log.js';
import type {ImportTask} from '../../source/model/import-task.js';
import {initialState, reduce, staleAfterMissedPolls, type WatchState} from '../../source/model/state.js';
import {classifyError} from '../../source/watch/classify-error.js';
import {createPoller} from '../../source/watch/poller.js';
import {pollOf} from '../../source/model/task-source.js';
import {createFakeTimers} from '../helpers/fake-timers.js';
import {task} from '../helpers/tasks.js';

// A long run in a few seconds: 2,000 polls with every kind of fault mixed in, through the real poller and
// reducer on fake timers. Nothing is lost (each good poll's tasks are on screen, each bad one keeps them),
// nothing piles up (one timer armed, state of a bounded size) and the heap stays flat.

v8.setFlagsFromString('--expose-gc');
const gc: unknown = vm.runInNewContext('gc');
const collect = () => {
	if (typeof gc === 'function') gc();
};

/** A small seeded PRNG (mulberry32), so the mix of faults is the same on every run. */
function seeded(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Outcome = 'ok' | 'throttled' | 'network' | 'server' | 'garbage' | 'credentials' | 'hang';
const outcomes: [Outcome, number][] = [
	['ok', 0.55],
	['throttled', 0.1],
	['network', 0.1],
	['server', 0.08],
	['garbage', 0.07],
	['credentials', 0.05],
	['hang', 0.05],
];

function pick(roll: number): Outcome {
	let edge = 0;
	for (const [outcome, share] of outcomes) {
		edge += share;
		if (roll < edge) return outcome;
	}
	return 'ok';
}

function errorFor(outcome: Exclude<Outcome, 'ok' | 'hang'>): Error {
	switch (outcome) {
		case 'throttled':
			return Object.assign(new Error('Request limit exceeded.'), {name: 'RequestLimitExceeded', $fault: 'client', $metadata: {httpStatusCode: 503}});
		case 'network':
			return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {code: 'ECONNREFUSED'});
		case 'server':
			return Object.assign(new Error('An internal error has occurred'), {name: 'InternalError', $fault: 'server', $metadata: {httpStatusCode: 500}});
		case 'garbage':
			return new Error('Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.');
		case 'credentials':
			return Object.assign(new Error('The security token included in the request is expired'), {name: 'ExpiredToken', $metadata: {httpStatusCode: 400}});
		default: {
			const unknown: never = outcome;
			throw new Error(`unknown outcome ${String(unknown)}`);
		}
	}
}

const taskCount = 40;
/** Fresh objects every poll, as normalising an SDK answer gives, with progress that moves. */
function tasksAt(poll: number): ImportTask[] {
	return Array.from({length: taskCount}, (_unused, index) =>
		task(`import-ami-${String(index).padStart(17, '0')}`, {progress: (poll + index) % 100, progressText: String((poll + index) % 100)}),
	);
}

test('2,000 polls with mixed faults: nothing lost, nothing piling up, the heap flat', {timeout: 20_000}, async () => {
	const polls = 2000;
	const warmUp = 200;
	const roll = seeded(7);
	const clock = createFakeTimers(Date.UTC(2026, 0, 1));
	let state: WatchState = initialState();
	let fetches = 0;
	let resets = 0;
	let lastGood: ImportTask[] = [];
	const seen = new Map<Outcome, number>();
	let heapAfterWarmUp = 0;
	let maxStateSize = 0;

	const poller = createPoller({
		intervalMs: 1000,
		timers: clock,
		random: roll,
		classify: (error) => classifyError(error, {profile: 'soak'}),
		onCredentialsFault: () => {
			resets += 1;
		},
		onEvent: (event) => {
			state = reduce(state, event);
			if (event.type === 'poll-succeeded') {
				assert.equal(state.tasks, event.tasks, 'a good poll’s tasks are on screen');
				assert.equal(state.fault, undefined);
				assert.equal(state.missedPolls, 0);
			}
			if (event.type === 'poll-failed') {
				assert.equal(state.tasks, lastGood, 'a failed poll keeps the last good tasks');
				assert.equal(state.fault?.kind, event.fault.kind);
			}
		},
		fetchPoll: pollOf({
			fetchTasks: (signal) => {
				fetches += 1;
				const outcome = pick(roll());
				seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
				if (outcome === 'hang') {
					// Never answers; only the poller's deadline (an abort) ends it.
					return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason), {once: true}));
				}
				if (outcome !== 'ok') return Promise.reject(errorFor(outcome));
				lastGood = tasksAt(fetches);
				return Promise.resolve(lastGood);
			},
		}),
	});

	poller.start();
	while (fetches < polls) {
		assert.ok(await clock.runNext(), 'the poller always has its next poll armed');
		assert.ok(clock.pending() <= 2, `timers pile up: ${clock.pending()}`);
		if (fetches === warmUp && heapAfterWarmUp === 0) {
			collect();
			heapAfterWarmUp = process.memoryUsage().heapUsed;
		}
		if (fetches % 100 === 0) {
			// The event log (the events view) is bounded on its own: at most eventLimit events.
			const {changed, eventLog, ...rest} = state;
			assert.ok(eventLog.events.length <= eventLimit, `event log: ${eventLog.events.length}`);
			maxStateSize = Math.max(maxStateSize, JSON.stringify(rest).length + changed.size * 32);
		}
		if (state.missedPolls >= staleAfterMissedPolls) assert.ok(state.lastGoodAt === undefined || state.tasks.length === taskCount);
	}
	// Let the last poll (perhaps hung) end, then stop: nothing may stay armed.
	while (state.polling && (await clock.runNext())) {}
	poller.stop();
	assert.equal(clock.pending(), 0);

	for (const [outcome] of outcomes) assert.ok((seen.get(outcome) ?? 0) > 20, `${outcome} happened (${seen.get(outcome) ?? 0})`);
	assert.equal(resets, seen.get('credentials'), 'the credentials were rebuilt after each credentials fault');
	assert.equal(state.tasks.length, taskCount);
	// One poll's worth of tasks and a fault: well under 40 kB however long the run.
	assert.ok(maxStateSize < 40_000, `state size ${maxStateSize}`);

	collect();
	const growth = process.memoryUsage().heapUsed - heapAfterWarmUp;
	if (typeof gc === 'function') assert.ok(growth < 4 * 1024 * 1024, `heap grew by ${Math.round(growth / 1024)} KiB over ${polls - warmUp} polls`);
});
