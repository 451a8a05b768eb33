import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {ImportTask} from '../../source/model/import-task.js';
import type {LeftTask} from '../../source/model/left-tasks.js';
import type {PollNotes} from '../../source/model/poll-notes.js';
import {tellShell, untilDoneExit} from '../../source/model/shell-news.js';
import {initialState, reduce, type WatchState} from '../../source/model/state.js';
import {task} from '../helpers/tasks.js';

// The fold of tasks that leave the list: what the journal says of them and when --until-done may decide.

function poll(state: WatchState, tasks: ImportTask[], left: LeftTask[] = []): WatchState {
	const at = (state.polls + 1) * 10_000;
	const notes: PollNotes = {disabled: [], ...(left.length === 0 ? {} : {left})};
	return reduce(state, {type: 'poll-succeeded', at, generation: state.polls + 1, tasks, nextPollAt: at + 10_000, notes});
}

const said = (state: WatchState) => state.lastEntries.map((entry) => `${entry.type} ${entry.taskId ?? ''} ${entry.status ?? ''}`);

describe('tasks that leave the list', () => {
	it('looked up and still going: followed (no entry, no gone), and --until-done waits for it', () => {
		let state = poll(initialState(), [task('a'), task('b', {status: 'completed'})]);
		state = poll(state, [task('b', {status: 'completed'})], [{task: task('a', {status: 'deleting'}), how: 'found'}]);
		assert.deepEqual(said(state), ['status a deleting']);
		assert.equal(untilDoneExit(state), undefined, 'a is still being deleted');
		state = poll(state, [task('b', {status: 'completed'})], [{task: task('a', {status: 'deleting'}), how: 'pending'}]);
		assert.deepEqual(said(state), [], 'a look-up that failed concludes nothing');
		assert.equal(untilDoneExit(state), undefined);
		state = poll(state, [task('b', {status: 'completed'})], [{task: task('a', {status: 'deleted'}), how: 'found'}]);
		assert.deepEqual(said(state), ['status a deleted']);
		assert.equal(untilDoneExit(state), 1);
		state = poll(state, [task('b', {status: 'completed'})], [{task: task('a', {status: 'deleted'}), how: 'found'}]);
		assert.deepEqual(said(state), [], 'told again (a region in its backoff): nothing twice');
		assert.equal(state.leftTally.deleted, 1);
	});

	it('ended when it left: nothing to say; completed everywhere exits 0', () => {
		let state = poll(initialState(), [task('a', {status: 'completed'}), task('b')]);
		state = poll(state, [task('b', {status: 'completed'})], [{task: task('a', {status: 'completed'}), how: 'ended'}]);
		assert.deepEqual(said(state), ['status b completed']);
		assert.equal(untilDoneExit(state), 0);
	});

	it('unknown to EC2, or vanished without a word from the source: gone, and not completed', () => {
		let state = poll(initialState(), [task('a'), task('b')]);
		state = poll(state, [], [{task: task('a'), how: 'unknown'}]);
		assert.deepEqual(said(state), ['gone a active', 'gone b active']);
		assert.deepEqual(state.leftTally, {deleted: 0, unknown: 2});
		assert.equal(untilDoneExit(state), 1);
	});

	it('no import seen at all: not "all completed" (1), and the shell is told none was seen', () => {
		const state = poll(initialState(), []);
		assert.equal(untilDoneExit(state), 1);
		const told: [number, boolean][] = [];
		tellShell(initialState(), state, {onAllDone: (_tasks, code, nothing) => told.push([code, nothing])});
		assert.deepEqual(told, [[1, true]]);
		// A task seen once and gone since was seen: its verdict stands (here completed, 0).
		const gone = poll(poll(initialState(), [task('a', {status: 'completed'})]), []);
		assert.equal(untilDoneExit(gone), 0);
	});

	it('no import seen while a region has not answered: nothing is concluded until it does', () => {
		const at = 10_000;
		const partial = reduce(initialState(), {
			type: 'poll-succeeded',
			at,
			generation: 1,
			tasks: [],
			nextPollAt: at + 10_000,
			notes: {disabled: []},
			partialFaults: [{label: 'eu-west-1', fault: {kind: 'network', message: 'unreachable'}, since: at, retryAt: at + 10_000}],
		});
		assert.equal(untilDoneExit(partial), undefined);
		assert.equal(untilDoneExit(poll(partial, [])), 1, 'every part answered, none has an import');
	});

	it('a completed task that vanishes was known to have completed', () => {
		let state = poll(initialState(), [task('a', {status: 'completed'})]);
		state = poll(state, []);
		assert.deepEqual(said(state), ['gone a completed']);
		assert.equal(untilDoneExit(state), 0);
	});

	it('the shell is told the exit code once nothing watched is still going, not before', () => {
		const codes: number[] = [];
		const callbacks = {onAllDone: (_tasks: readonly ImportTask[], code: number) => codes.push(code)};
		const first = poll(initialState(), [task('a')]);
		tellShell(initialState(), first, callbacks);
		const leaving = poll(first, [], [{task: task('a', {status: 'deleting'}), how: 'found'}]);
		tellShell(first, leaving, callbacks);
		assert.deepEqual(codes, [], 'an empty list while a is being deleted is not the end');
		const ended = poll(leaving, [], [{task: task('a', {status: 'deleted'}), how: 'found'}]);
		tellShell(leaving, ended, callbacks);
		assert.deepEqual(codes, [1]);
	});
});
