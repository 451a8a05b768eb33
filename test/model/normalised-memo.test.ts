import assert from 'node:assert/strict';
import {test} from 'node:test';
import {createTaskCollector} from '../../source/model/normalise-task.js';
import type {NormalisedMemo} from '../../source/model/task-collector.js';

test('a raw task object seen in the last poll is not normalised again; a new object with new content is', () => {
	const memo: NormalisedMemo = new WeakMap();
	const raw = {ImportTaskId: 'import-ami-1', Status: 'active', Progress: '10', StatusMessage: 'converting'};
	const first = createTaskCollector(new Map(), memo);
	first.add([raw]);
	const [task] = first.tasks();
	assert.ok(task !== undefined);
	// The same object again (a page kept by the source): the same task, even with a fresh `previous`.
	const second = createTaskCollector(new Map(), memo);
	second.add([raw]);
	assert.equal(second.tasks()[0], task);
	// A new object: normalised, and what changed is there.
	const third = createTaskCollector(first.byId, memo);
	third.add([{...raw, Progress: '11'}]);
	assert.equal(third.tasks()[0]?.progress, 11);
	// The same object where it is now a duplicate (its occurrence differs): normalised for that place.
	const fourth = createTaskCollector(new Map(), memo);
	fourth.add([{...raw}, raw]);
	const tasks = fourth.tasks();
	assert.equal(tasks.length, 2);
	assert.notEqual(tasks[1], task);
	assert.equal(tasks[1]?.occurrence, 2);
});
