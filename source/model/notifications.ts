import {noIdLabel} from './import-task.js';
import type {JournalEntry} from './history.js';

// Which transitions deserve a desktop notification, and how to keep them from becoming noise: one message per
// quiet period, summing up what happened meanwhile. Pure; the clock comes in as arguments.

export type NoticeKind = 'completed' | 'deleted' | 'stuck';

export interface Pending {
	completed: string[];
	deleted: string[];
	stuck: string[];
}

export interface NotifierState {
	pending: Pending;
	lastSentAt?: number;
}

export const notifyQuietMs = 10_000;

export const emptyNotifier = (): NotifierState => ({pending: {completed: [], deleted: [], stuck: []}});

export function noticeKind(entry: JournalEntry): NoticeKind | undefined {
	if (entry.type === 'stuck') return 'stuck';
	if (entry.type === 'status' && entry.to === 'completed') return 'completed';
	if (entry.type === 'status' && entry.to === 'deleted') return 'deleted';
	return undefined;
}

export function collect(state: NotifierState, entries: readonly JournalEntry[]): NotifierState {
	const pending: Pending = {completed: [...state.pending.completed], deleted: [...state.pending.deleted], stuck: [...state.pending.stuck]};
	for (const entry of entries) {
		const kind = noticeKind(entry);
		if (kind !== undefined) pending[kind].push(entry.taskId ?? noIdLabel);
	}
	return {...state, pending};
}

function describe(ids: string[], verb: string): string | undefined {
	if (ids.length === 0) return undefined;
	return ids.length === 1 ? `${ids[0]} ${verb}` : `${ids.length} imports ${verb}`;
}

export function hasPending(state: NotifierState): boolean {
	const {completed, deleted, stuck} = state.pending;
	return completed.length + deleted.length + stuck.length > 0;
}

/** The message to send now, if any is pending and the quiet period is over. */
export function due(state: NotifierState, now: number): {state: NotifierState; message?: {title: string; body: string}} {
	const {completed, deleted, stuck} = state.pending;
	if (!hasPending(state)) return {state};
	if (state.lastSentAt !== undefined && now - state.lastSentAt < notifyQuietMs) return {state};
	const parts = [describe(completed, 'completed'), describe(deleted, 'failed (deleted)'), describe(stuck, 'stuck')].filter((part) => part !== undefined);
	return {state: {pending: emptyNotifier().pending, lastSentAt: now}, message: {title: 'ec2-import-watch', body: parts.join(', ')}};
}
