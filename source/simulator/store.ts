// Task state: which tasks exist at a moment of simulated time, in one stable order.
// Each task gets a sequence number when it is created; lists are newest first (as EC2 appears
// to list them), so a page token can name a position in that order (see pagination.ts).

import type { ApiTask } from './api-task.js';
import { generateSpec, typicalImportMs } from './generate.js';
import { durationOf, finishedAt, retentionMs, type TaskSpec, taskAt } from './lifecycle.js';
import { stream } from './random.js';

export interface Entry {
	/** Creation order: larger is newer. Never reused. */
	seq: number;
	task: ApiTask;
}

export interface TaskStore {
	/** Every task listed at simulated time `now`, newest first. */
	list(now: number): Entry[];
}

/** Tasks served exactly as given, in the file's order (the first is treated as the newest). */
export function staticStore(tasks: readonly ApiTask[]): TaskStore {
	const entries = tasks.map((task, index) => ({ seq: tasks.length - index, task }));
	return { list: () => entries };
}

const day = 24 * 60 * 60 * 1000;
/** Mean gap between new imports: a few overlap with any one import. */
const meanArrivalGapMs = typicalImportMs / 2;

export interface GeneratedStoreOptions {
	seed: number;
	tasks: number;
	arrivals: boolean;
}

/**
 * A seeded population at simulated time 0, at various points of their lives (some finished days
 * ago, most under way), plus new imports arriving at seeded moments after that.
 * Assumes the clock does not run backwards: tasks past retention are dropped for good.
 */
export function generatedStore(options: GeneratedStoreOptions): TaskStore {
	const specRandom = stream(options.seed, 'tasks');
	const arrivalRandom = stream(options.seed, 'arrivals');
	const ageRandom = stream(options.seed, 'ages');
	let specs: { seq: number; spec: TaskSpec }[] = [];
	let nextSeq = 1;
	let nextArrival = gap();

	function gap(): number {
		return Math.max(1000, Math.round(-Math.log(1 - arrivalRandom()) * meanArrivalGapMs));
	}

	// Stratified over "how far along": about 60% under way (spread over their lives), the rest
	// finished up to five days ago, so even a handful of tasks shows every kind of row.
	const initial = Array.from({ length: options.tasks }, (_, index) => {
		const spec = generateSpec(specRandom, 0);
		const lifetime = durationOf(spec) + (spec.failure?.deletingMs ?? 0);
		const position = (index + ageRandom()) / options.tasks;
		const age = position < 0.6 ? (position / 0.6) * lifetime : lifetime + ((position - 0.6) / 0.4) * 5 * day;
		return { ...spec, createdAt: -Math.round(age) };
	});
	for (const spec of initial.sort((a, b) => a.createdAt - b.createdAt)) {
		specs.push({ seq: nextSeq++, spec });
	}

	function advance(now: number): void {
		while (options.arrivals && nextArrival <= now) {
			specs.push({ seq: nextSeq++, spec: generateSpec(specRandom, nextArrival) });
			nextArrival += gap();
		}
		specs = specs.filter(({ spec }) => finishedAt(spec) + retentionMs > now);
	}

	return {
		list(now) {
			advance(now);
			const entries: Entry[] = [];
			for (const { seq, spec } of specs) {
				const task = taskAt(spec, now);
				if (task !== undefined) entries.push({ seq, task });
			}
			return entries.sort((a, b) => b.seq - a.seq);
		},
	};
}
