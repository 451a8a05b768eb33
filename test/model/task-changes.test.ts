import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {ImportTask} from '../../source/model/import-task.js';
import {changedTaskIds, sameData} from '../../source/model/task-changes.js';

const task = (id: string, extra: Partial<ImportTask> = {}): ImportTask => ({
	kind: 'image',
	importTaskId: id,
	status: 'active',
	tags: [],
	licenseSpecifications: [],
	snapshotDetails: [],
	...extra,
});

describe('sameData', () => {
	it('compares plain data deeply, whatever the key order', () => {
		assert.ok(sameData({a: 1, b: [{c: 'x'}]}, {b: [{c: 'x'}], a: 1}));
		assert.ok(!sameData({a: 1, b: [{c: 'x'}]}, {a: 1, b: [{c: 'y'}]}));
		assert.ok(!sameData([1, 2], [1, 2, 3]));
		assert.ok(!sameData([], {}));
		assert.ok(!sameData({a: null}, {a: {}}));
	});

	it('treats a field set to undefined as absent, as JSON does', () => {
		assert.ok(sameData({a: 1, b: undefined}, {a: 1}));
		assert.ok(!sameData({a: 1, b: 2}, {a: 1}));
		assert.ok(!sameData({a: 1}, {a: 1, b: 2}));
	});
});

describe('changedTaskIds', () => {
	it('lists new and changed tasks, not equal or identical ones, nor those gone', () => {
		const kept = task('import-ami-kept');
		const before = [kept, task('import-ami-same', {progress: 5}), task('import-ami-moved', {progress: 5}), task('import-ami-gone')];
		const after = [kept, task('import-ami-same', {progress: 5}), task('import-ami-moved', {progress: 6}), task('import-ami-new')];
		assert.deepEqual([...changedTaskIds(before, after)], ['import-ami-moved', 'import-ami-new']);
	});

	it('finds tasks out of place by key: one inserted at the head shifts the rest without changing them', () => {
		const a = task('import-ami-a', {progress: 1});
		const b = task('import-ami-b', {progress: 2});
		const c = task('import-ami-c', {progress: 3});
		assert.deepEqual(
			[...changedTaskIds([a, b, c], [task('import-ami-new'), {...a}, b, task('import-ami-c', {progress: 4})])],
			['import-ami-new', 'import-ami-c'],
		);
		assert.deepEqual([...changedTaskIds([a, b, c], [c, a, {...b}])], []);
		assert.deepEqual([...changedTaskIds([a, b], [a, task('import-ami-b', {progress: 9})])], ['import-ami-b']);
	});

	it('keys tasks by region and profile', () => {
		const east = task('import-ami-a', {region: 'us-east-1'});
		const west = task('import-ami-a', {region: 'us-west-2', progress: 1});
		assert.deepEqual([...changedTaskIds([east], [east, west])], ['/us-west-2/import-ami-a']);
	});
});
