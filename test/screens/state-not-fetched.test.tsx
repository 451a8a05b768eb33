import assert from 'node:assert/strict';
import {afterEach, describe, it} from 'node:test';
import {displayWidth} from '../../source/text/text-width.js';
import {type AppHarness, keys, renderApp} from '../helpers/render-app.js';
import {task} from '../helpers/tasks.js';

// --state fetches some states only: the tabs of the others say so (dimmed, – for a count, not 0), and such a
// tab, chosen, says its tasks are not fetched rather than that there are none. Within 80 columns.

let app: AppHarness | undefined;
afterEach(() => {
	app?.unmount();
	app = undefined;
});

const tasks = [
	task('import-ami-000000000000000a1'),
	task('import-ami-000000000000000d1', {status: 'deleted', statusMessage: 'ClientError: Unsupported kernel version'}),
];

describe('--state in the TUI', () => {
	it('the tabs of states not fetched show – and, chosen, say they are not fetched', async () => {
		app = await renderApp(tasks, {columns: 80, rows: 24, fetchedStates: ['active', 'deleted']});
		await app.poll();
		const frame = app.frame();
		assert.match(frame, /\[1 all 2\] +2 active 1 +3 completed – +4 deleting – +5 deleted 1/);
		for (const line of frame.split('\n')) assert.ok(displayWidth(line) <= 80, line);
		await app.press('3');
		assert.match(app.frame(), /Completed tasks are not fetched \(--state active,deleted\); 1 shows all\./);
		assert.doesNotMatch(app.frame(), /No completed tasks/);
		await app.press('5');
		assert.match(app.frame(), /import-ami-000000000000000d1/);
	});

	it('without --state every tab counts, and an empty one says there are none', async () => {
		app = await renderApp(tasks, {columns: 80, rows: 24});
		await app.poll();
		assert.match(app.frame(), /3 completed 0 +4 deleting 0/);
		await app.press('3');
		assert.match(app.frame(), /No completed tasks \(1 shows all\)\./);
	});

	it('with nothing fetched, the list names the states fetched', async () => {
		app = await renderApp([], {columns: 80, rows: 24, fetchedStates: ['active']});
		await app.poll();
		assert.match(app.frame(), /No active import tasks in this region \(--state\)\./);
	});

	it('an empty timeline says Esc goes back to the list (where the filters change), and it does', async () => {
		app = await renderApp(tasks, {columns: 80, rows: 24, fetchedStates: ['active', 'deleted']});
		await app.poll();
		await app.press('2', '/', 'zzz', keys.enter, 't');
		assert.match(app.frame(), /No task matches this filter \(Esc: back to the list to change the filter\)\./);
		assert.doesNotMatch(app.frame(), /Esc clears/);
		await app.press(keys.escape);
		assert.match(app.frame(), /No task matches this filter \(1 shows all, Esc clears the text filter\)\./, 'back in the list');
		await app.press(keys.escape, '3', 't');
		assert.match(app.frame(), /^ {2}Completed tasks are not fetched \(--state active,deleted\)\.$/m);
	});
});
