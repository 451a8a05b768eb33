import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {type Action, initialState, isStale, reduce, selectedRow, visibleTasks, type WatchState} from '../../source/model/state.js';
import {createSelectors} from '../../source/model/selectors.js';
import {task} from '../helpers/tasks.js';

const tasks = [
	task('import-ami-a', {description: 'web-01'}),
	task('import-ami-b', {status: 'completed', statusMessage: undefined, progress: undefined, imageId: 'ami-1'}),
	task('import-ami-c', {description: 'db-01'}),
	task('import-ami-d', {status: 'deleted', statusMessage: 'ClientError: Unknown OS / Missing OS files.'}),
	task('import-ami-e', {status: 'deleting'}),
];

function run(...actions: Action[]): WatchState {
	return actions.reduce(reduce, initialState());
}

const polled = (list = tasks, at = 1000): Action => ({type: 'poll-succeeded', at, generation: 1, tasks: list, nextPollAt: at + 10_000});
const selected = (state: WatchState) => visibleTasks(state)[selectedRow(state, visibleTasks(state))]?.importTaskId;

describe('reducer', () => {
	it('answers visibleTasks once per set of inputs, and anew when any changes', () => {
		const state = run(polled());
		const visibleTasks = createSelectors().visible;
		const list = visibleTasks(state);
		assert.equal(visibleTasks({...state, notice: 'x'}), list);
		const reversed = visibleTasks(reduce(state, {type: 'sort-reverse'}));
		assert.deepEqual(
			reversed.map((t) => t.importTaskId),
			[...list].reverse().map((t) => t.importTaskId),
		);
		assert.deepEqual(
			visibleTasks({...state, textFilter: 'db'}).map((t) => t.importTaskId),
			['import-ami-c'],
		);
		assert.equal(visibleTasks({...state, tasks: [...tasks]}).length, 5);
		assert.notEqual(visibleTasks(state), list, 'recomputed after other inputs, equal but not the same list');
		assert.deepEqual(visibleTasks(state), list);
	});

	it('selects the first task after the first poll and marks nothing as changed', () => {
		const state = run(polled());
		assert.equal(selected(state), 'import-ami-a');
		assert.equal(state.changed.size, 0);
		assert.equal(state.lastGoodAt, 1000);
	});

	it('moves, clamps at both ends and jumps to the edges', () => {
		assert.equal(selected(run(polled(), {type: 'move', by: 2})), 'import-ami-c');
		assert.equal(selected(run(polled(), {type: 'move', by: -3})), 'import-ami-a');
		assert.equal(selected(run(polled(), {type: 'move', by: 99})), 'import-ami-e');
		assert.equal(selected(run(polled(), {type: 'move-to', edge: 'last'})), 'import-ami-e');
		assert.equal(selected(run(polled(), {type: 'move-to', edge: 'last'}, {type: 'move-to', edge: 'first'})), 'import-ami-a');
	});

	it('keeps the selection on the same task when a poll reorders the list', () => {
		const state = run(polled(), {type: 'move', by: 2}, polled([...tasks].reverse(), 2000));
		assert.equal(selected(state), 'import-ami-c');
		assert.equal(selectedRow(state, visibleTasks(state)), 2);
	});

	it('keeps the selection across state filters, rests near its place while a filter hides its task, and is back on it after', () => {
		let state = run(polled(), {type: 'move', by: 2}, {type: 'set-state-filter', filter: 'active'});
		assert.deepEqual(
			visibleTasks(state).map((t) => t.importTaskId),
			['import-ami-a', 'import-ami-c'],
		);
		assert.equal(selected(state), 'import-ami-c');
		state = reduce(state, {type: 'set-state-filter', filter: 'completed'});
		assert.equal(selected(state), 'import-ami-b', 'the cursor rests on the row where it was');
		state = reduce(state, {type: 'set-state-filter', filter: 'all'});
		assert.equal(selected(state), 'import-ami-c', 'shown again: the task chosen');
		state = reduce(reduce(state, {type: 'set-state-filter', filter: 'completed'}), {type: 'move', by: 0});
		state = reduce(state, {type: 'set-state-filter', filter: 'all'});
		assert.equal(selected(state), 'import-ami-b', 'a move chooses the row the cursor is on');
	});

	it('cycles state filters with Tab and Shift-Tab, wrapping around', () => {
		assert.equal(run(polled(), {type: 'cycle-state-filter', direction: 1}).stateFilter, 'active');
		assert.equal(run(polled(), {type: 'cycle-state-filter', direction: -1}).stateFilter, 'deleted');
	});

	it('marks the tasks that changed since the previous poll, until the next poll', () => {
		const moved = tasks.map((t) => (t.importTaskId === 'import-ami-c' ? {...t, progress: 34, statusMessage: 'updating'} : t));
		const added = [...moved, task('import-ami-f')];
		let state = run(polled(), polled(added, 2000));
		assert.deepEqual([...state.changed].sort(), ['import-ami-c', 'import-ami-f']);
		state = reduce(state, polled(added, 3000));
		assert.equal(state.changed.size, 0);
	});

	it('filters by text over the visible columns, live while typing; Esc clears it', () => {
		let state = run(polled(), {type: 'search-start'}, {type: 'search-type', text: 'd'}, {type: 'search-type', text: 'b-0'});
		assert.equal(state.mode, 'search');
		assert.deepEqual(
			visibleTasks(state).map((t) => t.importTaskId),
			['import-ami-c'],
		);
		state = reduce(reduce(state, {type: 'search-erase'}), {type: 'search-erase'});
		assert.equal(state.textFilter, 'db');
		const kept = reduce(state, {type: 'search-commit'});
		assert.equal(kept.mode, 'list');
		assert.equal(kept.textFilter, 'db');
		const cleared = reduce(state, {type: 'search-cancel'});
		assert.equal(cleared.textFilter, '');
		assert.equal(visibleTasks(cleared).length, 5);
		assert.equal(reduce(kept, {type: 'back'}).textFilter, '');
	});

	it('opens the selected task and goes back to the same row', () => {
		let state = run(polled(), {type: 'move', by: 3}, {type: 'open-detail'});
		assert.equal(state.mode, 'detail');
		assert.equal(state.detailId, 'import-ami-d');
		state = reduce(state, {type: 'back'});
		assert.equal(state.mode, 'list');
		assert.equal(selected(state), 'import-ami-d');
	});

	it('does not open a detail screen on an empty list', () => {
		assert.equal(run({type: 'open-detail'}).mode, 'list');
	});

	it('toggles help and returns to the mode it came from', () => {
		const state = run(polled(), {type: 'open-detail'}, {type: 'toggle-help'});
		assert.equal(state.mode, 'help');
		assert.equal(reduce(state, {type: 'toggle-help'}).mode, 'detail');
		assert.equal(reduce(state, {type: 'back'}).mode, 'detail');
	});

	it('keeps the last good tasks through failures and is stale from the second missed poll', () => {
		const fault = {kind: 'network', message: 'connect ECONNREFUSED 127.0.0.1:4599'} as const;
		let state = run(polled(), {type: 'poll-failed', at: 11_000, generation: 2, fault, nextPollAt: 21_000});
		assert.equal(state.tasks.length, 5);
		assert.equal(isStale(state), false);
		assert.equal(state.fault?.since, 11_000);
		state = reduce(state, {type: 'poll-failed', at: 21_000, generation: 3, fault, nextPollAt: 41_000});
		assert.equal(isStale(state), true);
		assert.equal(state.fault?.since, 11_000, 'a fault of the same kind keeps its start time');
		state = reduce(state, polled(tasks, 41_000));
		assert.equal(isStale(state), false);
		assert.equal(state.fault, undefined);
	});

	it('records pause and resume', () => {
		const state = run(polled(), {type: 'paused', at: 2000});
		assert.equal(state.paused, true);
		assert.equal(state.nextPollAt, undefined);
		assert.equal(reduce(state, {type: 'resumed', at: 3000, nextPollAt: 3000}).paused, false);
	});
});

describe('faults of parts and of the whole poll', () => {
	it('a whole-poll fault clears the per-kind faults of the last poll: one fault, one next-poll time', () => {
		const kindFault = {label: 'DescribeImportSnapshotTasks', fault: {kind: 'server' as const, message: 'EC2 had a problem'}, since: 1000, retryAt: 3000};
		let state = reduce(initialState(), {
			type: 'poll-succeeded',
			at: 1000,
			generation: 1,
			tasks: [task('import-ami-a')],
			nextPollAt: 2000,
			partialFaults: [kindFault],
		});
		assert.equal(state.pairFaults.length, 1);
		state = reduce(state, {type: 'poll-failed', at: 2000, generation: 2, fault: {kind: 'server', message: 'EC2 had a problem'}, nextPollAt: 4000});
		assert.deepEqual(state.pairFaults, []);
		assert.equal(state.fault?.kind, 'server');
		assert.equal(state.tasks.length, 1, 'the last good tasks stay');
	});
});
