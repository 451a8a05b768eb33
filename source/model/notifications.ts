import {failureBrief} from './failure-explanations.js';
import {eventTaskKey} from './event-log.js';
import {noIdLabel} from './import-task.js';
import type {JournalEntry} from './history.js';

// Which transitions deserve a desktop notification, and how to keep them from becoming noise: one message per
// quiet period, summing up what happened meanwhile. Pure; the clock comes in as arguments.

export type NoticeKind = 'completed' | 'failed' | 'deleted' | 'stuck';

export interface Pending {
	completed: string[];
	/** Each as `id failed: the cause in a few words`. */
	failed: string[];
	/** Deleted without a failure: cancelled. */
	deleted: string[];
	stuck: string[];
}

export interface NotifierState {
	pending: Pending;
	lastSentAt?: number;
	/** Tasks whose failure was said (when it showed): their later deleting → deleted is not said again. */
	failedKeys?: readonly string[];
}

export const notifyQuietMs = 10_000;

export const emptyNotifier = (): NotifierState => ({pending: {completed: [], failed: [], deleted: [], stuck: []}});

/** A failure is said when it shows (the entry that carries its explanation), an end without one when it is deleted. */
export function noticeKind(entry: JournalEntry): NoticeKind | undefined {
	if (entry.type === 'stuck') return 'stuck';
	if ((entry.type === 'status' || entry.type === 'message') && entry.explanation !== undefined) return 'failed';
	if (entry.type === 'status' && entry.to === 'completed') return 'completed';
	if (entry.type === 'status' && entry.to === 'deleted') return 'deleted';
	return undefined;
}

const failedKeysLimit = 1000;

export function collect(state: NotifierState, entries: readonly JournalEntry[]): NotifierState {
	const {completed, failed, deleted, stuck} = state.pending;
	const pending: Pending = {completed: [...completed], failed: [...failed], deleted: [...deleted], stuck: [...stuck]};
	let failedKeys = state.failedKeys ?? [];
	for (const entry of entries) {
		const kind = noticeKind(entry);
		const id = entry.taskId ?? noIdLabel;
		const key = eventTaskKey(entry);
		if (kind === 'failed' && entry.explanation !== undefined) {
			pending.failed.push(`${id} failed: ${failureBrief(entry.explanation)}`);
			failedKeys = [...failedKeys.filter((known) => known !== key), key].slice(-failedKeysLimit);
		} else if (kind === 'deleted' && failedKeys.includes(key)) {
			failedKeys = failedKeys.filter((known) => known !== key);
		} else if (kind !== undefined) {
			pending[kind].push(id);
		}
	}
	return {...state, pending, failedKeys};
}

function describe(ids: string[], verb: string): string | undefined {
	if (ids.length === 0) return undefined;
	return ids.length === 1 ? `${ids[0]} ${verb}` : `${ids.length} imports ${verb}`;
}

export function hasPending(state: NotifierState): boolean {
	const {completed, failed, deleted, stuck} = state.pending;
	return completed.length + failed.length + deleted.length + stuck.length > 0;
}

function describeFailed(failed: string[]): string | undefined {
	if (failed.length === 0) return undefined;
	return failed.length === 1 ? failed[0] : `${failed.length} imports failed`;
}

/** The message to send now, if any is pending and the quiet period is over. */
export function due(state: NotifierState, now: number): {state: NotifierState; message?: {title: string; body: string}} {
	const {completed, failed, deleted, stuck} = state.pending;
	if (!hasPending(state)) return {state};
	if (state.lastSentAt !== undefined && now - state.lastSentAt < notifyQuietMs) return {state};
	const parts = [describe(completed, 'completed'), describeFailed(failed), describe(deleted, 'deleted'), describe(stuck, 'stuck')].filter(
		(part) => part !== undefined,
	);
	return {state: {...state, pending: emptyNotifier().pending, lastSentAt: now}, message: {title: 'ec2-import-watch', body: parts.join(', ')}};
}
