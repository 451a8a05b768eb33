import type {ImportTask} from './import-task.js';
import {type ApiSnapshotDetail, type ApiTag, apiTaskId, normaliseSnapshot, normaliseTags, text, withoutAbsent} from './normalise-task.js';
import {idAlteration} from './sent-id.js';
import {collectTasks, type PageMemo, type TaskCollector} from './task-collector.js';

// The one place where DescribeImportSnapshotTasks output becomes an ImportTask, with the policies of
// normalise-task.ts (redacted and sanitised strings, blank is absent, progress parsed). The input types mirror the
// SDK's ImportSnapshotTask without importing it (a test checks the SDK's type is assignable).
//
// A snapshot task is one disk: its status, message and progress live in SnapshotTaskDetail and become the task's;
// the detail is also its one disk (snapshotDetails[0], no device name), and its encryption is the task's.

export interface ApiSnapshotTaskDetail extends Omit<ApiSnapshotDetail, 'DeviceName'> {
	Encrypted?: boolean | undefined;
	KmsKeyId?: string | undefined;
}

export interface ApiImportSnapshotTask {
	Description?: string | undefined;
	ImportTaskId?: string | undefined;
	SnapshotTaskDetail?: ApiSnapshotTaskDetail | undefined;
	Tags?: ReadonlyArray<ApiTag | null | undefined> | undefined;
}

/** `occurrence`: see ImportTask (set by the collector for a missing or repeated id). */
export function normaliseSnapshotTask(api: ApiImportSnapshotTask, occurrence?: number): ImportTask {
	const detail = api.SnapshotTaskDetail;
	const disk = detail === undefined ? undefined : normaliseSnapshot(detail);
	const importTaskId = text(api.ImportTaskId);
	return withoutAbsent({
		kind: 'snapshot',
		importTaskId,
		idAltered: idAlteration(api.ImportTaskId, importTaskId),
		occurrence,
		status: disk?.status ?? 'unknown',
		statusMessage: disk?.statusMessage,
		progress: disk?.progress,
		progressText: disk?.progressText,
		// As EC2 sent it: the disk's own description stays the disk's (the screen falls back to it: taskName).
		description: text(api.Description),
		encrypted: typeof detail?.Encrypted === 'boolean' ? detail.Encrypted : undefined,
		kmsKeyId: text(detail?.KmsKeyId),
		tags: normaliseTags(api.Tags),
		snapshotDetails: disk === undefined ? [] : [disk],
	});
}

export function createSnapshotCollector(previous: ReadonlyMap<string, ImportTask> = new Map(), previousPages?: PageMemo): TaskCollector<ApiImportSnapshotTask> {
	return collectTasks(normaliseSnapshotTask, apiTaskId, previous, previousPages);
}
