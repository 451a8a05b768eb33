import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {formatClock} from '../../source/model/format.js';
import {startTestSimulator, type TestSimulator} from '../helpers/simulator.js';
import {type FaultApp, renderFaultApp} from './fault-app.js';

// Broken answers through the real SDK: an HTML page with 200, a body cut in half, a request that never
// gets an answer. Each is shown and survived; STALE comes after two missed polls and goes with a good one.

let sim: TestSimulator;
let app: FaultApp | undefined;
before(async () => {
	sim = await startTestSimulator({seed: 21, tasks: 5, arrivals: false});
});
after(async () => {
	app?.destroy();
	await sim.close();
});

const rowsOf = (frame: string) =>
	frame
		.split('\n')
		.filter((line) => /^. import-ami-/.test(line))
		.map((line) => line.slice(2, 30));

test('garbage, truncated and hung answers: each shown, each survived, STALE from the second miss until a good poll', async () => {
	app = await renderFaultApp(sim.url);
	const rows = rowsOf(app.frame());
	assert.equal(rows.length, 5);

	sim.simulator.configure({garbageRate: 1});
	const garbage = await app.nextPoll();
	const since = formatClock(app.now());
	assert.match(garbage, new RegExp(`✖ EC2 answered with a server fault since ${since} — next poll in \\ds`));
	assert.match(garbage, /EC2 sent an answer that could not be read \(HTTP 200\)/);
	assert.match(garbage, /→ usually passes; the next poll retries/);
	assert.doesNotMatch(garbage, /STALE/, 'one missed poll is not stale yet');
	assert.deepEqual(rowsOf(garbage), rows);

	sim.simulator.configure({garbageRate: 0, truncateRate: 1});
	const truncated = await app.nextPoll();
	assert.match(truncated, new RegExp(`✖ EC2 answered with a server fault since ${since}`), 'the same fault, the same since');
	assert.match(truncated, /EC2 sent an answer that could not be read/);
	assert.match(truncated, /STALE · last poll /, 'the header says STALE after two missed polls');
	assert.match(truncated, /STALE: showing the last good data/, 'and so does the list');
	assert.deepEqual(rowsOf(truncated), rows, 'the last good data is kept');

	await app.press('\r');
	assert.match(app.frame(), /STALE: polls are failing; this is the last good data\./, 'an open detail screen too');

	sim.simulator.configure({truncateRate: 0, hangRate: 1});
	const fetches = app.fetches();
	const hung = await app.runUntil((frame) => frame.includes('endpoint not answering since'), 'the deadline of a hung poll');
	assert.equal(app.fetches(), fetches + 1);
	assert.match(hung, /EC2 did not answer within 15 s; the request was cancelled/);
	assert.match(hung, /STALE/);
	assert.match(hung, /ImportTaskId +import-ami-/, 'the detail screen keeps the last seen task');

	sim.simulator.configure({hangRate: 0});
	const good = await app.nextPoll();
	assert.doesNotMatch(good, /STALE|✖ |not answering/);
	assert.match(good, /last poll .* \(just now\)/);
	assert.match(good, /ImportTaskId +import-ami-/);
});
