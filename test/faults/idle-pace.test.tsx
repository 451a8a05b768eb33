import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {type AppHarness, nextPollGap, renderApp} from '../helpers/render-app.js';
import {task} from '../helpers/tasks.js';

// The adaptive interval on screen: with nothing active the header says it polls less often, and the base
// interval is back as soon as a task is active.

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

test('nothing active: "idle: every 40s"; an active task brings "every 10s" back', async () => {
	const done = [task('import-ami-00000000000000001', {status: 'completed', statusMessage: undefined, progress: undefined})];
	app = await renderApp(done, {intervalMs: 10_000});
	assert.match(app.frame(), /· idle: every 40s · last poll/);
	assert.equal(nextPollGap(app.frame()), 40);

	const before = app.timers.now();
	app.source.set([task('import-ami-00000000000000002'), ...done]);
	await app.poll();
	assert.equal(app.timers.now() - before, 40_000, 'the idle interval was in use');
	assert.match(app.frame(), /· every 10s · last poll/);
	assert.doesNotMatch(app.frame(), /idle/);
	assert.equal(nextPollGap(app.frame()), 10);
});

test('a long base interval: idle is capped at 60 s', async () => {
	app = await renderApp([task('import-ami-00000000000000001', {status: 'deleted'})], {intervalMs: 30_000});
	assert.match(app.frame(), /· idle: every 1m 00s · /);
});

test('a failed poll drops the idle pace: the header says the base interval again', async () => {
	app = await renderApp([task('import-ami-00000000000000001', {status: 'completed'})], {intervalMs: 10_000});
	assert.match(app.frame(), /idle: every 40s/);
	app.source.fail(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {code: 'ECONNREFUSED'}));
	await app.poll();
	assert.match(app.frame(), /· every 10s · /);
	assert.match(app.frame(), /endpoint unreachable since/);
});
