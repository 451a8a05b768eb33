import assert from 'node:assert/strict';
import {test} from 'node:test';
import {createTaskCollector} from '../../source/model/normalise-task.js';

test('a page array seen in the last poll is not normalised again; a new page, or a task now a duplicate, is', () => {
	const raw = {ImportTaskId: 'import-ami-1', Status: 'active', Progress: '10', StatusMessage: 'converting'};
	const page = [raw, {ImportTaskId: 'import-ami-2', Status: 'completed'}];
	const first = createTaskCollector();
	first.add(page);
	const [task] = first.tasks();
	assert.ok(task !== undefined);
	// The same array again (a page kept by the source): the same tasks, even with no `previous` to compare with.
	const second = createTaskCollector(new Map(), first.pages);
	second.add(page);
	assert.equal(second.tasks()[0], task);
	assert.equal(second.tasks().length, 2);
	// A new array: normalised, and what changed is there.
	const third = createTaskCollector(first.byId, second.pages);
	third.add([{...raw, Progress: '11'}]);
	assert.equal(third.tasks()[0]?.progress, 11);
	// The same array after a page that holds the same id: its task is now the second occurrence.
	const fourth = createTaskCollector(new Map(), second.pages);
	fourth.add([{...raw}]);
	fourth.add(page);
	const tasks = fourth.tasks();
	assert.equal(tasks.length, 3);
	assert.equal(tasks[1]?.occurrence, 2);
	assert.notEqual(tasks[1], task);
});
