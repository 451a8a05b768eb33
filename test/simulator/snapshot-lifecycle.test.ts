import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {cancelledSnapshotTask} from '../../source/simulator/cancellation.js';
import {retentionMs} from '../../source/simulator/lifecycle.js';
import {type SnapshotSpec, snapshotFinishedAt, snapshotTaskAt} from '../../source/simulator/snapshot-lifecycle.js';

const minute = 60_000;

function spec(overrides: Partial<SnapshotSpec> = {}): SnapshotSpec {
	return {
		id: 'import-snap-0123456789abcdef0',
		createdAt: 1000,
		description: 'data disk',
		sizeBytes: 705626112,
		format: 'VMDK',
		bucket: 'b',
		key: 'disks/data.vmdk',
		withUrl: false,
		encrypted: false,
		snapshotId: 'snap-0a1b2c3d4e5f60718',
		tags: [],
		// Ten minutes per stage, so stage k runs from 1000 + 10k minutes.
		stages: [
			{message: 'pending', durationMs: 10 * minute, from: 3, to: 3},
			{message: 'validating', durationMs: 10 * minute, from: 4, to: 9},
			{message: 'validated', durationMs: 10 * minute, from: 10, to: 10},
			{message: 'downloading/converting', durationMs: 10 * minute, from: 11, to: 99},
		],
		...overrides,
	};
}

const at = (task: SnapshotSpec, stage: number, offset = minute) => snapshotTaskAt(task, task.createdAt + stage * 10 * minute + offset);

describe('snapshot lifecycle', () => {
	it('starts as ImportSnapshot answers: active, pending, progress 3, size 0.0, snapshot id ""', () => {
		assert.equal(snapshotTaskAt(spec(), 999), undefined);
		assert.deepEqual(at(spec(), 0), {
			ImportTaskId: 'import-snap-0123456789abcdef0',
			Description: 'data disk',
			SnapshotTaskDetail: {
				Description: 'data disk',
				DiskImageSize: 0,
				Format: 'VMDK',
				Progress: '3',
				SnapshotId: '',
				Status: 'active',
				StatusMessage: 'pending',
				UserBucket: {S3Bucket: 'b', S3Key: 'disks/data.vmdk'},
			},
			Tags: [],
		});
	});

	it('walks pending, validating, validated, downloading/converting, completed; the size is known once validated', () => {
		const details = [0, 1, 2, 3, 4].map((stage) => at(spec(), stage)?.SnapshotTaskDetail);
		assert.deepEqual(
			details.map((detail) => detail?.StatusMessage ?? detail?.Status),
			['pending', 'validating', 'validated', 'downloading/converting', 'completed'],
		);
		assert.deepEqual(
			details.map((detail) => detail?.DiskImageSize),
			[0, 0, 705626112, 705626112, 705626112],
		);
		assert.equal(at(spec(), 3, 5 * minute)?.SnapshotTaskDetail?.Progress, '55');
		const done = details[4];
		assert.equal(done?.SnapshotId, 'snap-0a1b2c3d4e5f60718');
		assert.equal(done?.Progress, undefined);
	});

	it('shows encryption and the s3 url where the spec has them', () => {
		const detail = at(spec({encrypted: true, kmsKeyId: 'arn:k', withUrl: true}), 1)?.SnapshotTaskDetail;
		assert.equal(detail?.Encrypted, true);
		assert.equal(detail?.KmsKeyId, 'arn:k');
		assert.equal(detail?.Url, 's3://b/disks/data.vmdk');
		assert.equal('Encrypted' in (at(spec(), 1)?.SnapshotTaskDetail ?? {}), false);
	});

	it('fails into deleting and deleted with the message, and is forgotten 7 days later', () => {
		const failing = spec({
			stages: spec().stages.slice(0, 2),
			failure: {message: 'ClientError: Disk validation failed [Unsupported VMDK File Format]', deletingMs: minute},
		});
		const deleting = at(failing, 2, 30_000)?.SnapshotTaskDetail;
		assert.equal(deleting?.Status, 'deleting');
		assert.equal(deleting?.StatusMessage, 'ClientError: Disk validation failed [Unsupported VMDK File Format]');
		assert.equal(deleting?.Progress, undefined);
		assert.equal(at(failing, 2, minute)?.SnapshotTaskDetail?.Status, 'deleted');
		const end = snapshotFinishedAt(failing);
		assert.equal(snapshotTaskAt(failing, end + retentionMs - 1)?.SnapshotTaskDetail?.Status, 'deleted');
		assert.equal(snapshotTaskAt(failing, end + retentionMs), undefined);
	});

	it('a cancel keeps the rest of the task and replaces status, message and progress', () => {
		const running = at(spec(), 3);
		assert.ok(running !== undefined);
		const cancelled = cancelledSnapshotTask(running, {at: 0, reason: 'wrong disk'}, 0);
		assert.deepEqual(cancelled, {
			...running,
			SnapshotTaskDetail: {
				Description: 'data disk',
				DiskImageSize: 705626112,
				Format: 'VMDK',
				SnapshotId: '',
				Status: 'deleting',
				StatusMessage: 'wrong disk',
				UserBucket: {S3Bucket: 'b', S3Key: 'disks/data.vmdk'},
			},
		});
	});
});
