import {sanitize} from '../text/sanitize.js';
import {formatDuration} from './format.js';
import type {JournalEntry} from './history.js';
import {journalLine} from './journal-line.js';

// --on-event CMD: what a hook is given (the journal record on stdin, a few variables) and how its end is said.
// Pure: watch/event-hooks.ts runs the processes. The record is the journal's as written, so a field added to
// the journal reaches hooks unchanged. Task text goes only into stdin and the environment, never into the command.

/** The event as the hook reads it on stdin: one JSON object (the journal's line) and a newline. */
export function hookInput(entry: JournalEntry): string {
	return journalLine(entry);
}

/** The variables a hook gets besides the watcher's own environment; empty where the entry has no value. */
export function hookEnv(entry: JournalEntry): Record<string, string> {
	return {
		EC2_IMPORT_WATCH_EVENT: entry.type,
		EC2_IMPORT_WATCH_TASK_ID: entry.taskId ?? '',
		EC2_IMPORT_WATCH_STATUS: entry.status ?? '',
		EC2_IMPORT_WATCH_KIND: entry.kind ?? '',
	};
}

/** How one hook ended. `ended` is a hook the watcher ended because it was quitting. */
export type HookOutcome =
	| {kind: 'ok'}
	| {kind: 'exit'; code: number; stderr?: string}
	| {kind: 'signal'; signal: string; stderr?: string}
	| {kind: 'timeout'; limitMs: number; stderr?: string}
	| {kind: 'unstarted'; reason: string}
	| {kind: 'ended'};

/** A stderr line kept for a failure line: at most this many characters. */
const stderrLimit = 160;

/** The last non-blank line of what a hook wrote to stderr, sanitised to one short line; undefined when none. */
export function lastLine(text: string): string | undefined {
	const line = text
		.split(/\r?\n|\r/)
		.map((part) => part.trim())
		.findLast((part) => part !== '');
	return line === undefined ? undefined : sanitize(line, {maxLength: stderrLimit});
}

/** What went wrong, in a few words: `exit status 7`, `killed after 30s (time limit)`; undefined for a hook that ran well. */
export function hookProblem(outcome: HookOutcome): string | undefined {
	switch (outcome.kind) {
		case 'ok':
		case 'ended':
			return undefined;
		case 'exit':
			return `exit status ${outcome.code}`;
		case 'signal':
			return `ended by ${outcome.signal}`;
		case 'timeout':
			return `killed after ${formatDuration(outcome.limitMs)} (--on-event-timeout)`;
		case 'unstarted':
			return `could not start (${outcome.reason})`;
		default: {
			const unreachable: never = outcome;
			return unreachable;
		}
	}
}

function stderrOf(outcome: HookOutcome): string | undefined {
	return 'stderr' in outcome ? outcome.stderr : undefined;
}

/** What failed and why: `exit status 7 for import-ami-1 status: curl: (6) …`; undefined for a hook that ran well. */
export function hookFailure(outcome: HookOutcome, entry: JournalEntry): string | undefined {
	const problem = hookProblem(outcome);
	if (problem === undefined) return undefined;
	const stderr = stderrOf(outcome);
	return `${problem} for ${entry.taskId ?? 'a task without id'} ${entry.type}${stderr === undefined ? '' : `: ${stderr}`}`;
}

/** One line for the notice line or a plain line, naming the flag: `--on-event failed: exit status 7 for …`. */
export function hookFailureLine(failure: string): string {
	return `--on-event failed: ${failure}`;
}

/** What the hooks did over the whole watch. */
export interface HookStats {
	/** Hooks started. */
	ran: number;
	/** Exited non-zero, ended by a signal, or could not start. */
	failed: number;
	timedOut: number;
	/** Events not run because the queue was full. */
	dropped: number;
	/** Still running when the watcher quit, and ended. */
	ended: number;
	/** Still waiting when the watcher quit. */
	unrun: number;
	/** The last failure, as hookFailure says it. */
	lastFailure?: string;
}

export const noHookStats: HookStats = {ran: 0, failed: 0, timedOut: 0, dropped: 0, ended: 0, unrun: 0};

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The summary's line about hooks, when anything went wrong; undefined when every hook ran well (or none ran). */
export function hookSummary(stats: HookStats): string | undefined {
	const parts = [
		stats.failed > 0 ? `${count(stats.failed, 'failed', 'failed')}` : '',
		stats.timedOut > 0 ? `${count(stats.timedOut, 'killed at its time limit', 'killed at their time limit')}` : '',
		stats.dropped > 0 ? `${count(stats.dropped, 'event')} dropped (queue full)` : '',
		stats.ended > 0 ? `${count(stats.ended, 'still running', 'still running')} ended at exit` : '',
		stats.unrun > 0 ? `${count(stats.unrun, 'event')} still waiting not run` : '',
	].filter((part) => part !== '');
	if (parts.length === 0) return undefined;
	const last = stats.lastFailure === undefined ? '' : ` (last: ${stats.lastFailure})`;
	return `--on-event ran ${count(stats.ran, 'time')}: ${parts.join(', ')}${last}`;
}

/** The notice when events start being dropped: said once per run of drops (the summary counts them). */
export function hookDroppedLine(queueLimit: number): string {
	return `--on-event: ${queueLimit.toLocaleString('en-US')} events already waiting: new events are dropped until there is room (counted at exit)`;
}
