import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {finishedAt, retentionMs, type TaskSpec, taskAt} from '../../source/simulator/lifecycle.js';

const minute = 60_000;

function spec(overrides: Partial<TaskSpec> = {}): TaskSpec {
	return {
		id: 'import-ami-0306b6f28c3708613',
		createdAt: 1000,
		platform: 'Linux',
		architecture: 'x86_64',
		licenseType: 'BYOL',
		encrypted: false,
		tags: [{Key: 'Name', Value: 'centos'}],
		licenseSpecifications: [],
		disks: [
			{
				sizeBytes: 652312064,
				sourceFormat: 'OVA',
				bucket: 'b',
				key: 'vms/centos.ova',
				deviceName: '/dev/sda1',
				snapshotId: 'snap-1',
				withUrl: true,
			},
		],
		imageId: 'ami-0c93e58db64cb1d23',
		// Ten minutes per stage, so stage k runs from 1000 + 10k minutes.
		stages: [
			{message: 'pending', durationMs: 10 * minute, from: 2, to: 2},
			{message: 'validating', durationMs: 10 * minute, from: 3, to: 5},
			{message: 'validated', durationMs: 10 * minute, from: 6, to: 6},
			{message: 'converting', durationMs: 10 * minute, from: 28, to: 33},
			{message: 'updating', durationMs: 10 * minute, from: 34, to: 41},
			{message: 'booting', durationMs: 10 * minute, from: 58, to: 75},
			{message: 'booted', durationMs: 10 * minute, from: 76, to: 83},
			{message: 'preparing ami', durationMs: 10 * minute, from: 84, to: 99},
		],
		...overrides,
	};
}

/** The task `offset` into stage `stage` (0-based). */
const at = (task: TaskSpec, stage: number, offset = minute) => taskAt(task, task.createdAt + stage * 10 * minute + offset);

describe('lifecycle', () => {
	it('does not list a task before it was created', () => {
		assert.equal(taskAt(spec(), 999), undefined);
		assert.equal(taskAt(spec(), 1000)?.StatusMessage, 'pending');
	});

	it('walks the real order of status messages', () => {
		const messages = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((stage) => at(spec(), stage)?.StatusMessage ?? at(spec(), stage)?.Status);
		assert.deepEqual(messages, ['pending', 'validating', 'validated', 'converting', 'updating', 'booting', 'booted', 'preparing ami', 'completed']);
	});

	it('starts with progress 2 and no snapshot details', () => {
		const task = at(spec(), 0);
		assert.deepEqual(task, {
			ImportTaskId: 'import-ami-0306b6f28c3708613',
			Encrypted: false,
			LicenseType: 'BYOL',
			Progress: '2',
			SnapshotDetails: [],
			Status: 'active',
			StatusMessage: 'pending',
			Tags: [{Key: 'Name', Value: 'centos'}],
			LicenseSpecifications: [],
		});
	});

	it('moves progress within a stage so a watcher sees it tick', () => {
		const seen = [0, 2, 4, 6, 8, 9.99].map((minutes) => Number(at(spec(), 3, minutes * minute)?.Progress));
		assert.deepEqual(seen, [28, 29, 30, 31, 32, 32]);
	});

	it('adds a snapshot detail at converting, with the OVA shown as VMDK and its size in bytes', () => {
		assert.deepEqual(at(spec(), 3)?.SnapshotDetails, [
			{
				DiskImageSize: 652312064,
				Format: 'VMDK',
				Status: 'active',
				Url: 's3://b/vms/centos.ova',
				UserBucket: {S3Bucket: 'b', S3Key: 'vms/centos.ova'},
			},
		]);
		assert.equal(at(spec(), 4)?.SnapshotDetails?.[0]?.Status, 'completed');
	});

	it('shows platform, architecture and device name from booting, the snapshot id from preparing ami', () => {
		const updating = at(spec(), 4);
		assert.equal(updating?.Platform, undefined);
		assert.equal(updating?.SnapshotDetails?.[0]?.DeviceName, undefined);
		const booting = at(spec(), 5);
		assert.equal(booting?.Platform, 'Linux');
		assert.equal(booting?.Architecture, 'x86_64');
		assert.equal(booting?.SnapshotDetails?.[0]?.DeviceName, '/dev/sda1');
		assert.equal(booting?.SnapshotDetails?.[0]?.SnapshotId, undefined);
		assert.equal(at(spec(), 7)?.SnapshotDetails?.[0]?.SnapshotId, 'snap-1');
	});

	it('completes with an image id and without progress or status message', () => {
		const task = at(spec(), 8);
		assert.equal(task?.Status, 'completed');
		assert.equal(task?.ImageId, 'ami-0c93e58db64cb1d23');
		assert.equal('Progress' in (task ?? {}), false);
		assert.equal('StatusMessage' in (task ?? {}), false);
	});

	it('fails into deleting and then deleted, keeping the message and the details it had', () => {
		const failing = spec({
			stages: spec().stages.slice(0, 5),
			failure: {message: 'ClientError: Unknown OS / Missing OS files.', deletingMs: minute},
		});
		const deleting = at(failing, 5, 30_000);
		assert.equal(deleting?.Status, 'deleting');
		assert.equal(deleting?.StatusMessage, 'ClientError: Unknown OS / Missing OS files.');
		assert.equal(deleting?.Progress, undefined);
		assert.equal(deleting?.SnapshotDetails?.[0]?.Status, 'completed');
		const deleted = at(failing, 5, minute);
		assert.equal(deleted?.Status, 'deleted');
		assert.equal(deleted?.ImageId, undefined);
		assert.equal(deleted?.StatusMessage, 'ClientError: Unknown OS / Missing OS files.');
	});

	it('forgets a task 7 days after it finished', () => {
		const task = spec();
		const end = finishedAt(task);
		assert.equal(end, 1000 + 80 * minute);
		assert.equal(taskAt(task, end + retentionMs - 1)?.Status, 'completed');
		assert.equal(taskAt(task, end + retentionMs), undefined);
	});

	it('shows the optional fields where the spec has them', () => {
		const task = spec({
			description: 'web',
			encrypted: true,
			kmsKeyId: 'arn:aws:kms:us-east-1:1:key/k',
			bootMode: 'uefi',
			usageOperation: 'RunInstances:0800',
			licenseSpecifications: [{LicenseConfigurationArn: 'arn:lic'}],
		});
		const early = at(task, 0);
		assert.equal(early?.Description, 'web');
		assert.equal(early?.KmsKeyId, 'arn:aws:kms:us-east-1:1:key/k');
		assert.equal(early?.BootMode, 'uefi');
		assert.equal(early?.UsageOperation, undefined);
		assert.deepEqual(early?.LicenseSpecifications, [{LicenseConfigurationArn: 'arn:lic'}]);
		assert.equal(at(task, 8)?.UsageOperation, 'RunInstances:0800');
		assert.equal(at(task, 8)?.Hypervisor, 'xen');
	});
});
