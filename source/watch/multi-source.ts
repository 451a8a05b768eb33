import type {ImportTask} from '../model/import-task.js';
import type {PairFault, PollFault} from '../model/poll-events.js';
import type {Timers} from '../model/clock.js';
import {mergeNotes, type PollNotes} from '../model/poll-notes.js';
import {pairLabel, type RegionProfile} from '../model/region-profile.js';
import type {TaskCanceller, TaskSource} from '../model/task-source.js';
import {createParts} from './partial-parts.js';

// Several regions and profiles polled as one (partial-parts.ts): every pair is asked concurrently, the tasks are
// merged and tagged with their region and profile, and each pair keeps its own fault, backoff and last good tasks,
// so one failing region never blanks the others. Only when every pair fails does the poll fail as a whole.

/** A region and profile to poll (the one pair type, from the model). */
export type Pair = RegionProfile;

/** What multi-source needs of each pair's source (an Ec2Source has all of it). */
export interface PairSource extends TaskSource, Partial<TaskCanceller> {
	resetCredentials(): void;
	classify(error: unknown): PollFault;
	destroy(): void;
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
	const byLabel = new Map(options.pairs.map((pair) => [pairLabel(pair), pair]));
	const tag = (label: string, tasks: ImportTask[]): ImportTask[] => {
		const pair = byLabel.get(label);
		return pair === undefined ? tasks : tasks.map((task) => ({...task, region: pair.region, ...(pair.profile === undefined ? {} : {profile: pair.profile})}));
	};
	const parts = createParts({
		parts: options.pairs.map((pair) => ({label: pairLabel(pair), source: options.makeSource(pair)})),
		intervalMs: options.intervalMs,
		timers: options.timers,
		...(options.random === undefined ? {} : {random: options.random}),
		tag,
	});
	const states = parts.states;
	const pairOf = (label: string): Pair | undefined => byLabel.get(label);

	return {
		describe: `${states.length} regions/profiles: ${states.map((state) => state.label).join(', ')}`,
		fetchTasks: (signal) => parts.poll(signal),
		resetCredentials() {
			for (const state of states) state.source.resetCredentials();
		},
		// A task is cancelled where it lives: the pair with its region and profile.
		async cancelTask(task, options, signal) {
			const state = states.find(({label}) => pairOf(label)?.region === task.region && pairOf(label)?.profile === task.profile);
			if (state?.source.cancelTask === undefined) throw new Error(`no source for ${task.importTaskId} in ${task.profile ?? ''}/${task.region ?? ''}`);
			return state.source.cancelTask(task, options, signal);
		},
		pollNotes() {
			return mergeNotes(
				states.map((state) => {
					const notes = state.source.pollNotes?.() ?? {disabled: []};
					const left = notes.left?.map((one) => ({...one, task: tag(state.label, [one.task])[0] ?? one.task}));
					return {...notes, disabled: notes.disabled.map((off) => ({...off, label: state.label})), ...(left === undefined ? {} : {left})};
				}),
			);
		},
		partialFaults: () => parts.faults(),
		destroy() {
			for (const state of states) state.source.destroy();
		},
	};
}
