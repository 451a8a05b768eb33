import assert from 'node:assert/strict';
import {afterEach, describe, it} from 'node:test';
import {CancelImportTaskCommand, DescribeImportImageTasksCommand} from '@aws-sdk/client-ec2';
import {questionReadyMs} from '../../source/app/use-question-ready.js';
import type {ApiSnapshotTask, ApiTask} from '../../source/simulator/api-task.js';
import type {SimulatorOptions} from '../../source/simulator/server.js';
import {createEc2Source, type Ec2Source} from '../../source/watch/ec2-source.js';
import {type AppHarness, keys, renderApp, waitFor} from '../helpers/render-app.js';
import {manualClock, startTestSimulator, type TestSimulator, testCredentials} from '../helpers/simulator.js';

// Opt-in cancel through the real SDK against the simulator: x asks, y cancels (a dry run first), any other key
// keeps the import; refusals are said in one line; without --allow-cancel x says how to allow it.

const image: ApiTask = {ImportTaskId: 'import-ami-0123456789abcdef0', Status: 'active', StatusMessage: 'converting', Progress: '28', Description: 'web-01'};
const done: ApiTask = {ImportTaskId: 'import-ami-0000000000000done', Status: 'completed', ImageId: 'ami-0c93e58db64cb1d23', Description: 'old'};
const snapshot: ApiSnapshotTask = {
	ImportTaskId: 'import-snap-0123456789abcdef0',
	Description: 'pg-data',
	SnapshotTaskDetail: {Status: 'active', StatusMessage: 'downloading/converting', Progress: '40', DiskImageSize: 705638400, Format: 'VMDK'},
};

let app: AppHarness | undefined;
let sim: TestSimulator | undefined;
let source: Ec2Source | undefined;
afterEach(async () => {
	app?.unmount();
	source?.destroy();
	await sim?.close();
	app = undefined;
	sim = undefined;
});

async function start(options: {allowCancel: boolean; simulator?: SimulatorOptions; columns?: number}): Promise<{app: AppHarness; sim: TestSimulator}> {
	sim = await startTestSimulator({scenario: {tasks: [image, done], snapshotTasks: [snapshot]}, now: manualClock().now, ...options.simulator});
	source = createEc2Source({region: 'us-east-1', endpoint: sim.url, credentials: testCredentials, maxAttempts: 1});
	app = await renderApp([], {realSource: source, columns: options.columns ?? 140, ...(options.allowCancel ? {canceller: source} : {})});
	const shown = app;
	await waitFor(() => shown.frame().includes('import-snap-'), 'the first poll');
	return {app: shown, sim};
}

/** Moves the selection to the row of `id`. */
async function select(harness: AppHarness, id: string): Promise<void> {
	for (let step = 0; step < 5 && !new RegExp(`^> ${id}`, 'm').test(harness.frame()); step++) await harness.press('j');
	assert.match(harness.frame(), new RegExp(`^> ${id}`, 'm'));
}

/** x, then the time it takes the question to be answerable (a y sooner is not an answer). */
async function ask(harness: AppHarness): Promise<void> {
	await harness.press('x');
	await harness.timers.advance(questionReadyMs);
}

describe('opt-in cancel', () => {
	it('without --allow-cancel x says how to allow it and nothing is sent', async () => {
		const started = await start({allowCancel: false});
		const before = started.sim.simulator.requestCount;
		await started.app.press('x');
		assert.match(started.app.frame(), /Read-only: start the watcher with --allow-cancel to cancel an import with x\./);
		assert.equal(started.sim.simulator.requestCount, before);
	});

	it('at 80×24 the question and the outcome are whole', async () => {
		const started = await start({allowCancel: true, columns: 80});
		await select(started.app, 'import-snap-0123456789abcdef0');
		await ask(started.app);
		assert.match(started.app.frame(), /^Cancel import-snap-0123456789abcdef0 "pg-data"\? y: cancel · other keys: keep$/m);
		await started.app.press('y');
		await waitFor(() => /Cancelled import-snap-/.test(started.app.frame()), 'the cancel');
		assert.match(started.app.frame(), /^Cancelled import-snap-0123456789abcdef0: active → deleting\.$/m);
	});

	it('x asks; any other key keeps the import; y cancels it after a dry run, and the next poll shows deleting', async () => {
		const started = await start({allowCancel: true});
		await select(started.app, 'import-ami-0123456789abcdef0');
		await ask(started.app);
		assert.match(started.app.frame(), /Cancel import-ami-0123456789abcdef0 "web-01"\? y: cancel · other keys: keep/);
		await started.app.press('j');
		assert.match(started.app.frame(), /Kept import-ami-0123456789abcdef0: not cancelled\./);
		assert.match(started.app.frame(), /^> import-ami-0123456789abcdef0/m, 'the key that answered the question did nothing else');
		const before = started.sim.simulator.requestCount;
		await ask(started.app);
		await started.app.press('y');
		await waitFor(() => /Cancelled import-ami-0123456789abcdef0: active → deleting/.test(started.app.frame()), 'the cancel');
		assert.match(started.app.frame(), /Cancelled import-ami-0123456789abcdef0: active → deleting\./);
		await waitFor(() => /import-ami-0123456789abcdef0 +image +\S deleting +cancelled from/.test(started.app.frame()), 'the poll after the cancel');
		// The dry run, the cancel, then the poll (two Describe calls).
		assert.equal(started.sim.simulator.requestCount - before, 4);
	});

	it('a snapshot import too; once allowed, no second dry run; from the details as from the list', async () => {
		const started = await start({allowCancel: true});
		await select(started.app, 'import-ami-0123456789abcdef0');
		await ask(started.app);
		await started.app.press('y');
		await waitFor(() => /Cancelled import-ami-/.test(started.app.frame()), 'the first cancel');
		await select(started.app, 'import-snap-0123456789abcdef0');
		await started.app.press(keys.enter);
		const before = started.sim.simulator.requestCount;
		await ask(started.app);
		assert.match(started.app.frame(), /Cancel import-snap-0123456789abcdef0 "pg-data"\?/);
		await started.app.press('y');
		await waitFor(() => /Cancelled import-snap-0123456789abcdef0: active → deleting/.test(started.app.frame()), 'the snapshot cancel');
		await waitFor(() => started.sim.simulator.requestCount - before >= 3, 'the poll after it');
		assert.equal(started.sim.simulator.requestCount - before, 3, 'the cancel alone (no dry run), then the poll');
		await waitFor(() => /Status +\S+ deleting/.test(started.app.frame()), 'the details show deleting');
	});

	it('an ended task is not asked about', async () => {
		const started = await start({allowCancel: true});
		await select(started.app, 'import-ami-0000000000000done');
		await started.app.press('x');
		assert.match(started.app.frame(), /Only an active import can be cancelled; import-ami-0000000000000done is completed\./);
	});

	it('a missing ec2:CancelImportTask is said after the dry run, and nothing is cancelled', async () => {
		const started = await start({allowCancel: true, simulator: {denyActions: ['CancelImportTask']}});
		await select(started.app, 'import-ami-0123456789abcdef0');
		await ask(started.app);
		await started.app.press('y');
		await waitFor(() => /Not cancelled/.test(started.app.frame()), 'the refusal');
		assert.match(started.app.frame(), /Not cancelled: needs IAM action ec2:CancelImportTask \(UnauthorizedOperation\)\./);
		await started.app.press('r');
		await waitFor(() => started.app.fetches() >= 2, 'a poll');
		assert.match(started.app.frame(), /import-ami-0123456789abcdef0 +image +▶ active/);
	});

	it('a task that ended meanwhile: EC2’s IncorrectState in one line', async () => {
		const started = await start({allowCancel: true});
		await select(started.app, 'import-ami-0123456789abcdef0');
		await ask(started.app);
		await started.sim.client.send(new CancelImportTaskCommand({ImportTaskId: 'import-ami-0123456789abcdef0'}));
		await started.app.press('y');
		await waitFor(() => /Not cancelled/.test(started.app.frame()), 'the refusal');
		// Within the width: the middle gives way, the code and the reason (its end) stay.
		assert.match(
			started.app.frame().split('\n').at(-1) ?? '',
			/^Not cancelled \(IncorrectState\): .*The import task 'import-ami-0123456789abcdef0' is in state 'deleting' and cannot be canceled\.$/,
		);
	});
});

// The id CancelImportTask is sent is byte for byte the id EC2 sent. A scenario with a task whose id ends in a space
// (trimmed, it reads as another task's id: PRODUCTION) and one whose id is 600 characters (shown cut to 512):
// neither is cancelled nor copied, and the notice says why; the real PRODUCTION is cancelled as itself.

const real: ApiTask = {ImportTaskId: 'PRODUCTION', Status: 'active', Progress: '10', Description: 'the-real-one'};
const spaced: ApiTask = {ImportTaskId: 'PRODUCTION ', Status: 'active', Progress: '20', Description: 'trailing-space'};
const long: ApiTask = {ImportTaskId: `import-ami-${'a'.repeat(589)}`, Status: 'active', Progress: '30', Description: 'six-hundred'};

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
