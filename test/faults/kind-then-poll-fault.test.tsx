import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {errorBody} from '../helpers/fixed-endpoint.js';
import {describeAnswer, type HostileEndpoint, sendXml, startHostileEndpoint} from '../helpers/hostile-endpoint.js';
import {type FaultApp, renderFaultApp} from './fault-app.js';

// One call failing, then both (the tester's `--fail-rate 0.5`): when the poll fails as a whole the header has one
// fault with one next-poll time, not the per-kind line of the last poll beside it; at 80 columns a per-kind fault
// line keeps its next-poll time (its middle gives way). Real SDK, an endpoint on 127.0.0.1.

let endpoint: HostileEndpoint | undefined;
let app: FaultApp | undefined;
afterEach(async () => {
	app?.destroy();
	await endpoint?.close();
});

const down = new Set<string>();

async function start(columns: number): Promise<FaultApp> {
	down.clear();
	endpoint = await startHostileEndpoint(({action}, response) => {
		if (down.has(action)) {
			sendXml(response, 503, errorBody('ServiceUnavailable', 'try later'));
			return;
		}
		const id = action === 'DescribeImportImageTasks' ? 'import-ami-00000000000000001' : 'import-snap-00000000000000001';
		sendXml(response, 200, describeAnswer(action, [{id, status: 'active', progress: 10}]));
	});
	return renderFaultApp(endpoint.url, {}, 30, columns);
}

const faultLines = (frame: string) => frame.split('\n').filter((line) => line.startsWith('✖ '));

for (const columns of [80, 120]) {
	test(`at ${columns} columns: the per-kind fault keeps its next-poll time; a whole-poll fault stands alone`, async () => {
		app = await start(columns);
		down.add('DescribeImportSnapshotTasks');
		const one = await app.nextPoll();
		const [kind = '', ...others] = faultLines(one);
		assert.deepEqual(others, [], one);
		assert.match(kind, /^✖ DescribeImportSnapshotTasks: .*since \d\d:\d\d:\d\d — next poll in \d+s/, kind);
		assert.ok(kind.length <= columns, kind);

		down.add('DescribeImportImageTasks');
		const both = await app.runUntil((frame) => frame.includes('✖ EC2 answered with a server fault since'), 'the poll to fail as a whole');
		const lines = faultLines(both);
		assert.equal(lines.length, 1, `one fault line:\n${lines.join('\n')}`);
		assert.doesNotMatch(both, /DescribeImportSnapshotTasks:/);
		assert.equal(both.match(/next poll in/g)?.length ?? 0, both.includes('retrying now') ? 0 : 1, both);
	});
}
