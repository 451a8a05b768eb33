// Scenario files: `{"tasks": [ … ], "snapshotTasks": [ … ]}` with image and snapshot tasks in the
// API's own shape (PascalCase, as the SDK returns them), served exactly as given (until cancelled). Validated strictly: the first problem is reported with
// where it is (`tasks[2].Progress must be a string`), unknown keys included.

import {readFile} from 'node:fs/promises';
import type {ApiLicenseSpecification, ApiSnapshotDetail, ApiSnapshotTask, ApiSnapshotTaskDetail, ApiTag, ApiTask, ApiUserBucket} from './api-task.js';
import {jsonErrorPosition} from './json-position.js';

export interface ScenarioFile {
	tasks: ApiTask[];
	/** DescribeImportSnapshotTasks' tasks; absent is none. */
	snapshotTasks?: ApiSnapshotTask[];
}

export class ScenarioError extends Error {
	override name = 'ScenarioError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads typed fields of one JSON object and, at `done()`, refuses any key it was not asked for. */
class FieldReader {
	private readonly known = new Set<string>();
	private readonly fields: Record<string, unknown>;

	constructor(
		value: unknown,
		private readonly path: string,
	) {
		if (!isRecord(value)) throw new ScenarioError(`${path} must be an object`);
		this.fields = value;
	}

	private field(key: string): unknown {
		this.known.add(key);
		return this.fields[key];
	}

	private where(key: string): string {
		return this.path === '' ? key : `${this.path}.${key}`;
	}

	string(key: string): string | undefined {
		const value = this.field(key);
		if (value === undefined || typeof value === 'string') return value;
		throw new ScenarioError(`${this.where(key)} must be a string`);
	}

	requiredString(key: string): string {
		const value = this.string(key);
		if (value === undefined) throw new ScenarioError(`${this.where(key)} is required`);
		return value;
	}

	boolean(key: string): boolean | undefined {
		const value = this.field(key);
		if (value === undefined || typeof value === 'boolean') return value;
		throw new ScenarioError(`${this.where(key)} must be true or false`);
	}

	number(key: string): number | undefined {
		const value = this.field(key);
		if (value === undefined || (typeof value === 'number' && Number.isFinite(value))) return value;
		throw new ScenarioError(`${this.where(key)} must be a number`);
	}

	object<T>(key: string, read: (value: unknown, path: string) => T): T | undefined {
		const value = this.field(key);
		return value === undefined ? undefined : read(value, this.where(key));
	}

	list<T>(key: string, read: (value: unknown, path: string) => T): T[] | undefined {
		const value = this.field(key);
		if (value === undefined) return undefined;
		if (!Array.isArray(value)) throw new ScenarioError(`${this.where(key)} must be a list`);
		return value.map((item: unknown, index) => read(item, `${this.where(key)}[${index}]`));
	}

	done(): void {
		const unknown = Object.keys(this.fields).find((key) => !this.known.has(key));
		if (unknown !== undefined) throw new ScenarioError(`${this.where(unknown)} is not a known field`);
	}
}

/** Copies only the defined values, so an absent field stays absent (and is omitted from the XML). */
function defined<T extends object>(fields: T): T {
	for (const key of Object.keys(fields)) {
		if (Reflect.get(fields, key) === undefined) Reflect.deleteProperty(fields, key);
	}
	return fields;
}

function readUserBucket(value: unknown, path: string): ApiUserBucket {
	const read = new FieldReader(value, path);
	const bucket = defined({S3Bucket: read.string('S3Bucket'), S3Key: read.string('S3Key')});
	read.done();
	return bucket;
}

/** The fields both kinds of disk detail have; the caller adds its own and calls `done()`. */
function readDiskFields(read: FieldReader) {
	return {
		Description: read.string('Description'),
		DiskImageSize: read.number('DiskImageSize'),
		Format: read.string('Format'),
		Progress: read.string('Progress'),
		SnapshotId: read.string('SnapshotId'),
		Status: read.string('Status'),
		StatusMessage: read.string('StatusMessage'),
		Url: read.string('Url'),
		UserBucket: read.object('UserBucket', readUserBucket),
	};
}

function readSnapshotDetail(value: unknown, path: string): ApiSnapshotDetail {
	const read = new FieldReader(value, path);
	const detail = defined({...readDiskFields(read), DeviceName: read.string('DeviceName')});
	read.done();
	return detail;
}

function readTag(value: unknown, path: string): ApiTag {
	const read = new FieldReader(value, path);
	const tag = defined({Key: read.string('Key'), Value: read.string('Value')});
	read.done();
	return tag;
}

function readLicense(value: unknown, path: string): ApiLicenseSpecification {
	const read = new FieldReader(value, path);
	const license = defined({LicenseConfigurationArn: read.string('LicenseConfigurationArn')});
	read.done();
	return license;
}

function readTask(value: unknown, path: string): ApiTask {
	const read = new FieldReader(value, path);
	const task = defined({
		ImportTaskId: read.requiredString('ImportTaskId'),
		Architecture: read.string('Architecture'),
		Description: read.string('Description'),
		Encrypted: read.boolean('Encrypted'),
		Hypervisor: read.string('Hypervisor'),
		ImageId: read.string('ImageId'),
		KmsKeyId: read.string('KmsKeyId'),
		LicenseType: read.string('LicenseType'),
		Platform: read.string('Platform'),
		Progress: read.string('Progress'),
		SnapshotDetails: read.list('SnapshotDetails', readSnapshotDetail),
		Status: read.string('Status'),
		StatusMessage: read.string('StatusMessage'),
		Tags: read.list('Tags', readTag),
		LicenseSpecifications: read.list('LicenseSpecifications', readLicense),
		UsageOperation: read.string('UsageOperation'),
		BootMode: read.string('BootMode'),
	});
	read.done();
	return task;
}

function readSnapshotTaskDetail(value: unknown, path: string): ApiSnapshotTaskDetail {
	const read = new FieldReader(value, path);
	const detail = defined({...readDiskFields(read), Encrypted: read.boolean('Encrypted'), KmsKeyId: read.string('KmsKeyId')});
	read.done();
	return detail;
}

function readSnapshotTask(value: unknown, path: string): ApiSnapshotTask {
	const read = new FieldReader(value, path);
	const task = defined({
		ImportTaskId: read.requiredString('ImportTaskId'),
		Description: read.string('Description'),
		SnapshotTaskDetail: read.object('SnapshotTaskDetail', readSnapshotTaskDetail),
		Tags: read.list('Tags', readTag),
	});
	read.done();
	return task;
}

/** Parses and validates a scenario; throws ScenarioError naming the first problem and where. */
export function parseScenario(text: string): ScenarioFile {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (error) {
		// V8 quotes the text near the fault, line breaks and all: escaped, so the error stays one line.
		const reason = (error instanceof Error ? error.message : String(error)).replace(/[\r\n]/g, (end) => (end === '\n' ? '\\n' : '\\r'));
		throw new ScenarioError(`not valid JSON at ${jsonErrorPosition(text)}: ${reason}`);
	}
	const read = new FieldReader(data, '');
	const tasks = read.list('tasks', readTask);
	const snapshotTasks = read.list('snapshotTasks', readSnapshotTask);
	read.done();
	if (tasks === undefined && snapshotTasks === undefined) throw new ScenarioError('tasks is required');
	// Ids are unique across both lists: CancelImportTask takes either kind by id alone.
	const seen = new Map<string, string>();
	const check = (list: readonly {ImportTaskId: string}[], name: string) => {
		list.forEach((task, index) => {
			const where = `${name}[${index}].ImportTaskId`;
			const first = seen.get(task.ImportTaskId);
			if (first !== undefined) throw new ScenarioError(`${where} repeats ${first}`);
			seen.set(task.ImportTaskId, where);
		});
	};
	check(tasks ?? [], 'tasks');
	check(snapshotTasks ?? [], 'snapshotTasks');
	return snapshotTasks === undefined ? {tasks: tasks ?? []} : {tasks: tasks ?? [], snapshotTasks};
}

/** Reads and validates a scenario file; every failure is a one-line ScenarioError. */
export async function loadScenario(path: string): Promise<ScenarioFile> {
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch (error) {
		const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
		throw new ScenarioError(`cannot read ${path} (${reason})`);
	}
	try {
		return parseScenario(text);
	} catch (error) {
		if (error instanceof ScenarioError) throw new ScenarioError(`${path}: ${error.message}`);
		throw error;
	}
}
