import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {createScreenStore} from '../../source/app/screen-store.js';
import {createWatchSession} from '../../source/watch/watch-session.js';
import {createFakeTimers, settle} from '../helpers/fake-timers.js';
import {scriptedSource} from '../helpers/render-app.js';
import {task} from '../helpers/tasks.js';

// Two screens on one watch session: the data is the session's, folded once; each screen's view (selection,
// filters) and its memo of the visible list are its own. Nothing is shared through a module-level cache.

describe('screens over one watch session', () => {
	it('take the same data, keep their own view and their own memoised visible list', async () => {
		const timers = createFakeTimers(1_780_000_000_000);
		const source = scriptedSource([task('import-ami-a'), task('import-ami-b'), task('import-ami-c', {description: 'db'})]);
		const session = createWatchSession({source, intervalMs: 10_000, timers, classify: () => ({kind: 'network', message: 'x'})});
		const one = createScreenStore(session);
		const two = createScreenStore(session);
		let drawn = 0;
		one.subscribe(() => {
			drawn += 1;
		});
		two.subscribe(() => {});
		session.start();
		await settle();
		assert.equal(source.fetches, 1, 'one poll for both screens');
		assert.equal(one.getSnapshot().tasks, two.getSnapshot().tasks, 'the same data');
		assert.equal(drawn, 1);
		one.dispatch({type: 'move', by: 1});
		two.dispatch({type: 'search-start'});
		two.dispatch({type: 'search-type', text: 'db'});
		const first = one.select.visible(one.getSnapshot());
		assert.equal(first.length, 3);
		assert.equal(one.select.visible(one.getSnapshot()), first, 'memoised while its inputs are the same');
		assert.deepEqual(
			two.select.visible(two.getSnapshot()).map((each) => each.importTaskId),
			['import-ami-c'],
		);
		assert.equal(one.getSnapshot().textFilter, '', 'one screen’s filter is not the other’s');
		assert.equal(one.select.visible(one.getSnapshot()), first, 'nor is its memo');
		assert.notEqual(one.getSnapshot().selectedId, two.getSnapshot().selectedId);
		session.stop();
	});
});
