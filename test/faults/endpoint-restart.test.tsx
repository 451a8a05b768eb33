import assert from 'node:assert/strict';
import {after, test} from 'node:test';
import {formatClock} from '../../source/model/format.js';
import {createSimulator, type Simulator} from '../../source/simulator/server.js';
import {type FaultApp, interval, renderFaultApp} from './fault-app.js';

// A lost network: the simulator is stopped under the watcher and started again on the same port.
// The watcher says since when the endpoint is unreachable, keeps its rows, and recovers by itself.

let simulator: Simulator | undefined;
let app: FaultApp | undefined;
after(async () => {
	app?.destroy();
	await simulator?.close();
});

const rowsOf = (frame: string) => frame.split('\n').filter((line) => line.includes('import-ami-'));

test('simulator stopped and started again on the same port: unreachable since HH:MM:SS, then recovered within two intervals', async () => {
	const options = {seed: 5, tasks: 4, arrivals: false};
	simulator = createSimulator(options);
	const url = await simulator.listen();
	const port = Number(new URL(url).port);
	app = await renderFaultApp(url);
	const rows = rowsOf(app.frame());
	assert.equal(rows.length, 4);

	await simulator.close();
	const down = await app.nextPoll();
	const failedAt = app.now();
	assert.match(down, new RegExp(`✖ endpoint unreachable since ${formatClock(failedAt)} — next poll in \\ds`));
	assert.match(down, /cannot reach EC2: .*ECONNREFUSED/);
	assert.match(down, /check the network, VPN or proxy, and the endpoint/);
	assert.deepEqual(
		rowsOf(down).map((row) => row.slice(0, 40)),
		rows.map((row) => row.slice(0, 40)),
		'the last good rows stay',
	);
	assert.doesNotMatch(down, /STALE/, 'one missed poll is not stale yet');

	simulator = createSimulator({...options, port});
	assert.equal(await simulator.listen(), url);
	const up = await app.nextPoll();
	assert.ok(app.now() - failedAt <= 2 * interval, `recovered ${app.now() - failedAt} ms after the fault`);
	assert.doesNotMatch(up, /unreachable|cannot reach/);
	assert.match(up, /last poll .* \(just now\)/);
	assert.equal(rowsOf(up).length, 4);
});
