import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {type History, observe, type TaskHistory} from '../../source/model/history.js';
import type {ImportTask} from '../../source/model/import-task.js';
import {endedState, spanOf} from '../../source/model/task-span.js';
import {task} from '../helpers/tasks.js';

// A task's place in time for the timeline, read from the history the watcher keeps (the real fold of polls).

const minute = 60_000;

/** The history after these polls, and the task as the last poll gave it. */
function watched(polls: [number, ImportTask][]): {known: TaskHistory | undefined; last: ImportTask} {
	let history: History = new Map();
	for (const [index, [at, seen]] of polls.entries()) history = observe(history, [seen], at, index === 0, 30 * minute).history;
	const last = polls[polls.length - 1]?.[1] ?? task('none');
	return {known: history.get(last.importTaskId ?? ''), last};
}

const id = 'import-ami-0aaaaaaaaaaaaaaa1';

describe('a task’s span', () => {
	it('an active task runs from its first sight, open-ended, with its progress', () => {
		const {known, last} = watched([
			[1 * minute, task(id, {progress: 10})],
			[11 * minute, task(id, {progress: 40})],
		]);
		assert.deepEqual(spanOf(last, known), {start: 1 * minute, state: 'active', progress: 40});
	});

	it('a completed task ends where it reached completed, full', () => {
		const {known, last} = watched([
			[1 * minute, task(id, {progress: 10})],
			[11 * minute, task(id, {progress: 80})],
			[21 * minute, task(id, {status: 'completed', statusMessage: undefined, progress: undefined})],
			[31 * minute, task(id, {status: 'completed', statusMessage: undefined, progress: undefined})],
		]);
		assert.deepEqual(spanOf(last, known), {start: 1 * minute, end: 21 * minute, state: 'completed', progress: 100});
	});

	it('a failed task ends where it was deleted and keeps the progress it had reached (EC2 drops it)', () => {
		const {known, last} = watched([
			[1 * minute, task(id, {progress: 10})],
			[11 * minute, task(id, {progress: 30})],
			[21 * minute, task(id, {status: 'deleting', statusMessage: 'ClientError: Disk validation failed', progress: undefined})],
			[31 * minute, task(id, {status: 'deleted', statusMessage: 'ClientError: Disk validation failed', progress: undefined})],
		]);
		assert.deepEqual(spanOf(last, known), {start: 1 * minute, end: 31 * minute, state: 'failed', progress: 30});
	});

	it('while deleting it has not ended yet: failed or cancelled, still open', () => {
		const {known, last} = watched([
			[1 * minute, task(id, {progress: 20})],
			[11 * minute, task(id, {status: 'deleting', statusMessage: 'cancelled from ec2-import-watch', progress: 20})],
		]);
		assert.deepEqual(spanOf(last, known), {start: 1 * minute, state: 'cancelled', progress: 20});
	});

	it('a task first seen already over is a moment, marked as ended before first sight (no duration claimed)', () => {
		const {known, last} = watched([[5 * minute, task(id, {status: 'completed', statusMessage: undefined, progress: undefined})]]);
		assert.deepEqual(spanOf(last, known), {start: 5 * minute, end: 5 * minute, state: 'completed', progress: 100, endedWhenSeen: true});
		const later = watched([
			[5 * minute, task(id, {status: 'deleted', statusMessage: 'ClientError: No valid partition', progress: undefined})],
			[15 * minute, task(id, {status: 'deleted', statusMessage: 'ClientError: No valid partition', progress: undefined})],
		]);
		assert.deepEqual(spanOf(later.last, later.known), {start: 5 * minute, end: 5 * minute, state: 'failed', endedWhenSeen: true});
		const seenDeleting = watched([
			[5 * minute, task(id, {status: 'deleting', statusMessage: 'wrong disk', progress: undefined})],
			[15 * minute, task(id, {status: 'deleted', statusMessage: 'wrong disk', progress: undefined})],
		]);
		assert.deepEqual(
			spanOf(seenDeleting.last, seenDeleting.known),
			{start: 5 * minute, end: 15 * minute, state: 'cancelled'},
			'seen deleting: it ended in sight',
		);
	});

	it('when the end entry has left the bounded timeline, the last change says when', () => {
		const known: TaskHistory = {
			firstSeenAt: minute,
			firstSeenRank: 0,
			latest: {at: 50 * minute, status: 'deleted', message: 'ClientError: Unknown OS / Missing OS files.'},
			lastChangeAt: 40 * minute,
			stuck: false,
			timeline: [],
		};
		const failed = task(id, {status: 'deleted', statusMessage: 'ClientError: Unknown OS / Missing OS files.', progress: undefined});
		assert.deepEqual(spanOf(failed, known), {start: minute, end: 40 * minute, state: 'failed'});
	});

	it('a status EC2 has not documented counts as still going; no history, no span', () => {
		const {known, last} = watched([[minute, task(id, {status: 'paused', progress: undefined})]]);
		assert.deepEqual(spanOf(last, known), {start: minute, state: 'active'});
		assert.equal(spanOf(task(id), undefined), undefined);
	});
});

describe('how a task ended', () => {
	it('deleted with a failure message is failed; with the cancel reason, or no message, cancelled', () => {
		assert.equal(endedState('completed', undefined), 'completed');
		assert.equal(endedState('deleted', 'ClientError: Disk validation failed [Unsupported VMDK File Format]'), 'failed');
		assert.equal(endedState('deleting', 'FirstBootFailure: This import request failed because the instance failed to boot'), 'failed');
		assert.equal(endedState('deleted', 'cancelled from ec2-import-watch'), 'cancelled');
		assert.equal(endedState('deleted', 'Cancelled by the migration team'), 'cancelled');
		assert.equal(endedState('deleted', undefined), 'cancelled');
		assert.equal(endedState('deleted', '  '), 'cancelled');
		assert.equal(endedState('active', 'converting'), 'active');
		assert.equal(endedState('updating', undefined), 'active');
	});
});
