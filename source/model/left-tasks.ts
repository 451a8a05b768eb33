import {hasEnded, type ImportTask, statusOf} from './import-task.js';

// Tasks that leave the watched list: a failed import under --state active, a task pushed out by --max-items, an id
// EC2 no longer knows. The source looks each one up by its id (or says it could not) before anything is concluded,
// so the journal says what became of it and --until-done never takes "no longer listed" for "completed".

export type LeftHow =
	/** Looked up by its id: `task` is what EC2 says of it now (still followed while it has not ended). */
	| 'found'
	/** EC2 no longer knows the id. */
	| 'unknown'
	/** It had ended when it left (completed and deleted are final): nothing to look up. */
	| 'ended'
	/** The look-up failed this poll: still followed, nothing concluded. */
	| 'pending';

export interface LeftTask {
	/** The task as looked up ('found'), else as last listed. */
	task: ImportTask;
	how: LeftHow;
}

/** What the watch has concluded of the imports that left its list. */
export interface LeftTally {
	/** Ended deleted (a failed or cancelled import). */
	deleted: number;
	/** No longer known to EC2 before it was seen to end. */
	unknown: number;
}

export const noLeftTally: LeftTally = {deleted: 0, unknown: 0};

export function addTally(a: LeftTally, b: LeftTally): LeftTally {
	return b === noLeftTally ? a : {deleted: a.deleted + b.deleted, unknown: a.unknown + b.unknown};
}

/** Adds what a left task (or a watched task that vanished) says of its import. */
export function tallyLeft(tally: LeftTally, how: 'found' | 'unknown' | 'ended', status: string): LeftTally {
	if (how === 'unknown') return hasEnded(status) ? tally : {...tally, unknown: tally.unknown + 1};
	return statusOf(status) === 'deleted' ? {...tally, deleted: tally.deleted + 1} : tally;
}

/**
 * --until-done's exit code, once it can be given: every watched import (listed or followed after it left) has
 * ended. 0 only when every one is known to have completed; 1 when any was deleted or is no longer known to EC2.
 */
export function untilDoneCode(watched: ReadonlyArray<{status: string}>, listed: readonly ImportTask[], tally: LeftTally): number | undefined {
	if (!watched.every((task) => hasEnded(task.status))) return undefined;
	const failed = listed.some((task) => statusOf(task.status) === 'deleted') || tally.deleted > 0 || tally.unknown > 0;
	return failed ? 1 : 0;
}
