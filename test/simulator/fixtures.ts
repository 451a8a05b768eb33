// Scenario tasks shared by the SDK and AWS CLI round-trip tests.

import type {ApiSnapshotTask, ApiTask} from '../../source/simulator/api-task.js';

/** A scenario task with every field of the response syntax, in awkward but legal values. */
export const everyField: ApiTask = {
	ImportTaskId: 'import-ami-d1974645895f0b04t',
	Architecture: 'x86_64',
	Description: 'fedora-bootc RAW',
	Encrypted: true,
	Hypervisor: 'xen',
	ImageId: '',
	KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-1111-4222-8333-444455556666',
	LicenseType: 'BYOL',
	Platform: 'Linux',
	Progress: '  28 ',
	SnapshotDetails: [
		{
			Description: 'disk1',
			DeviceName: '/dev/sda1',
			DiskImageSize: 14159336448,
			Format: 'RAW',
			Progress: '50',
			SnapshotId: '',
			Status: 'completed',
			StatusMessage: 'done',
			Url: 's3://bucket/key.raw',
			UserBucket: {S3Bucket: 'bucket', S3Key: 'key.raw'},
		},
		{DiskImageSize: 0.5},
	],
	Status: 'deleted',
	StatusMessage: 'CLIENT_ERROR : ClientError: Unknown OS / Missing OS files.',
	Tags: [
		{Key: 'Name', Value: 'bootc'},
		{Key: 'empty', Value: ''},
	],
	LicenseSpecifications: [{LicenseConfigurationArn: 'arn:aws:license-manager:us-east-1:123456789012:license-configuration:lic-0123'}],
	UsageOperation: 'RunInstances:0800',
	BootMode: 'uefi-preferred',
};

/** Every string XML can carry, and the ones it cannot (which become U+FFFD). */
export const hostile = {
	sent: `a&b<c>d"e'f\rg\r\nh\ti\u0001j\u001bk\u0085l\u009bm\u202en\u2066o\u200dp\u200bq\ud800r\uffffs😀t]]>u`,
	expected: `a&b<c>d"e'f\rg\r\nh\ti\uFFFDj\uFFFDk\u0085l\u009bm\u202en\u2066o\u200dp\u200bq\uFFFDr\uFFFDs😀t]]>u`,
};
export const long = `${'0123456789abcdef'.repeat(640)}`;

export function hostileTask(text: string): ApiTask {
	return {
		ImportTaskId: 'import-ami-hostile',
		Description: text,
		StatusMessage: text,
		SnapshotDetails: [{UserBucket: {S3Bucket: 'b', S3Key: text}}],
		Tags: [{Key: text, Value: text}],
	};
}

/** A scenario snapshot task with every field of DescribeImportSnapshotTasks' response, in awkward but legal values. */
export const everySnapshotField: ApiSnapshotTask = {
	ImportTaskId: 'import-snap-247b055a63e5a470t',
	Description: 'Debug Sensor Import',
	SnapshotTaskDetail: {
		Description: 'sensor disk',
		DiskImageSize: 705638400,
		Encrypted: true,
		Format: 'VHD',
		KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-1111-4222-8333-444455556666',
		Progress: ' 42',
		SnapshotId: '',
		Status: 'active',
		StatusMessage: 'downloading/converting',
		Url: 's3://scloud-dev/Sensor.vhd',
		UserBucket: {S3Bucket: 'scloud-dev', S3Key: 'Sensor.vhd'},
	},
	Tags: [
		{Key: 'Name', Value: 'sensor'},
		{Key: 'empty', Value: ''},
	],
};

export function hostileSnapshotTask(text: string): ApiSnapshotTask {
	return {
		ImportTaskId: 'import-snap-hostile',
		Description: text,
		SnapshotTaskDetail: {StatusMessage: text, UserBucket: {S3Bucket: 'b', S3Key: text}},
		Tags: [{Key: text, Value: text}],
	};
}
