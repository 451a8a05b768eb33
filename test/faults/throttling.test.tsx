import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {draws, startTestSimulator, type TestSimulator} from '../helpers/simulator.js';
import {nextPollGap} from '../helpers/render-app.js';
import {type FaultApp, interval, nextPollSeconds, renderFaultApp} from './fault-app.js';

// Throttling on the screen: the header says so with the wait, the waits grow (full jitter, pinned here by
// Math.random), `r` is refused meanwhile, and the base interval is back as soon as throttling stops.

let sim: TestSimulator;
let app: FaultApp | undefined;
const throttled = 0;
const passes = 0.9;

before(async () => {
	// Request 1 passes; 2–5 are throttled in a row; then every other one; then none.
	const rolls = [passes, throttled, throttled, throttled, throttled, passes, throttled, passes, throttled, passes];
	sim = await startTestSimulator({seed: 3, tasks: 6, arrivals: false, throttle: 0.5, random: draws(rolls, passes)});
});
after(async () => {
	app?.destroy();
	await sim.close();
});

test('half the requests throttled: shown, backing off more each time, r refused, then the base interval again', async (t) => {
	// The top of each full-jitter range, so the growth is exact: interval + 0.999 × (ceiling − interval).
	t.mock.method(Math, 'random', () => 0.999);
	// One call per poll, so each poll meets exactly one of the rolls above.
	app = await renderFaultApp(sim.url, {kinds: ['image']});
	assert.match(app.frame(), /import-ami-/);
	assert.equal(nextPollGap(app.frame()), 2);
	const rows = app
		.frame()
		.split('\n')
		.filter((line) => line.includes('import-ami-')).length;

	const waits: number[] = [];
	for (let poll = 0; poll < 4; poll++) {
		const frame = await app.nextPoll();
		assert.match(frame, /✖ throttled — next poll in /);
		assert.match(frame, /EC2 is throttling requests; polling more slowly \(RequestLimitExceeded\)/);
		assert.equal(frame.split('\n').filter((line) => line.includes('import-ami-')).length, rows, 'the last good rows stay');
		waits.push(nextPollSeconds(frame));
	}
	// Ceilings 4, 8, 16, 32 s for an interval of 2 s (the header's clock ticks once a second, so ±1 s).
	const ceilings = [4, 8, 16, 32];
	assert.ok(
		waits.every((wait, index) => Math.abs(wait - (ceilings[index] ?? 0)) <= 1),
		`waits ${waits.join(', ')} s`,
	);
	assert.match(app.frame(), /STALE/);

	const before = app.fetches();
	await app.press('r');
	assert.equal(app.fetches(), before, 'r does not poll during a throttling backoff');
	assert.match(app.frame(), /EC2 is throttling: r waits for the backoff \(next poll in 3\ds\)/);

	// Every other request throttled: the screen alternates, and never crashes.
	const alternating: string[] = [];
	for (let poll = 0; poll < 5; poll++) {
		const frame = await app.nextPoll();
		alternating.push(/✖ throttled/.test(frame) ? 'throttled' : nextPollGap(frame) === 2 ? 'ok' : 'other');
	}
	assert.deepEqual(alternating, ['ok', 'throttled', 'ok', 'throttled', 'ok']);

	// Throttling has stopped: the next poll comes one base interval later, and the one after too.
	for (let poll = 0; poll < 2; poll++) {
		const at = app.now();
		const frame = await app.nextPoll();
		assert.equal(app.now() - at, interval);
		assert.doesNotMatch(frame, /throttled|STALE/);
		assert.equal(nextPollGap(frame), 2);
	}
});
