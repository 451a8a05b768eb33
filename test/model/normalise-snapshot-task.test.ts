import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {ImportSnapshotTask} from '@aws-sdk/client-ec2';
import type {ImportTask} from '../../source/model/import-task.js';
import {type ApiImportSnapshotTask, createSnapshotCollector, normaliseSnapshotTask} from '../../source/model/normalise-snapshot-task.js';
import {everySnapshotField, hostile, hostileSnapshotTask} from '../simulator/fixtures.js';

// The SDK's own output type must fit our input type (compile-time check).
const fromSdk = (task: ImportSnapshotTask): ApiImportSnapshotTask => task;

describe('normaliseSnapshotTask', () => {
	it('makes a snapshot task one disk: its status, message and progress are the task’s, its encryption too', () => {
		const expected: ImportTask = {
			kind: 'snapshot',
			importTaskId: 'import-snap-247b055a63e5a470t',
			status: 'active',
			statusMessage: 'downloading/converting',
			progress: 42,
			progressText: '42',
			description: 'Debug Sensor Import',
			encrypted: true,
			kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-1111-4222-8333-444455556666',
			tags: [
				{key: 'Name', value: 'sensor'},
				{key: 'empty', value: ''},
			],
			// No licenseSpecifications: a snapshot import has no such field (issue 17).
			snapshotDetails: [
				{
					description: 'sensor disk',
					diskImageSize: 705638400,
					format: 'VHD',
					progress: 42,
					progressText: '42',
					status: 'active',
					statusMessage: 'downloading/converting',
					url: 's3://scloud-dev/Sensor.vhd',
					s3Bucket: 'scloud-dev',
					s3Key: 'Sensor.vhd',
				},
			],
		};
		assert.deepEqual(normaliseSnapshotTask(fromSdk(everySnapshotField)), expected);
	});

	it('keeps the task’s description as EC2 sent it: absent stays absent (the disk keeps its own)', () => {
		const task = normaliseSnapshotTask({ImportTaskId: 'import-snap-1', SnapshotTaskDetail: {Description: 'disk only', Status: 'active'}});
		assert.equal('description' in task, false);
		assert.equal(task.snapshotDetails[0]?.description, 'disk only');
	});

	it('without a detail: status unknown, no disk; without an id: none is made up', () => {
		const task = normaliseSnapshotTask({Description: 'x'}, 1);
		assert.equal(task.status, 'unknown');
		assert.deepEqual(task.snapshotDetails, []);
		assert.equal('importTaskId' in task, false);
		assert.equal(task.occurrence, 1);
		assert.equal(task.kind, 'snapshot');
	});

	it('the collector keeps two tasks of one id and tasks without one apart', () => {
		const collector = createSnapshotCollector();
		collector.add([{Description: 'a'}, everySnapshotField, {Description: 'b'}, everySnapshotField]);
		assert.deepEqual(
			collector.tasks().map((task) => [task.importTaskId ?? null, task.occurrence ?? null]),
			[
				[null, 1],
				['import-snap-247b055a63e5a470t', null],
				[null, 2],
				['import-snap-247b055a63e5a470t', 2],
			],
		);
	});

	it('sanitises every string', () => {
		const task = normaliseSnapshotTask(hostileSnapshotTask(hostile.sent));
		const text = JSON.stringify(task);
		assert.doesNotMatch(text, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e\u200b]/);
	});

	it('the collector keeps an unchanged task the same object', () => {
		const first = createSnapshotCollector();
		first.add([everySnapshotField]);
		const second = createSnapshotCollector(first.byId);
		second.add([everySnapshotField]);
		assert.equal(second.tasks()[0], first.tasks()[0]);
	});
});
