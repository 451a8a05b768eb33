import assert from 'node:assert/strict';
import {afterEach, describe, it} from 'node:test';
import {type AppHarness, keys, renderApp} from '../helpers/render-app.js';
import {task} from '../helpers/tasks.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

const minute = 60_000;
const ids = (frame: string) => [...frame.matchAll(/^[ >●] (import-ami-\w+)/gm)].map((match) => match[1]);

describe('ETA, stuck detection and the timeline', () => {
	it('shows "—" until there is history, then an ETA; a task without change for --stuck-after is stuck', async () => {
		const moving = task('import-ami-moving', {statusMessage: 'converting', progress: 20});
		const still = task('import-ami-still', {statusMessage: 'booting', progress: 39});
		app = await renderApp([moving, still], {intervalMs: 5 * minute, stuckAfterMs: 12 * minute});
		// No row has an ETA yet: the column says nothing, so it is not shown; the details say why.
		assert.match(app.frame(), /import-ami-moving +▶ active +converting +.* 20%$/m);
		assert.doesNotMatch(app.frame(), / ETA /);
		app.source.set([{...moving, progress: 40, statusMessage: 'updating'}, still]);
		await app.poll();
		assert.match(app.frame(), /import-ami-moving +▶ active +updating +.* 40% 15m 00s/);
		assert.match(app.frame(), /import-ami-still +▶ active +booting +.* 39% —$/m, 'a row without an ETA among rows with one: —');
		await app.poll();
		await app.poll();
		assert.match(app.frame(), /import-ami-still +▶ active +booting +.* 39% stuck 15m/);
		await app.press('j', keys.enter);
		assert.match(app.frame(), /ETA +stuck: no change for 15m 00s \(since \d\d:\d\d:\d\d\)/);
		assert.match(app.frame(), /Timeline \(as recorded by the watcher, oldest first\)/);
		assert.match(app.frame(), /\d\d:\d\d:\d\d +seen: active, booting 39%/);
		assert.match(app.frame(), /\d\d:\d\d:\d\d +stuck: no change since/);
	});
});

describe('sorting', () => {
	it('cycles the sort with s, reverses with S, and says how the list is sorted', async () => {
		app = await renderApp([task('import-ami-b', {progress: 50}), task('import-ami-c', {progress: 90}), task('import-ami-a', {progress: 10})]);
		assert.match(app.frame(), /sort: newest first/);
		assert.deepEqual(ids(app.frame()), ['import-ami-b', 'import-ami-c', 'import-ami-a']);
		await app.press('S');
		assert.match(app.frame(), /sort: oldest first/);
		assert.doesNotMatch(app.frame(), /reversed/);
		assert.deepEqual(ids(app.frame()), ['import-ami-a', 'import-ami-c', 'import-ami-b']);
		await app.press('S');
		await app.press('s');
		assert.match(app.frame(), /sort: task id/);
		assert.deepEqual(ids(app.frame()), ['import-ami-a', 'import-ami-b', 'import-ami-c']);
		await app.press('S');
		assert.match(app.frame(), /sort: task id, Z to A/);
		assert.deepEqual(ids(app.frame()), ['import-ami-c', 'import-ami-b', 'import-ami-a']);
		await app.press('s', 's');
		assert.match(app.frame(), /sort: progress/);
		assert.deepEqual(ids(app.frame()), ['import-ami-c', 'import-ami-b', 'import-ami-a']);
		assert.match(app.frame(), /^> import-ami-b/m, 'the selection stays on its task');
	});
});

describe('copy', () => {
	it('copies the task id with y and the image id with Y, and says what it copied', async () => {
		const copied: string[] = [];
		const done = task('import-ami-done', {
			status: 'completed',
			imageId: 'ami-0c93e58db64cb1d23',
			snapshotDetails: [{snapshotId: 'snap-0123456789abcdef0'}],
		});
		app = await renderApp([task('import-ami-busy'), done], {onCopy: (text) => copied.push(text)});
		await app.press('y');
		assert.match(app.frame(), /Copied task id import-ami-busy/);
		await app.press('Y');
		assert.match(app.frame(), /import-ami-busy has no image id yet\./);
		await app.press('j', 'Y');
		assert.match(app.frame(), /Copied image id ami-0c93e58db64cb1d23/);
		await app.press(keys.enter, 'Y');
		assert.match(app.frame(), /Copied snapshot id snap-0123456789abcdef0/);
		assert.deepEqual(copied, ['import-ami-busy', 'ami-0c93e58db64cb1d23', 'snap-0123456789abcdef0']);
		await app.timers.advance(5000);
		assert.doesNotMatch(app.frame(), /Copied/, 'a notice goes after five seconds');
		assert.match(app.frame(), /Esc back/, 'and the key hints are back');
	});
});

describe('transitions', () => {
	it('reports each poll’s transitions, saying which are the first poll’s', async () => {
		const seen: string[] = [];
		app = await renderApp([task('import-ami-a'), task('import-ami-b')], {
			onTransitions: (entries, first) => seen.push(...entries.map((e) => `${first ? 'first ' : ''}${e.type} ${e.taskId} ${e.to ?? ''}`.trim())),
		});
		assert.deepEqual(seen, ['first first-seen import-ami-a', 'first first-seen import-ami-b']);
		app.source.set([task('import-ami-a', {status: 'completed', statusMessage: undefined, progress: undefined})]);
		await app.poll();
		assert.deepEqual(seen.slice(2), ['status import-ami-a completed', 'gone import-ami-b'], 'the message cleared on completion is no transition');
	});

	it('tells the shell when nothing is active any more', async () => {
		const calls: number[] = [];
		app = await renderApp([task('import-ami-a')], {onAllDone: (tasks) => calls.push(tasks.length)});
		assert.deepEqual(calls, []);
		app.source.set([task('import-ami-a', {status: 'deleted'})]);
		await app.poll();
		assert.deepEqual(calls, [1]);
	});
});
