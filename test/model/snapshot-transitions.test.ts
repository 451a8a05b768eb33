import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {observe, pace} from '../../source/model/history.js';
import {allEnded} from '../../source/model/import-task.js';
import {journalRecord} from '../../source/model/journal-line.js';
import {collect, due, emptyNotifier} from '../../source/model/notifications.js';
import {task} from '../helpers/tasks.js';

// Snapshot imports go through the same history as image imports: journal lines (with their kind), notifications,
// ETA and the end of every task (--until-done).

const minute = 60_000;
const snap = (overrides = {}) => task('import-snap-0123456789abcdef0', {kind: 'snapshot', statusMessage: 'downloading/converting', progress: 20, ...overrides});
const image = task('import-ami-0123456789abcdef0', {status: 'completed', statusMessage: undefined, progress: undefined});

describe('snapshot imports in the history', () => {
	it('journals a snapshot task’s transitions with its kind, notifies its end, and knows when all ended', () => {
		const first = observe(new Map(), [image, snap()], 0, true, 30 * minute);
		assert.deepEqual(
			first.entries.map((entry) => [entry.taskId, entry.kind]),
			[
				['import-ami-0123456789abcdef0', 'image'],
				['import-snap-0123456789abcdef0', 'snapshot'],
			],
		);
		const moving = observe(first.history, [image, snap({progress: 60})], 2 * minute, false, 30 * minute);
		assert.equal(pace(snap({progress: 60}), moving.history.get('import-snap-0123456789abcdef0'), 2 * minute, 30 * minute).etaMs, 2 * minute);
		assert.equal(allEnded([image, snap({progress: 60})]), false);
		const done = snap({status: 'completed', statusMessage: undefined, progress: undefined});
		const ended = observe(moving.history, [image, done], 3 * minute, false, 30 * minute);
		const status = ended.entries.find((entry) => entry.type === 'status');
		assert.deepEqual(status === undefined ? undefined : journalRecord(status), {
			time: new Date(3 * minute).toISOString(),
			event: 'status',
			taskId: 'import-snap-0123456789abcdef0',
			kind: 'snapshot',
			status: 'completed',
			from: 'active',
			to: 'completed',
			// Its message (downloading/converting) was cleared with the change: said on the status entry.
			message: '',
		});
		assert.equal(due(collect(emptyNotifier(), ended.entries), 3 * minute).message?.body, 'import-snap-0123456789abcdef0 completed');
		assert.equal(allEnded([image, done]), true);
		const gone = observe(ended.history, [image], 4 * minute, false, 30 * minute);
		assert.deepEqual(
			gone.entries.map((entry) => [entry.type, entry.kind]),
			[['gone', 'snapshot']],
		);
	});
});
