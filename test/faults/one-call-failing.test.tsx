import assert from 'node:assert/strict';
import {after, test} from 'node:test';
import {formatClock} from '../../source/model/format.js';
import {errorBody} from '../helpers/fixed-endpoint.js';
import {describeAnswer, type HostileEndpoint, sendXml, startHostileEndpoint} from '../helpers/hostile-endpoint.js';
import {type FaultApp, renderFaultApp} from './fault-app.js';

// Each kind polls and fails on its own: with one Describe call answering 5xx, the other kind's tasks keep
// changing on screen, and the header names the call that fails. Real SDK, an endpoint on 127.0.0.1.

let endpoint: HostileEndpoint | undefined;
let app: FaultApp | undefined;
after(async () => {
	app?.destroy();
	await endpoint?.close();
});

const down = new Set<string>();
let progress = 10;

const rowOf = (frame: string, id: string) => frame.split('\n').find((line) => line.includes(id)) ?? '';

test('one call answering 5xx: the other kind keeps updating, the header names the failing call, both recover', async () => {
	endpoint = await startHostileEndpoint(({action}, response) => {
		if (down.has(action)) {
			sendXml(response, 503, errorBody('ServiceUnavailable', 'try later'));
			return;
		}
		const id = action === 'DescribeImportImageTasks' ? 'import-ami-00000000000000001' : 'import-snap-00000000000000001';
		sendXml(response, 200, describeAnswer(action, [{id, status: 'active', progress}]));
	});
	app = await renderFaultApp(endpoint.url);
	assert.match(rowOf(app.frame(), 'import-ami-00000000000000001'), /10%/);
	assert.match(rowOf(app.frame(), 'import-snap-00000000000000001'), /10%/);

	down.add('DescribeImportImageTasks');
	progress = 40;
	const imageDown = await app.nextPoll();
	assert.match(rowOf(imageDown, 'import-snap-00000000000000001'), /40%/, 'the snapshot import updates');
	assert.match(rowOf(imageDown, 'import-ami-00000000000000001'), /10%/, 'the image import keeps its last good row');
	assert.match(imageDown, new RegExp(`✖ DescribeImportImageTasks: EC2 answered with a server fault since ${formatClock(app.now())}`));
	assert.doesNotMatch(imageDown, /STALE|DescribeImportSnapshotTasks:/);

	progress = 60;
	const still = await app.nextPoll();
	assert.match(rowOf(still, 'import-snap-00000000000000001'), /60%/, 'and again, while the image call waits out its backoff');

	down.clear();
	down.add('DescribeImportSnapshotTasks');
	progress = 80;
	const swapped = await app.runUntil((frame) => frame.includes('✖ DescribeImportSnapshotTasks:'), 'the snapshot call to fail');
	assert.match(rowOf(swapped, 'import-ami-00000000000000001'), /80%/, 'the image import updates once its call answers');
	assert.match(rowOf(swapped, 'import-snap-00000000000000001'), /60%/, 'the snapshot import keeps its last good row');
	assert.doesNotMatch(swapped, /DescribeImportImageTasks:/);

	down.clear();
	progress = 90;
	const recovered = await app.runUntil((frame) => /import-snap-00000000000000001.*90%/.test(frame), 'the snapshot call to recover');
	assert.doesNotMatch(recovered, /✖/);
	assert.match(rowOf(recovered, 'import-ami-00000000000000001'), /90%/);
});

test('both calls failing is a fault of the poll as a whole', async () => {
	down.add('DescribeImportImageTasks');
	down.add('DescribeImportSnapshotTasks');
	assert.ok(app !== undefined);
	const both = await app.runUntil((frame) => frame.includes('EC2 had a problem'), 'the poll to fail');
	assert.match(both, /✖ EC2 answered with a server fault since/);
	assert.match(both, /import-snap-00000000000000001.*90%/, 'the last good data stays');
	down.clear();
});
