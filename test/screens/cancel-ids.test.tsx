import assert from 'node:assert/strict';
import {afterEach, describe, it} from 'node:test';
import {DescribeImportImageTasksCommand} from '@aws-sdk/client-ec2';
import {questionReadyMs} from '../../source/app/use-question-ready.js';
import type {ApiTask} from '../../source/simulator/api-task.js';
import {createEc2Source, type Ec2Source} from '../../source/watch/ec2-source.js';
import {type AppHarness, keys, renderApp, waitFor} from '../helpers/render-app.js';
import {manualClock, startTestSimulator, type TestSimulator, testCredentials} from '../helpers/simulator.js';

// The id CancelImportTask is sent is byte for byte the id EC2 sent. A scenario with a task whose id ends in a space
// (trimmed, it reads as another task's id: PRODUCTION) and one whose id is 600 characters (shown cut to 512):
// neither is cancelled nor copied, and the notice says why; the real PRODUCTION is cancelled as itself.

const real: ApiTask = {ImportTaskId: 'PRODUCTION', Status: 'active', Progress: '10', Description: 'the-real-one'};
const spaced: ApiTask = {ImportTaskId: 'PRODUCTION ', Status: 'active', Progress: '20', Description: 'trailing-space'};
const long: ApiTask = {ImportTaskId: `import-ami-${'a'.repeat(589)}`, Status: 'active', Progress: '30', Description: 'six-hundred'};

let app: AppHarness | undefined;
let sim: TestSimulator | undefined;
let source: Ec2Source | undefined;
afterEach(async () => {
	app?.unmount();
	source?.destroy();
	await sim?.close();
	app = undefined;
});

async function statusOf(id: string): Promise<string | undefined> {
	const answer = await sim?.client.send(new DescribeImportImageTasksCommand({ImportTaskIds: [id]}));
	return answer?.ImportImageTasks?.[0]?.Status;
}

/** The list filtered to the one task described so: it is selected. */
async function only(harness: AppHarness, description: string): Promise<void> {
	await harness.press(keys.escape, '/', ...description, keys.enter);
	assert.match(harness.frame(), new RegExp(description));
}

describe('the id EC2 sent, byte for byte', () => {
	it('a trimmed or cut id is neither cancelled nor copied (the notice says why); the real PRODUCTION is cancelled as itself', async () => {
		sim = await startTestSimulator({scenario: {tasks: [real, spaced, long]}, now: manualClock().now});
		source = createEc2Source({region: 'us-east-1', endpoint: sim.url, credentials: testCredentials, kinds: ['image']});
		const copies: string[] = [];
		app = await renderApp([], {realSource: source, canceller: source, onCopy: (text) => copies.push(text), columns: 200});
		const shown = app;
		await waitFor(() => shown.frame().includes('six-hundred'), 'the first poll');
		const before = sim.simulator.requestCount;

		await only(shown, 'trailing-space');
		await shown.press('x');
		assert.match(shown.frame(), /Not cancellable: EC2 sent this task's id with white space at an end \(shown trimmed\)\./);
		await shown.press('y');
		assert.match(shown.frame(), /Not copied: EC2 sent this task's id with white space at an end \(shown trimmed\)\./);

		await only(shown, 'six-hundred');
		await shown.press('x');
		assert.match(shown.frame(), /Not cancellable: EC2 sent this task's id longer than 512 characters \(shown cut\)\./);
		await shown.press('y');
		assert.match(shown.frame(), /Not copied: EC2 sent this task's id longer than 512 characters \(shown cut\)\./);
		assert.deepEqual(copies, []);
		assert.equal(sim.simulator.requestCount, before, 'nothing was sent');

		await only(shown, 'the-real-one');
		await shown.press('x');
		await shown.timers.advance(questionReadyMs);
		await shown.press('y');
		await waitFor(() => /Cancelled PRODUCTION: active → deleting/.test(shown.frame()), 'the cancel');
		assert.equal(await statusOf('PRODUCTION'), 'deleting');
		assert.equal(await statusOf('PRODUCTION '), 'active', 'the task whose id ends in a space is untouched');
		assert.equal(await statusOf(long.ImportTaskId), 'active');
	});
});
