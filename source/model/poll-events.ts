import type {PriorHistory} from './history-restore.js';
import type {ImportTask} from './import-task.js';
import type {PollNotes} from './poll-notes.js';

// What the poller tells the rest of the app. The poller (watch/) emits these; the watch session folds them into
// the data (model/watch-data.ts). Times are epoch milliseconds from the injected clock.

export type FaultKind =
	| 'throttled' // RequestLimitExceeded, Throttling: back off
	| 'network' // refused, reset, DNS, socket timeout: the endpoint is unreachable
	| 'credentials' // expired or missing credentials: a human must act (aws sso login …)
	| 'permission' // UnauthorizedOperation: an IAM action is missing
	| 'server' // 5xx, XML that does not parse, an HTML page, a truncated body
	| 'timeout' // our own per-poll deadline passed
	| 'request'; // any other 4xx: our request was refused (bad filter, unknown id …)

export interface PollFault {
	kind: FaultKind;
	/** One line, already sanitised, fit to show. */
	message: string;
	/** What the operator can do about it, if anything. */
	hint?: string;
	/**
	 * What happens by itself while the watcher runs on ("the next poll retries"): said while watching, left out of
	 * the line printed when the watcher exits on the fault, where it would not be true.
	 */
	retryNote?: string;
	/** The EC2 error code or Node error code, when there is one. */
	code?: string;
	/** For a permission fault: the IAM action that was refused (ec2:…). */
	action?: string;
}

/** When a run of faults began: a fault of the same kind as the one before keeps its start; another kind starts now. */
export function faultSince(previous: {kind: FaultKind; since: number} | undefined, kind: FaultKind, now: number): number {
	return previous?.kind === kind ? previous.since : now;
}

export interface PairFault {
	/** e.g. "eu-west-1" or "prod/eu-west-1". */
	label: string;
	fault: PollFault;
	since: number;
	retryAt: number;
}

/** Everything one good poll learned: the tasks and what the source said besides them. Nobody asks the source again. */
export interface PollResult {
	tasks: ImportTask[];
	/** With several regions or profiles: the ones whose part of this poll failed (their last good tasks are kept). */
	partialFaults?: PairFault[];
	/** What the source says besides the tasks (--max-items cut the list, a kind is not allowed). */
	notes?: PollNotes;
	/** With the first good poll: what the history store knew (read back at start), to pick up from. */
	prior?: PriorHistory;
}

export type PollEvent =
	| {type: 'poll-started'; at: number; generation: number}
	| ({
			type: 'poll-succeeded';
			at: number;
			generation: number;
			nextPollAt: number;
			/** Set while nothing is active and the poller has slowed down: the interval now in use. */
			idleIntervalMs?: number;
	  } & PollResult)
	| {type: 'poll-failed'; at: number; generation: number; fault: PollFault; nextPollAt: number}
	| {type: 'paused'; at: number}
	| {type: 'resumed'; at: number; nextPollAt: number};
