// Pure: how a cancelled task looks. CancelImportTask moves a task from active to deleting at once
// (the AWS CLI's example answers PreviousState active, State deleting); it is deleted a little later.
// Assumed, as no public output shows it: the cancel reason becomes the status message (none
// without a reason), progress goes as it does for a failed task, and everything else stays as it
// was at the moment of the cancel.

import type {ApiSnapshotTask, ApiTask} from './api-task.js';

export interface Cancellation {
	/** Simulated ms of the CancelImportTask call. */
	at: number;
	reason?: string;
}

/** How long a cancelled task stays `deleting` (simulated ms); assumed. */
export const cancelDeletingMs = 30_000;

export function cancelledStatus(cancellation: Cancellation, now: number): 'deleting' | 'deleted' {
	return now < cancellation.at + cancelDeletingMs ? 'deleting' : 'deleted';
}

/** When a cancelled task stops being listed: retention counts from its end, as for any task. */
export function cancelledUntil(cancellation: Cancellation, retentionMs: number): number {
	return cancellation.at + cancelDeletingMs + retentionMs;
}

export function cancelledImageTask(task: ApiTask, cancellation: Cancellation, now: number): ApiTask {
	const {Progress: _progress, StatusMessage: _message, ...rest} = task;
	const cancelled: ApiTask = {...rest, Status: cancelledStatus(cancellation, now)};
	if (cancellation.reason !== undefined) cancelled.StatusMessage = cancellation.reason;
	return cancelled;
}

export function cancelledSnapshotTask(task: ApiSnapshotTask, cancellation: Cancellation, now: number): ApiSnapshotTask {
	const {Progress: _progress, StatusMessage: _message, ...detail} = task.SnapshotTaskDetail ?? {};
	const cancelled = {...detail, Status: cancelledStatus(cancellation, now)};
	return {
		...task,
		SnapshotTaskDetail: cancellation.reason === undefined ? cancelled : {...cancelled, StatusMessage: cancellation.reason},
	};
}
