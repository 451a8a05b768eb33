// Task state: which image and snapshot tasks exist at a moment of simulated time, each kind in
// one stable order, and which were cancelled when. Each task gets a sequence number (per kind)
// when it is created; lists are newest first (as EC2 appears to list them), so a page token can
// name a position in that order (see pagination.ts). Cancellations are the only state requests
// change; they are stamped with simulated time, so the same seed + clock + requests give the
// same answers.

import type {ApiSnapshotTask, ApiTask} from './api-task.js';
import {type Cancellation, cancelledImageTask, cancelledSnapshotTask, cancelledUntil} from './cancellation.js';
import {generateSpec, typicalImportMs} from './generate.js';
import {generateSnapshotSpec, snapshotLifetime} from './generate-snapshot.js';
import {durationOf, retentionMs, type TaskSpec, taskAt} from './lifecycle.js';
import {type Random, stream} from './random.js';
import type {ScenarioFile} from './scenarios.js';
import {type SnapshotSpec, snapshotTaskAt} from './snapshot-lifecycle.js';

export interface Entry<T = ApiTask> {
	/** Creation order within its kind: larger is newer. Never reused. */
	seq: number;
	task: T;
}

export interface TaskStore {
	/** Every image task listed at simulated time `now`, newest first. */
	list(now: number): Entry<ApiTask>[];
	/** Every snapshot task listed at simulated time `now`, newest first. */
	snapshots(now: number): Entry<ApiSnapshotTask>[];
	/** Records a cancel; the caller has checked that the task is active (see cancel.ts). */
	cancel(id: string, cancellation: Cancellation): void;
}

/** The status of a listed task, image or snapshot; `null` when no task has that id at `now`. */
export function statusOf(store: TaskStore, id: string, now: number): string | undefined | null {
	const image = store.list(now).find((entry) => entry.task.ImportTaskId === id);
	if (image !== undefined) return image.task.Status;
	const snapshot = store.snapshots(now).find((entry) => entry.task.ImportTaskId === id);
	return snapshot === undefined ? null : snapshot.task.SnapshotTaskDetail?.Status;
}

function newestFirst<T>(entries: Entry<T>[]): Entry<T>[] {
	return entries.sort((a, b) => b.seq - a.seq);
}

/** Tasks served exactly as given, in the file's order (the first is treated as the newest), until cancelled. */
export function staticStore(scenario: ScenarioFile): TaskStore {
	const cancels = new Map<string, Cancellation>();
	const numbered = <T>(tasks: readonly T[]) => tasks.map((task, index) => ({seq: tasks.length - index, task}));
	const images = numbered(scenario.tasks);
	const snapshots = numbered(scenario.snapshotTasks ?? []);
	function overlay<T extends {ImportTaskId: string}>(entries: Entry<T>[], now: number, cancelled: (task: T, c: Cancellation, now: number) => T): Entry<T>[] {
		return entries.map((entry) => {
			const cancellation = cancels.get(entry.task.ImportTaskId);
			return cancellation === undefined ? entry : {seq: entry.seq, task: cancelled(entry.task, cancellation, now)};
		});
	}
	return {
		list: (now) => overlay(images, now, cancelledImageTask),
		snapshots: (now) => overlay(snapshots, now, cancelledSnapshotTask),
		cancel(id, cancellation) {
			cancels.set(id, cancellation);
		},
	};
}

/** One kind of generated task: how to make, age and show it. */
interface Kind<S extends {id: string; createdAt: number}, T> {
	/** Names the PRNG streams; the image kind keeps the unprefixed names it always had. */
	prefix: string;
	count: number;
	meanGapMs: number;
	generate(random: Random, createdAt: number): S;
	lifetime(spec: S): number;
	taskAt(spec: S, now: number): T | undefined;
	cancelled(task: T, cancellation: Cancellation, now: number): T;
}

const day = 24 * 60 * 60 * 1000;

/**
 * A seeded population at simulated time 0, at various points of their lives (some finished days
 * ago, most under way), plus new imports arriving at seeded moments after that.
 * Assumes the clock does not run backwards: tasks past retention are dropped for good.
 */
function population<S extends {id: string; createdAt: number}, T>(
	seed: number,
	arrivals: boolean,
	kind: Kind<S, T>,
	cancels: ReadonlyMap<string, Cancellation>,
): (now: number) => Entry<T>[] {
	const specRandom = stream(seed, `${kind.prefix}tasks`);
	const arrivalRandom = stream(seed, `${kind.prefix}arrivals`);
	const ageRandom = stream(seed, `${kind.prefix}ages`);
	let specs: {seq: number; spec: S}[] = [];
	let nextSeq = 1;
	const gap = () => Math.max(1000, Math.round(-Math.log(1 - arrivalRandom()) * kind.meanGapMs));
	let nextArrival = gap();

	// Stratified over "how far along": about 60% under way (spread over their lives), the rest
	// finished up to five days ago, so even a handful of tasks shows every kind of row.
	const initial = Array.from({length: kind.count}, (_, index) => {
		const spec = kind.generate(specRandom, 0);
		const lifetime = kind.lifetime(spec);
		const position = (index + ageRandom()) / kind.count;
		const age = position < 0.6 ? (position / 0.6) * lifetime : lifetime + ((position - 0.6) / 0.4) * 5 * day;
		return {...spec, createdAt: -Math.round(age)};
	});
	for (const spec of initial.sort((a, b) => a.createdAt - b.createdAt)) {
		specs.push({seq: nextSeq++, spec});
	}

	const listedUntil = (spec: S): number => {
		const cancellation = cancels.get(spec.id);
		return cancellation === undefined ? spec.createdAt + kind.lifetime(spec) + retentionMs : cancelledUntil(cancellation, retentionMs);
	};

	return (now) => {
		while (arrivals && nextArrival <= now) {
			specs.push({seq: nextSeq++, spec: kind.generate(specRandom, nextArrival)});
			nextArrival += gap();
		}
		specs = specs.filter(({spec}) => listedUntil(spec) > now);
		const entries: Entry<T>[] = [];
		for (const {seq, spec} of specs) {
			const cancellation = cancels.get(spec.id);
			// A cancelled task shows what it had at the cancel, then the cancel's own changes.
			const natural = kind.taskAt(spec, cancellation === undefined ? now : Math.min(now, cancellation.at));
			if (natural === undefined) continue;
			entries.push({seq, task: cancellation === undefined || now < cancellation.at ? natural : kind.cancelled(natural, cancellation, now)});
		}
		return newestFirst(entries);
	};
}

export interface GeneratedStoreOptions {
	seed: number;
	tasks: number;
	/** Default none. */
	snapshotTasks?: number;
	arrivals: boolean;
}

export function generatedStore(options: GeneratedStoreOptions): TaskStore {
	const cancels = new Map<string, Cancellation>();
	const images = population<TaskSpec, ApiTask>(
		options.seed,
		options.arrivals,
		{
			prefix: '',
			count: options.tasks,
			// A few overlap with any one import.
			meanGapMs: typicalImportMs / 2,
			generate: generateSpec,
			lifetime: (spec) => durationOf(spec) + (spec.failure?.deletingMs ?? 0),
			taskAt,
			cancelled: cancelledImageTask,
		},
		cancels,
	);
	const snapshots = population<SnapshotSpec, ApiSnapshotTask>(
		options.seed,
		options.arrivals,
		{
			prefix: 'snapshot-',
			count: options.snapshotTasks ?? 0,
			// Data disks come along with some of the VMs: fewer than image imports.
			meanGapMs: typicalImportMs * 1.5,
			generate: generateSnapshotSpec,
			lifetime: snapshotLifetime,
			taskAt: snapshotTaskAt,
			cancelled: cancelledSnapshotTask,
		},
		cancels,
	);
	return {
		list: images,
		snapshots,
		cancel(id, cancellation) {
			cancels.set(id, cancellation);
		},
	};
}
