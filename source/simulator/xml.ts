// The EC2 Query protocol, response side: pure functions from API-shaped data to XML text.
//
// Escaping (decided deliberately; tests check what the real SDK and the AWS CLI read back):
// - & < > " ' become entities, so any text is safe in element content.
// - CR becomes `&#13;`: a raw CR would be normalised to LF by XML parsers (the CLI's expat does).
// - TAB and LF pass through: XML keeps them in element content.
// - Characters XML 1.0 cannot carry at all, even as a character reference (C0 controls other than
//   TAB/LF/CR, so also ESC; U+FFFE, U+FFFF; lone surrogates), become U+FFFD. Real EC2 would not
//   hold them in the first place (it only ever stores text it received as valid XML/JSON/UTF-8),
//   so they can only come from a scenario file; a visible replacement beats a body no client parses.
// - Everything else (C1 controls such as U+009B, bidi overrides, zero-width joiners, astral
//   characters, long strings) is sent as is, UTF-8 encoded: XML 1.0 allows it, and the consumer
//   (the watcher) is the one that must sanitise before printing to a terminal.

import type {ApiSnapshotDetail, ApiSnapshotTask, ApiSnapshotTaskDetail, ApiTag, ApiTask, ApiUserBucket} from './api-task.js';

export const ec2Namespace = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const declaration = '<?xml version="1.0" encoding="UTF-8"?>';

const notInXml10 = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/gu;
const entities: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;',
	'\r': '&#13;',
};

export function escapeXml(text: string): string {
	return text.replace(notInXml10, '\uFFFD').replace(/[&<>"'\r]/g, (char) => entities[char] ?? char);
}

/** A double the way EC2 (Java) prints it: integral values keep a `.0` (`705638400.0`). */
export function formatDouble(value: number): string {
	const text = String(value);
	return Number.isInteger(value) && !text.includes('e') ? `${text}.0` : text.replace('e+', 'E').replace('e-', 'E-');
}

class Writer {
	private readonly lines: string[] = [];
	private depth = 0;

	open(name: string, attributes = ''): void {
		this.line(`<${name}${attributes}>`);
		this.depth++;
	}

	close(name: string): void {
		this.depth--;
		this.line(`</${name}>`);
	}

	/** A leaf; an absent value writes nothing. */
	text(name: string, value: string | undefined): void {
		if (value !== undefined) this.line(`<${name}>${escapeXml(value)}</${name}>`);
	}

	/** `<name><item>…</item>…</name>`, `<name/>` when empty, nothing when absent. */
	list<T>(name: string, items: readonly T[] | undefined, writeItem: (item: T) => void): void {
		if (items === undefined) return;
		if (items.length === 0) {
			this.line(`<${name}/>`);
			return;
		}
		this.open(name);
		for (const item of items) {
			this.open('item');
			writeItem(item);
			this.close('item');
		}
		this.close(name);
	}

	group(name: string, present: boolean, writeChildren: () => void): void {
		if (!present) return;
		this.open(name);
		writeChildren();
		this.close(name);
	}

	toString(): string {
		return `${declaration}\n${this.lines.join('\n')}\n`;
	}

	private line(text: string): void {
		this.lines.push(`${'    '.repeat(this.depth)}${text}`);
	}
}

/**
 * A disk of either kind. Each model shape lists its members in one order (SnapshotDetail:
 * description, deviceName, diskImageSize, format, progress, …; SnapshotTaskDetail: description,
 * diskImageSize, encrypted, format, kmsKeyId, progress, …), and neither has the other's extras, so
 * one merged order serves both.
 */
function writeDisk(xml: Writer, detail: ApiSnapshotDetail & ApiSnapshotTaskDetail): void {
	xml.text('description', detail.Description);
	xml.text('deviceName', detail.DeviceName);
	xml.text('diskImageSize', optionalDouble(detail.DiskImageSize));
	xml.text('encrypted', optionalBoolean(detail.Encrypted));
	xml.text('format', detail.Format);
	xml.text('kmsKeyId', detail.KmsKeyId);
	xml.text('progress', detail.Progress);
	xml.text('snapshotId', detail.SnapshotId);
	xml.text('status', detail.Status);
	xml.text('statusMessage', detail.StatusMessage);
	xml.text('url', detail.Url);
	writeUserBucket(xml, detail.UserBucket);
}

function writeUserBucket(xml: Writer, bucket: ApiUserBucket | undefined): void {
	xml.group('userBucket', bucket !== undefined, () => {
		xml.text('s3Bucket', bucket?.S3Bucket);
		xml.text('s3Key', bucket?.S3Key);
	});
}

function writeTags(xml: Writer, tags: readonly ApiTag[] | undefined): void {
	xml.list('tagSet', tags, (tag) => {
		xml.text('key', tag.Key);
		xml.text('value', tag.Value);
	});
}

const optionalBoolean = (value: boolean | undefined) => (value === undefined ? undefined : String(value));
const optionalDouble = (value: number | undefined) => (value === undefined ? undefined : formatDouble(value));

function writeTask(xml: Writer, task: ApiTask): void {
	xml.text('architecture', task.Architecture);
	xml.text('description', task.Description);
	xml.text('encrypted', optionalBoolean(task.Encrypted));
	xml.text('hypervisor', task.Hypervisor);
	xml.text('imageId', task.ImageId);
	xml.text('importTaskId', task.ImportTaskId);
	xml.text('kmsKeyId', task.KmsKeyId);
	xml.text('licenseType', task.LicenseType);
	xml.text('platform', task.Platform);
	xml.text('progress', task.Progress);
	xml.list('snapshotDetailSet', task.SnapshotDetails, (detail) => writeDisk(xml, detail));
	xml.text('status', task.Status);
	xml.text('statusMessage', task.StatusMessage);
	writeTags(xml, task.Tags);
	xml.list('licenseSpecifications', task.LicenseSpecifications, (license) => {
		xml.text('licenseConfigurationArn', license.LicenseConfigurationArn);
	});
	xml.text('usageOperation', task.UsageOperation);
	xml.text('bootMode', task.BootMode);
}

function writeSnapshotTask(xml: Writer, task: ApiSnapshotTask): void {
	xml.text('description', task.Description);
	xml.text('importTaskId', task.ImportTaskId);
	const detail = task.SnapshotTaskDetail;
	xml.group('snapshotTaskDetail', detail !== undefined, () => {
		if (detail !== undefined) writeDisk(xml, detail);
	});
	writeTags(xml, task.Tags);
}

function describeXml<T>(
	root: string,
	setName: string,
	requestId: string,
	tasks: readonly T[],
	writeItem: (xml: Writer, task: T) => void,
	nextToken?: string,
): string {
	const xml = new Writer();
	xml.open(root, ` xmlns="${ec2Namespace}"`);
	xml.text('requestId', requestId);
	xml.list(setName, tasks, (task) => writeItem(xml, task));
	xml.text('nextToken', nextToken);
	xml.close(root);
	return xml.toString();
}

export function describeResponseXml(requestId: string, tasks: readonly ApiTask[], nextToken?: string): string {
	return describeXml('DescribeImportImageTasksResponse', 'importImageTaskSet', requestId, tasks, writeTask, nextToken);
}

export function describeSnapshotsResponseXml(requestId: string, tasks: readonly ApiSnapshotTask[], nextToken?: string): string {
	return describeXml('DescribeImportSnapshotTasksResponse', 'importSnapshotTaskSet', requestId, tasks, writeSnapshotTask, nextToken);
}

export function cancelResponseXml(requestId: string, result: {importTaskId: string; previousState: string; state: string}): string {
	const xml = new Writer();
	xml.open('CancelImportTaskResponse', ` xmlns="${ec2Namespace}"`);
	xml.text('requestId', requestId);
	xml.text('importTaskId', result.importTaskId);
	xml.text('previousState', result.previousState);
	xml.text('state', result.state);
	xml.close('CancelImportTaskResponse');
	return xml.toString();
}

/** The envelope every EC2 error uses (on one line, as EC2 sends it). */
export function errorXml(code: string, message: string, requestId: string): string {
	return `${declaration}\n<Response><Errors><Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${escapeXml(requestId)}</RequestID></Response>`;
}
