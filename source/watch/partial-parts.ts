import type {ImportTask} from '../model/import-task.js';
import type {Timers} from '../model/clock.js';
import {faultSince, type PairFault, type PollFault} from '../model/poll-events.js';
import {retryDelayMs} from './poller.js';

// Parts polled as one, each on its own: every part due is asked concurrently, and each keeps its own fault, backoff
// and last good tasks, so one failing part never blanks or freezes the others. Only when every part fails does the
// poll fail as a whole. The parts are regions and profiles (multi-source.ts) and, within one of them,
// the two Describe calls (ec2-source.ts); a part may itself report faults of its own parts (said as "outer inner").

/** What a part needs: its tasks, and how to read and recover from its faults. */
export interface PartSource {
	fetchTasks(signal: AbortSignal): Promise<ImportTask[]>;
	classify(error: unknown): PollFault;
	resetCredentials?(): void;
	partialFaults?(): PairFault[];
}

export interface PartState<Source extends PartSource> {
	label: string;
	source: Source;
	tasks?: ImportTask[];
	fault?: PairFault;
	lastError?: unknown;
	faults: number;
}

export interface Parts<Source extends PartSource> {
	/** Polls every part that is due; its tasks, or the first error when no part has anything to show. */
	poll(signal: AbortSignal): Promise<ImportTask[]>;
	/** The parts failing now, and the failing parts of parts that answered. */
	faults(): PairFault[];
	/** Stops asking this part (and forgets its tasks and fault). */
	retire(state: PartState<Source>): void;
	readonly states: readonly PartState<Source>[];
}

export function createParts<Source extends PartSource, Handle>(options: {
	parts: ReadonlyArray<{label: string; source: Source}>;
	intervalMs: number;
	timers: Timers<Handle>;
	random?: () => number;
	/** What a part's tasks become (tagged with their region and profile, say). */
	tag?: (label: string, tasks: ImportTask[]) => ImportTask[];
}): Parts<Source> {
	const random = options.random ?? Math.random;
	let states: PartState<Source>[] = options.parts.map(({label, source}) => ({label, source, faults: 0}));

	async function poll(state: PartState<Source>, signal: AbortSignal): Promise<void> {
		try {
			const tasks = await state.source.fetchTasks(signal);
			state.tasks = options.tag === undefined ? tasks : options.tag(state.label, tasks);
			state.fault = undefined;
			state.lastError = undefined;
			state.faults = 0;
		} catch (error) {
			if (signal.aborted) throw error;
			state.lastError = error;
			const fault = state.source.classify(error);
			if (fault.kind === 'credentials') state.source.resetCredentials?.();
			state.faults += 1;
			const now = options.timers.now();
			const since = faultSince(state.fault === undefined ? undefined : {kind: state.fault.fault.kind, since: state.fault.since}, fault.kind, now);
			state.fault = {label: state.label, fault, since, retryAt: now + retryDelayMs(fault.kind, state.faults, options.intervalMs, random)};
		}
	}

	return {
		get states() {
			return states;
		},
		async poll(signal) {
			const now = options.timers.now();
			// A part waits out its own backoff only while another part is fine; when all fail, the poller's backoff
			// (of the poll as a whole) is the one that counts, and every part is asked again.
			const due = states.some((state) => state.fault === undefined)
				? states.filter((state) => state.fault === undefined || state.fault.retryAt <= now)
				: states;
			await Promise.all(due.map((state) => poll(state, signal)));
			// No part fine: the poll as a whole failed (the poller says so, and backs off); the last good tasks stay
			// where the poller keeps them.
			const failing = states.find((state) => state.lastError !== undefined);
			if (failing !== undefined && states.every((state) => state.fault !== undefined)) throw failing.lastError;
			return states.flatMap((state) => state.tasks ?? []);
		},
		faults() {
			return states.flatMap((state) =>
				state.fault === undefined ? (state.source.partialFaults?.() ?? []).map((inner) => ({...inner, label: `${state.label} ${inner.label}`})) : [state.fault],
			);
		},
		retire(retired) {
			states = states.filter((state) => state !== retired);
		},
	};
}
