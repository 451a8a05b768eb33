import {redactUrl, redactUrlsInText} from '../text/redact-url.js';
import {sanitize} from '../text/sanitize.js';
import type {ImportTask, SnapshotDetail, Tag} from './import-task.js';
import {idAlteration} from './sent-id.js';
import {collectTasks, type PageMemo, type TaskCollector} from './task-collector.js';

// The one place where DescribeImportImageTasks output becomes an ImportTask. The input types mirror the
// SDK's output shape without importing it (the SDK's ImportImageTask is assignable to ApiImportImageTask;
// a test checks that), and every field is optional, as in the SDK.
//
// Policies:
// - Every string is redacted (URLs lose their query; X-Amz-* values go) and then sanitised, ids included.
//   Url is redacted as a URL, the rest as free text. Leading and trailing white space is trimmed.
// - An empty or blank string is absent: EC2 sends SnapshotId "" while converting and ImageId "" on
//   deleted tasks, and the screen should show "not known" rather than an empty cell.
// - Progress "  28 " is 28; a sign or a trailing % is accepted; anything else is undefined; the result is
//   clamped to 0–100. progressText keeps the (sanitised, trimmed) text as sent.
// - A task without an ImportTaskId has none (no id is made up); it gets an `occurrence` (1, 2, … among the
//   tasks without one) so that it keeps a key of its own while the list keeps its order.
// - A task without a Status has status "unknown". A tag without a key is dropped; a missing value is "".
// - Two tasks with one id are both kept, in the order sent; the second gets `occurrence` 2 (the third 3 …).

export interface ApiUserBucket {
	S3Bucket?: string | undefined;
	S3Key?: string | undefined;
}

export interface ApiSnapshotDetail {
	Description?: string | undefined;
	DeviceName?: string | undefined;
	DiskImageSize?: number | undefined;
	Format?: string | undefined;
	Progress?: string | undefined;
	SnapshotId?: string | undefined;
	Status?: string | undefined;
	StatusMessage?: string | undefined;
	Url?: string | undefined;
	UserBucket?: ApiUserBucket | undefined;
}

export interface ApiTag {
	Key?: string | undefined;
	Value?: string | undefined;
}

export interface ApiLicenseSpecification {
	LicenseConfigurationArn?: string | undefined;
}

export interface ApiImportImageTask {
	Architecture?: string | undefined;
	Description?: string | undefined;
	Encrypted?: boolean | undefined;
	Hypervisor?: string | undefined;
	ImageId?: string | undefined;
	ImportTaskId?: string | undefined;
	KmsKeyId?: string | undefined;
	LicenseType?: string | undefined;
	Platform?: string | undefined;
	Progress?: string | undefined;
	SnapshotDetails?: ReadonlyArray<ApiSnapshotDetail | null | undefined> | undefined;
	Status?: string | undefined;
	StatusMessage?: string | undefined;
	Tags?: ReadonlyArray<ApiTag | null | undefined> | undefined;
	LicenseSpecifications?: ReadonlyArray<ApiLicenseSpecification | null | undefined> | undefined;
	UsageOperation?: string | undefined;
	BootMode?: string | undefined;
}

// Both redactions only touch a scheme://… URL or a name=value parameter, so a string with neither is left as
// it is; skipping their regular expressions halves the cost of normalising a typical task.
function mayNeedRedaction(value: string): boolean {
	return value.includes('=') || value.includes('://');
}

function cleaned(value: unknown, redact: (raw: string) => string): string | undefined {
	if (typeof value !== 'string') return undefined;
	const shown = sanitize(mayNeedRedaction(value) ? redact(value) : value).trim();
	return shown === '' ? undefined : shown;
}

/** Any string field but Url. */
export function text(value: unknown): string | undefined {
	return cleaned(value, redactUrlsInText);
}

function url(value: unknown): string | undefined {
	return cleaned(value, redactUrl);
}

const percentPattern = /^[+-]?\d{1,12}(?:\.\d{1,12})?\s?%?$/;

export function parseProgress(shown: string | undefined): number | undefined {
	if (shown === undefined || !percentPattern.test(shown)) return undefined;
	return Math.min(100, Math.max(0, Number.parseFloat(shown.replace('%', ''))));
}

function bytes(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

// Absent fields are left out rather than set to undefined, so that tasks compare equal to ones built by hand.
// Copied rather than deleted in place: a deletion turns an object into a slow, larger dictionary-mode one.
export function withoutAbsent<T extends object>(value: T): T {
	const kept: Partial<T> = {};
	for (const key in value) if (value[key] !== undefined) kept[key] = value[key];
	return kept as T;
}

export function present<T>(value: T | null | undefined): value is T {
	return value !== null && value !== undefined;
}

export function normaliseSnapshot(api: ApiSnapshotDetail): SnapshotDetail {
	const progressText = text(api.Progress);
	return withoutAbsent({
		description: text(api.Description),
		deviceName: text(api.DeviceName),
		diskImageSize: bytes(api.DiskImageSize),
		format: text(api.Format),
		progress: parseProgress(progressText),
		progressText,
		snapshotId: text(api.SnapshotId),
		status: text(api.Status),
		statusMessage: text(api.StatusMessage),
		url: url(api.Url),
		s3Bucket: text(api.UserBucket?.S3Bucket),
		s3Key: text(api.UserBucket?.S3Key),
	});
}

export function normaliseTags(tags: ApiImportImageTask['Tags']): Tag[] {
	return (tags ?? []).filter(present).flatMap((tag) => {
		const key = text(tag.Key);
		return key === undefined ? [] : [{key, value: text(tag.Value) ?? ''}];
	});
}

/** The id a raw task (image or snapshot) was sent with, as it will be shown; undefined when EC2 sent none. */
export function apiTaskId(api: {ImportTaskId?: string | undefined}): string | undefined {
	return text(api.ImportTaskId);
}

/** `occurrence`: see ImportTask (set by the collector for a missing or repeated id). */
export function normaliseTask(api: ApiImportImageTask, occurrence?: number): ImportTask {
	const progressText = text(api.Progress);
	const importTaskId = text(api.ImportTaskId);
	return withoutAbsent({
		kind: 'image',
		importTaskId,
		idAltered: idAlteration(api.ImportTaskId, importTaskId),
		occurrence,
		status: text(api.Status) ?? 'unknown',
		statusMessage: text(api.StatusMessage),
		progress: parseProgress(progressText),
		progressText,
		description: text(api.Description),
		architecture: text(api.Architecture),
		platform: text(api.Platform),
		hypervisor: text(api.Hypervisor),
		licenseType: text(api.LicenseType),
		usageOperation: text(api.UsageOperation),
		bootMode: text(api.BootMode),
		encrypted: typeof api.Encrypted === 'boolean' ? api.Encrypted : undefined,
		kmsKeyId: text(api.KmsKeyId),
		imageId: text(api.ImageId),
		tags: normaliseTags(api.Tags),
		licenseSpecifications: (api.LicenseSpecifications ?? []).flatMap((spec) => text(spec?.LicenseConfigurationArn) ?? []),
		snapshotDetails: (api.SnapshotDetails ?? []).filter(present).map(normaliseSnapshot),
	});
}

/**
 * normaliseTasks one page at a time, so a poll never holds every raw page at once. A task equal to the one in
 * `previous` (the last poll's, by id) is that object, so unchanged tasks are recognised later by identity.
 */
export function createTaskCollector(previous: ReadonlyMap<string, ImportTask> = new Map(), previousPages?: PageMemo): TaskCollector<ApiImportImageTask> {
	return collectTasks(normaliseTask, apiTaskId, previous, previousPages);
}

export function normaliseTasks(list: ReadonlyArray<ApiImportImageTask | null | undefined> | undefined): ImportTask[] {
	const collector = createTaskCollector();
	collector.add(list);
	return collector.tasks();
}
