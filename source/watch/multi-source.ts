import type {ImportTask} from '../model/import-task.js';
import {faultSince, type PairFault, type PollFault} from '../model/poll-events.js';
import type {Timers} from '../model/clock.js';
import {mergeNotes, type PollNotes} from '../model/poll-notes.js';
import {pairLabel, type RegionProfile} from '../model/region-profile.js';
import type {TaskCanceller, TaskSource} from '../model/task-source.js';
import {retryDelayMs} from './poller.js';

// Several regions and profiles polled as one: every pair is asked concurrently, the tasks are merged and tagged
// with their region and profile, and each pair keeps its own fault, backoff and last good tasks, so one failing
// region never blanks the others. Only when every pair fails does the poll fail as a whole.

/** A region and profile to poll (the one pair type, from the model). */
export type Pair = RegionProfile;

/** What multi-source needs of each pair's source (an Ec2Source has all of it). */
export interface PairSource extends TaskSource, Partial<TaskCanceller> {
	resetCredentials(): void;
	classify(error: unknown): PollFault;
	destroy(): void;
}

interface PairState {
	pair: Pair;
	label: string;
	source: PairSource;
	tasks?: ImportTask[];
	fault?: PairFault;
	lastError?: unknown;
	faults: number;
}

export interface MultiSource extends TaskSource, TaskCanceller {
	resetCredentials(): void;
	partialFaults(): PairFault[];
	pollNotes(): PollNotes;
	destroy(): void;
	readonly describe: string;
}

export function createMultiSource<Handle>(options: {
	pairs: readonly Pair[];
	makeSource: (pair: Pair) => PairSource;
	intervalMs: number;
	timers: Timers<Handle>;
	random?: () => number;
}): MultiSource {
	const random = options.random ?? Math.random;
	const states: PairState[] = options.pairs.map((pair) => ({pair, label: pairLabel(pair), source: options.makeSource(pair), faults: 0}));

	const tag = (pair: Pair, tasks: ImportTask[]): ImportTask[] =>
		tasks.map((task) => ({...task, region: pair.region, ...(pair.profile === undefined ? {} : {profile: pair.profile})}));

	async function poll(state: PairState, signal: AbortSignal): Promise<void> {
		try {
			state.tasks = tag(state.pair, await state.source.fetchTasks(signal));
			state.fault = undefined;
			state.lastError = undefined;
			state.faults = 0;
		} catch (error) {
			if (signal.aborted) throw error;
			state.lastError = error;
			const fault = state.source.classify(error);
			if (fault.kind === 'credentials') state.source.resetCredentials();
			state.faults += 1;
			const now = options.timers.now();
			const since = faultSince(state.fault === undefined ? undefined : {kind: state.fault.fault.kind, since: state.fault.since}, fault.kind, now);
			state.fault = {label: state.label, fault, since, retryAt: now + retryDelayMs(fault.kind, state.faults, options.intervalMs, random)};
		}
	}

	return {
		describe: `${states.length} regions/profiles: ${states.map((state) => state.label).join(', ')}`,
		async fetchTasks(signal) {
			const now = options.timers.now();
			const due = states.filter((state) => state.fault === undefined || state.fault.retryAt <= now);
			await Promise.all(due.map((state) => poll(state, signal)));
			// Nothing to show from any pair: the poll as a whole failed (and the poller backs off).
			const failing = states.find((state) => state.lastError !== undefined);
			if (failing !== undefined && states.every((state) => state.tasks === undefined)) throw failing.lastError;
			return states.flatMap((state) => state.tasks ?? []);
		},
		resetCredentials() {
			for (const state of states) state.source.resetCredentials();
		},
		// A task is cancelled where it lives: the pair with its region and profile.
		async cancelTask(task, options, signal) {
			const state = states.find(({pair}) => pair.region === task.region && pair.profile === task.profile);
			if (state?.source.cancelTask === undefined) throw new Error(`no source for ${task.importTaskId} in ${task.profile ?? ''}/${task.region ?? ''}`);
			return state.source.cancelTask(task, options, signal);
		},
		pollNotes() {
			return mergeNotes(
				states.map((state) => {
					const notes = state.source.pollNotes?.() ?? {disabled: []};
					return {...notes, disabled: notes.disabled.map((off) => ({...off, label: state.label}))};
				}),
			);
		},
		partialFaults() {
			return states.flatMap((state) => (state.fault === undefined ? [] : [state.fault]));
		},
		destroy() {
			for (const state of states) state.source.destroy();
		},
	};
}
