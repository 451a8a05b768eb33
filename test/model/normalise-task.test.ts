import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {ImportImageTask} from '@aws-sdk/client-ec2';
import {type ImportTask, shownId, taskKey} from '../../source/model/import-task.js';
import {type ApiImportImageTask, createTaskCollector, normaliseTask, normaliseTasks, parseProgress} from '../../source/model/normalise-task.js';

// Compile-time: the SDK's output type must be accepted as it is.
function fromSdk(task: ImportImageTask): ApiImportImageTask {
	return task;
}

const realActive: ImportImageTask = {
	Architecture: 'x86_64',
	Description: 'web server image',
	Encrypted: false,
	ImportTaskId: 'import-ami-0123456789abcdef0',
	LicenseType: 'BYOL',
	Platform: 'Linux',
	Progress: '28',
	SnapshotDetails: [
		{
			DeviceName: '/dev/sda1',
			DiskImageSize: 705638400,
			Format: 'VMDK',
			SnapshotId: '',
			Status: 'active',
			Url: 'https://imports.s3.amazonaws.com/disk1.vmdk?X-Amz-Signature=deadbeef&X-Amz-Credential=ASIAX',
			UserBucket: {S3Bucket: 'imports', S3Key: 'vms/disk1.vmdk'},
		},
	],
	Status: 'active',
	StatusMessage: 'converting',
	Tags: [{Key: 'Name', Value: 'web-01'}],
	LicenseSpecifications: [{LicenseConfigurationArn: 'arn:aws:license-manager:us-east-1:123456789012:license-configuration:lic-1'}],
	BootMode: 'uefi',
};

describe('normaliseTask', () => {
	it('maps a real active task', () => {
		const expected: ImportTask = {
			kind: 'image',
			importTaskId: 'import-ami-0123456789abcdef0',
			status: 'active',
			statusMessage: 'converting',
			progress: 28,
			progressText: '28',
			description: 'web server image',
			architecture: 'x86_64',
			platform: 'Linux',
			licenseType: 'BYOL',
			bootMode: 'uefi',
			encrypted: false,
			tags: [{key: 'Name', value: 'web-01'}],
			licenseSpecifications: ['arn:aws:license-manager:us-east-1:123456789012:license-configuration:lic-1'],
			snapshotDetails: [
				{
					deviceName: '/dev/sda1',
					diskImageSize: 705638400,
					format: 'VMDK',
					status: 'active',
					url: 'https://imports.s3.amazonaws.com/disk1.vmdk?…',
					s3Bucket: 'imports',
					s3Key: 'vms/disk1.vmdk',
				},
			],
		};
		assert.deepEqual(normaliseTask(fromSdk(realActive)), expected);
	});

	it('treats empty and blank strings as absent', () => {
		const task = normaliseTask({ImportTaskId: 'import-ami-1', Status: 'deleted', ImageId: '', StatusMessage: '  ', Progress: ''});
		assert.deepEqual(task, {
			kind: 'image',
			importTaskId: 'import-ami-1',
			status: 'deleted',
			tags: [],
			licenseSpecifications: [],
			snapshotDetails: [],
		});
	});

	it('makes up no id, and fills in a missing status', () => {
		const task = normaliseTask({});
		assert.equal('importTaskId' in task, false);
		assert.equal(task.status, 'unknown');
	});

	it('drops tags without a key and defaults a missing value', () => {
		const task = normaliseTask({ImportTaskId: 'i', Tags: [{Value: 'orphan'}, {Key: 'env'}, {Key: '', Value: 'x'}, null]});
		assert.deepEqual(task.tags, [{key: 'env', value: ''}]);
	});

	it('keeps only real booleans and sizes', () => {
		const task = normaliseTask({
			ImportTaskId: 'i',
			Encrypted: true,
			SnapshotDetails: [{DiskImageSize: Number.NaN}, {DiskImageSize: -1}, {DiskImageSize: 0}, undefined],
		});
		assert.equal(task.encrypted, true);
		assert.deepEqual(task.snapshotDetails, [{}, {}, {diskImageSize: 0}]);
	});

	it('redacts URLs in free text as well as in Url', () => {
		const task = normaliseTask({
			ImportTaskId: 'i',
			StatusMessage: 'cannot read https://b.s3.amazonaws.com/k?X-Amz-Signature=abc.',
			SnapshotDetails: [{Url: 's3://bucket/key?versionId=3', StatusMessage: 'X-Amz-Security-Token=tok failed'}],
		});
		assert.equal(task.statusMessage, 'cannot read https://b.s3.amazonaws.com/k?….');
		assert.deepEqual(task.snapshotDetails, [{url: 's3://bucket/key?…', statusMessage: 'X-Amz-Security-Token=… failed'}]);
	});

	it('redacts user info and stray credentials without a query string', () => {
		const task = normaliseTask({
			ImportTaskId: 'i',
			Description: 'from ftp://user:secret@host/disk.vmdk',
			StatusMessage: 'AWSAccessKeyId=AKIA1 Signature=zz',
			SnapshotDetails: [{Url: 'https://me:pw@b.s3.amazonaws.com/k'}],
		});
		assert.equal(task.description, 'from ftp://…@host/disk.vmdk');
		assert.equal(task.statusMessage, 'AWSAccessKeyId=… Signature=…');
		assert.deepEqual(task.snapshotDetails, [{url: 'https://…@b.s3.amazonaws.com/k'}]);
	});
});

describe('normaliseTask with hostile strings in every field', () => {
	const hostile = '\x1b]0;pwned\x07x\x1b[2J\r\u202Ey\u200B\u009b31m';
	const shown = '␛x␛ \uFFFDy\uFFFD␛';
	const api: ApiImportImageTask = {
		Architecture: hostile,
		Description: hostile,
		Encrypted: true,
		Hypervisor: hostile,
		ImageId: hostile,
		ImportTaskId: hostile,
		KmsKeyId: hostile,
		LicenseType: hostile,
		Platform: hostile,
		Progress: `\x1b[1m 28 `,
		SnapshotDetails: [
			{
				Description: hostile,
				DeviceName: hostile,
				DiskImageSize: 1,
				Format: hostile,
				Progress: hostile,
				SnapshotId: hostile,
				Status: hostile,
				StatusMessage: hostile,
				Url: hostile,
				UserBucket: {S3Bucket: hostile, S3Key: hostile},
			},
		],
		Status: hostile,
		StatusMessage: hostile,
		Tags: [{Key: hostile, Value: hostile}],
		LicenseSpecifications: [{LicenseConfigurationArn: hostile}],
		UsageOperation: hostile,
		BootMode: hostile,
	};

	it('sanitises each one', () => {
		const expected: ImportTask = {
			kind: 'image',
			importTaskId: shown,
			idAltered: 'replaced',
			status: shown,
			statusMessage: shown,
			progressText: '␛ 28',
			description: shown,
			architecture: shown,
			platform: shown,
			hypervisor: shown,
			licenseType: shown,
			usageOperation: shown,
			bootMode: shown,
			encrypted: true,
			kmsKeyId: shown,
			imageId: shown,
			tags: [{key: shown, value: shown}],
			licenseSpecifications: [shown],
			snapshotDetails: [
				{
					description: shown,
					deviceName: shown,
					diskImageSize: 1,
					format: shown,
					progressText: shown,
					snapshotId: shown,
					status: shown,
					statusMessage: shown,
					url: shown,
					s3Bucket: shown,
					s3Key: shown,
				},
			],
		};
		assert.deepEqual(normaliseTask(api), expected);
	});

	it('leaves no control character anywhere', () => {
		const all = JSON.stringify(normaliseTask(api));
		// JSON escapes C0 controls as \uXXXX; the others would appear as themselves.
		assert.doesNotMatch(all, /\\u00[01]|[\u007f-\u009f\u202a-\u202e\u200b-\u200f]/);
	});

	it('caps a 10 KB description', () => {
		const task = normaliseTask({ImportTaskId: 'i', Description: 'd'.repeat(10 * 1024)});
		assert.equal(task.description, `${'d'.repeat(511)}…`);
	});
});

describe('parseProgress', () => {
	const cases: Array<[string | undefined, number | undefined]> = [
		['28', 28],
		['  28 ', 28],
		['28%', 28],
		['28 %', 28],
		['27.5', 27.5],
		['0', 0],
		['100', 100],
		['150', 100],
		['-5', 0],
		['', undefined],
		['abc', undefined],
		['28abc', undefined],
		['1e3', undefined],
		['NaN', undefined],
		['Infinity', undefined],
		[undefined, undefined],
	];
	for (const [input, expected] of cases) {
		it(`${JSON.stringify(input)} → ${String(expected)}`, () => {
			assert.equal(parseProgress(input?.trim()), expected);
		});
	}

	it('parses Progress through normaliseTask', () => {
		assert.equal(normaliseTask({ImportTaskId: 'i', Progress: '  28 '}).progress, 28);
		assert.equal(normaliseTask({ImportTaskId: 'i', Progress: 'soon'}).progress, undefined);
	});
});

describe('normaliseTasks', () => {
	it('returns [] for an absent list', () => {
		assert.deepEqual(normaliseTasks(undefined), []);
	});

	it('keeps both tasks of one id, in the order sent, each with a key of its own', () => {
		const tasks = normaliseTasks([
			{ImportTaskId: 'import-ami-a', Progress: '10'},
			{ImportTaskId: 'import-ami-b', Progress: '20'},
			null,
			{ImportTaskId: 'import-ami-a', Progress: '30'},
		]);
		assert.deepEqual(
			tasks.map((task) => [task.importTaskId, task.progress, taskKey(task)]),
			[
				['import-ami-a', 10, 'import-ami-a'],
				['import-ami-b', 20, 'import-ami-b'],
				['import-ami-a', 30, 'import-ami-a#2'],
			],
		);
	});

	it('makes up no id for tasks without one, and keeps each apart', () => {
		const tasks = normaliseTasks([{Status: 'active'}, {ImportTaskId: 'import-ami-a'}, {Status: 'deleted'}]);
		assert.deepEqual(
			tasks.map((task) => [task.importTaskId, shownId(task), taskKey(task)]),
			[
				[undefined, '(no id)', '(no id)#1'],
				['import-ami-a', 'import-ami-a', 'import-ami-a'],
				[undefined, '(no id)', '(no id)#2'],
			],
		);
	});

	it('accepts the SDK list type', () => {
		const list: ImportImageTask[] = [realActive];
		assert.equal(normaliseTasks(list).length, 1);
	});
});

describe('createTaskCollector', () => {
	const list: (ApiImportImageTask | null)[] = [
		{ImportTaskId: 'import-ami-a', Progress: '10'},
		{Status: 'active'},
		null,
		{ImportTaskId: 'import-ami-b', Progress: '20', Tags: [{Key: 'Name', Value: 'web'}]},
		{ImportTaskId: 'import-ami-a', Progress: '30'},
		{Status: 'deleted'},
	];

	it('gives for pages what normaliseTasks gives for the whole list', () => {
		const collector = createTaskCollector();
		collector.add(list.slice(0, 2));
		collector.add(undefined);
		collector.add(list.slice(2, 5));
		collector.add(list.slice(5));
		assert.deepEqual(collector.tasks(), normaliseTasks(list));
	});

	it('keeps the previous object for an unchanged task, and only for one', () => {
		const first = createTaskCollector();
		first.add(list);
		const second = createTaskCollector(first.byId);
		second.add([
			{ImportTaskId: 'import-ami-b', Progress: '20', Tags: [{Key: 'Name', Value: 'web'}]},
			{ImportTaskId: 'import-ami-a', Progress: '31'},
		]);
		const [b, a] = second.tasks();
		assert.equal(b, first.byId.get('import-ami-b'));
		assert.notEqual(a, first.byId.get('import-ami-a'));
		assert.equal(a?.progress, 31);
	});
});
