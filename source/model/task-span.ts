import {hasFailed} from './failure-explanations.js';
import type {JournalEntry, TaskHistory} from './history.js';
import {hasEnded, type ImportTask, statusOf} from './import-task.js';

// Where a task sits in time, for the timeline: from when the watcher first saw it to when it reached completed or
// deleted (or still open), how it ended, and how far it got. EC2 says nothing of when an import was created: neither
// DescribeImportImageTasks nor DescribeImportSnapshotTasks has a creation time, so first sight is the start.

export type SpanState = 'active' | 'completed' | 'failed' | 'cancelled';

export interface TaskSpan {
	start: number;
	/** When it reached completed or deleted; absent while it runs (deleting and unknown statuses included). */
	end?: number;
	state: SpanState;
	/** Percent, the last EC2 gave (a deleted task's answer has none, so it is the last seen); 100 once completed. */
	progress?: number;
	/** It had already ended when the watcher first saw it: its duration is not known (not 0 s). */
	endedWhenSeen?: true;
}

/** A task on its way out (deleting or deleted) failed or was cancelled by the one rule (failure-explanations.ts). */
export function endedState(status: string, message: string | undefined): SpanState {
	const known = statusOf(status);
	switch (known) {
		case 'completed':
			return 'completed';
		case 'deleting':
		case 'deleted':
			return hasFailed({status, statusMessage: message}) ? 'failed' : 'cancelled';
		case 'active':
		case 'unknown':
			return 'active';
		default: {
			const unreachable: never = known;
			return unreachable;
		}
	}
}

/** The entry that says the task reached the status it ended in (a status change, or its first sight). */
function reachedEnd(entry: JournalEntry): boolean {
	const reached = entry.type === 'status' ? entry.to : entry.type === 'first-seen' || entry.type === 'new' ? entry.status : undefined;
	return reached !== undefined && hasEnded(reached);
}

function lastProgress(task: ImportTask, known: TaskHistory): number | undefined {
	return task.progress ?? known.timeline.findLast((entry) => entry.progress !== undefined)?.progress ?? known.baseline?.progress;
}

/** The task's span, from its history; undefined when the watcher has none for it. */
export function spanOf(task: ImportTask, known: TaskHistory | undefined): TaskSpan | undefined {
	if (known === undefined) return undefined;
	const state = endedState(task.status, task.statusMessage);
	// The end entry may have left the bounded timeline; nothing has changed since it, so the last change is when.
	const end = hasEnded(task.status) ? (known.timeline.findLast(reachedEnd)?.at ?? known.lastChangeAt) : undefined;
	const progress = state === 'completed' ? 100 : lastProgress(task, known);
	const endedWhenSeen = end !== undefined && end <= known.firstSeenAt;
	return {
		start: known.firstSeenAt,
		...(end === undefined ? {} : {end: Math.max(end, known.firstSeenAt)}),
		state,
		...(progress === undefined ? {} : {progress}),
		...(endedWhenSeen ? {endedWhenSeen} : {}),
	};
}
