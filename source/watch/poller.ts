import {allEnded, type ImportTask} from '../model/import-task.js';
import type {Timers} from '../model/clock.js';
import type {FaultKind, PollEvent, PollFault, PollResult} from '../model/poll-events.js';

// The refresh loop: one poll at a time, a one-shot timer re-armed when a poll ends (bubbletea's tick),
// a generation on every poll so a late answer is dropped (gh-dash), backoff on faults (k9s).
// No React, no AWS: the fetch, the clock and the randomness are injected.

export const realTimers: Timers<NodeJS.Timeout> = {
	now: () => Date.now(),
	setTimeout: (fn, ms) => setTimeout(fn, ms),
	clearTimeout: (handle) => clearTimeout(handle),
};

export interface PollerOptions<Handle> {
	/** One poll: the tasks and what the source said besides them (model/task-source.ts pollOf). */
	fetchPoll: (signal: AbortSignal) => Promise<PollResult>;
	/** The base interval between the end of one poll and the start of the next. */
	intervalMs: number;
	timers: Timers<Handle>;
	onEvent: (event: PollEvent) => void;
	classify: (error: unknown) => PollFault;
	/** Per-poll deadline (all pages and SDK retries together). Default: see `defaultDeadlineMs`. */
	deadlineMs?: number;
	/** [0, 1); Math.random by default. Only throttling backoff is jittered. */
	random?: () => number;
	/** True when nothing is moving, so polling may slow down. Default: every task is completed or deleted. */
	isIdle?: (tasks: ImportTask[]) => boolean;
	/** Called on each credentials fault, before the retry is scheduled, so the source can rebuild its provider. */
	onCredentialsFault?: () => void;
}

export type PollerStatus = 'new' | 'running' | 'paused' | 'stopped';

export interface PollerState {
	status: PollerStatus;
	/** A poll is in flight. */
	polling: boolean;
	/** Generation of the latest poll started (0 before the first). */
	generation: number;
	/** When the next poll is due; undefined while polling, paused, stopped or not started. */
	nextPollAt: number | undefined;
	/** The interval used after a successful poll: the base, or the idle slowdown. */
	intervalMs: number;
	/** The last poll found nothing active, so the slower idle interval is in use. */
	idleSlowdown: boolean;
	/** Faults in a row since the last success. */
	consecutiveFaults: number;
	lastFaultKind: FaultKind | undefined;
	/** Until this time a manual poll is refused because EC2 asked us to slow down. */
	throttledUntil: number | undefined;
	deadlineMs: number;
}

export type PollNowResult = 'started' | 'already-polling' | 'throttled' | 'not-running';

/**
 * start() polls at once; stop() is final (aborts the poll in flight, clears every timer, reports nothing more).
 * pollNow() refuses while a poll runs or while a throttling backoff lasts; while paused it polls once and
 * arms nothing. pause() lets a poll in flight finish (its event carries the nextPollAt it would have had,
 * but nothing is armed); resume() polls at once, or when the throttling backoff ends.
 */
export interface Poller {
	start(): void;
	stop(): void;
	pollNow(): PollNowResult;
	pause(): void;
	resume(): void;
	readonly state: PollerState;
}

const second = 1000;
const minute = 60 * second;

/** Backoff numbers, in one place so the tests and the README can quote them. */
export const backoff = {
	throttleCapMs: 5 * minute,
	transientCapMs: minute,
	slowRetryMs: minute,
	idleFactor: 4,
	idleCapMs: minute,
	deadlineFloorMs: 15 * second,
	deadlineCeilingMs: minute,
} as const;

/**
 * Long enough for every page plus the SDK's own retries (≈2 s with 3 attempts) on a slow link,
 * short enough that a hung connection is reported within a minute even with long intervals:
 * clamp(2 × interval, 15 s, 60 s).
 */
export function defaultDeadlineMs(intervalMs: number): number {
	return Math.min(backoff.deadlineCeilingMs, Math.max(backoff.deadlineFloorMs, 2 * intervalMs));
}

/** The interval while idle: 4 × base, capped at 60 s, never below the base. */
export function idleIntervalMs(intervalMs: number): number {
	return Math.max(intervalMs, Math.min(backoff.idleCapMs, backoff.idleFactor * intervalMs));
}

/**
 * Delay before the retry after the `faults`-th fault in a row (1-based). Never faster than the interval.
 * - throttled: full jitter over [interval, min(5 min, interval × 2^faults)]
 * - network, server, timeout: min(max(60 s, interval), interval × 2^faults) — 2×, 4×, 8× … the interval
 * - credentials, permission, request: a slow retry every max(60 s, interval); a human must act
 */
export function retryDelayMs(kind: FaultKind, faults: number, intervalMs: number, random: () => number): number {
	const grown = intervalMs * 2 ** Math.min(faults, 20);
	switch (kind) {
		case 'throttled': {
			const ceiling = Math.max(intervalMs, Math.min(backoff.throttleCapMs, grown));
			return intervalMs + Math.floor(random() * (ceiling - intervalMs));
		}
		case 'network':
		case 'server':
		case 'timeout':
			return Math.max(intervalMs, Math.min(backoff.transientCapMs, grown));
		case 'credentials':
		case 'permission':
		case 'request':
			return Math.max(intervalMs, backoff.slowRetryMs);
		default: {
			const unknownKind: never = kind;
			throw new Error(`unknown fault kind ${String(unknownKind)}`);
		}
	}
}

export function timeoutFault(deadlineMs: number): PollFault {
	return {
		kind: 'timeout',
		message: `EC2 did not answer within ${Math.round(deadlineMs / second)} s; the request was cancelled`,
		hint: 'check the network or the endpoint',
		retryNote: 'the next poll retries',
	};
}

interface InFlight<Handle> {
	generation: number;
	controller: AbortController;
	deadline: Handle | undefined;
}

export function createPoller<Handle>(options: PollerOptions<Handle>): Poller {
	const {fetchPoll, intervalMs, timers, onEvent, classify, onCredentialsFault} = options;
	const random = options.random ?? Math.random;
	const isIdle = options.isIdle ?? allEnded;
	const deadlineMs = options.deadlineMs ?? defaultDeadlineMs(intervalMs);

	let status: PollerStatus = 'new';
	let generation = 0;
	let current: InFlight<Handle> | undefined;
	let timer: {handle: Handle; at: number} | undefined;
	let idleSlowdown = false;
	let consecutiveFaults = 0;
	let lastFaultKind: FaultKind | undefined;
	let throttledUntil: number | undefined;

	const currentInterval = (): number => (idleSlowdown ? idleIntervalMs(intervalMs) : intervalMs);
	const throttled = (): boolean => throttledUntil !== undefined && timers.now() < throttledUntil;

	function clearTimer(): void {
		if (timer) {
			timers.clearTimeout(timer.handle);
			timer = undefined;
		}
	}

	function schedule(at: number): void {
		clearTimer();
		const handle = timers.setTimeout(
			() => {
				timer = undefined;
				poll();
			},
			Math.max(0, at - timers.now()),
		);
		timer = {handle, at};
	}

	// Ends the poll in flight; returns false when `poll` is no longer current (stopped, timed out, superseded).
	function finish(poll: InFlight<Handle>): boolean {
		if (current !== poll) {
			return false;
		}
		current = undefined;
		if (poll.deadline !== undefined) {
			timers.clearTimeout(poll.deadline);
		}
		return true;
	}

	// After a poll ends: re-arm the one-shot timer unless paused or stopped. Returns when the next poll is
	// (or, while paused, would be) due.
	function rearm(delayMs: number): number {
		const at = timers.now() + delayMs;
		if (status === 'running') {
			schedule(at);
		}
		return at;
	}

	function succeed(poll: InFlight<Handle>, result: PollResult): void {
		if (!finish(poll)) {
			return;
		}
		consecutiveFaults = 0;
		lastFaultKind = undefined;
		throttledUntil = undefined;
		idleSlowdown = isIdle(result.tasks);
		const nextPollAt = rearm(currentInterval());
		const idle = idleSlowdown ? {idleIntervalMs: currentInterval()} : {};
		onEvent({type: 'poll-succeeded', at: timers.now(), generation: poll.generation, ...result, nextPollAt, ...idle});
	}

	function fail(poll: InFlight<Handle>, fault: PollFault): void {
		if (!finish(poll)) {
			return;
		}
		consecutiveFaults += 1;
		lastFaultKind = fault.kind;
		// Faults poll at the base interval's pace, whatever the idle slowdown was.
		idleSlowdown = false;
		const delay = retryDelayMs(fault.kind, consecutiveFaults, intervalMs, random);
		throttledUntil = fault.kind === 'throttled' ? timers.now() + delay : undefined;
		if (fault.kind === 'credentials') {
			onCredentialsFault?.();
		}
		const nextPollAt = rearm(delay);
		onEvent({type: 'poll-failed', at: timers.now(), generation: poll.generation, fault, nextPollAt});
	}

	function poll(): void {
		clearTimer();
		generation += 1;
		const controller = new AbortController();
		const inFlight: InFlight<Handle> = {generation, controller, deadline: undefined};
		inFlight.deadline = timers.setTimeout(() => {
			if (current === inFlight) {
				controller.abort(new Error('poll deadline passed'));
				fail(inFlight, timeoutFault(deadlineMs));
			}
		}, deadlineMs);
		current = inFlight;
		onEvent({type: 'poll-started', at: timers.now(), generation});
		let request: Promise<PollResult>;
		try {
			request = fetchPoll(controller.signal);
		} catch (error) {
			request = Promise.reject(error);
		}
		request.then(
			(result) => succeed(inFlight, result),
			(error: unknown) => {
				// An abort we caused (stop, deadline) has already been dealt with: finish() drops it.
				if (current === inFlight) {
					fail(inFlight, classify(error));
				}
			},
		);
	}

	return {
		start() {
			if (status !== 'new') {
				return;
			}
			status = 'running';
			poll();
		},
		stop() {
			if (status === 'stopped') {
				return;
			}
			status = 'stopped';
			clearTimer();
			const poll = current;
			if (poll) {
				finish(poll);
				poll.controller.abort(new Error('poller stopped'));
			}
		},
		pollNow() {
			if (status === 'new' || status === 'stopped') {
				return 'not-running';
			}
			if (current) {
				return 'already-polling';
			}
			if (throttled()) {
				return 'throttled';
			}
			// While paused this is a one-off refresh: it schedules nothing after it.
			poll();
			return 'started';
		},
		pause() {
			if (status !== 'running') {
				return;
			}
			status = 'paused';
			clearTimer();
			onEvent({type: 'paused', at: timers.now()});
		},
		resume() {
			if (status !== 'paused') {
				return;
			}
			status = 'running';
			const now = timers.now();
			if (current) {
				// The poll in flight re-arms the timer when it ends.
				onEvent({type: 'resumed', at: now, nextPollAt: now});
				return;
			}
			if (throttled() && throttledUntil !== undefined) {
				schedule(throttledUntil);
				onEvent({type: 'resumed', at: now, nextPollAt: throttledUntil});
				return;
			}
			onEvent({type: 'resumed', at: now, nextPollAt: now});
			poll();
		},
		get state(): PollerState {
			return {
				status,
				polling: current !== undefined,
				generation,
				nextPollAt: timer?.at,
				intervalMs: currentInterval(),
				idleSlowdown,
				consecutiveFaults,
				lastFaultKind,
				throttledUntil,
				deadlineMs,
			};
		},
	};
}
