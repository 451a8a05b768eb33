import {type Explanation, explainFailure} from './failure-explanations.js';
import {hasEnded, type ImportTask, nameTag, resultId, statusOf, type TaskKind, taskKey, totalDiskBytes} from './import-task.js';
import {type LeftTask, type LeftTally, noLeftTally, tallyLeft} from './left-tasks.js';

// What the watcher has observed of each task over time: when it first saw it, when it last changed, and the
// transitions between polls (the journal). From that come a rate, an ETA and stuck detection — facts no single
// DescribeImportImageTasks answer has.

export type JournalType = 'first-seen' | 'new' | 'status' | 'message' | 'progress' | 'stuck' | 'gone';

export interface JournalEntry {
	at: number;
	type: JournalType;
	/** Absent for a task EC2 sent without an id (the journal writes null; nothing is made up). */
	taskId?: string;
	/** image or snapshot import (absent only in entries built by hand). */
	kind?: TaskKind;
	region?: string;
	profile?: string;
	status?: string;
	from?: string;
	to?: string;
	progress?: number;
	message?: string;
	/** For 'stuck': since when nothing changed. */
	since?: number;
	/** On the entry that shows a task failed (see `withFailure`): why, and what to do. */
	explanation?: Explanation;
	/** For 'first-seen' and 'new': the description (or the Name tag), for the report. */
	description?: string;
	/** For 'first-seen', 'new' and 'status': the disks' total size in bytes, once EC2 has measured it. */
	diskBytes?: number;
	/** For 'status' to completed, and 'first-seen' or 'new' of a task already completed: what the import made (the AMI; for a snapshot import its snapshot). */
	resultId?: string;
	/** Seen after the fact: it happened while no watcher was running, and `at` is when a restart noticed it. */
	late?: boolean;
}

export interface TaskHistory {
	firstSeenAt: number;
	/** Order of first sight (EC2 lists newest first, so within one poll a lower index is newer). */
	firstSeenRank: number;
	/** The first sample with a progress value, for the rate. */
	baseline?: {at: number; progress: number};
	/** The latest sample. */
	latest: {at: number; progress?: number; message?: string; status: string};
	/** When progress, message or status last changed (first sight counts). */
	lastChangeAt: number;
	/** Whether the last poll found it stuck, so a notification fires once per stall. */
	stuck: boolean;
	/** Bounded: the newest transitions of this task, oldest first. */
	timeline: JournalEntry[];
}

export type History = ReadonlyMap<string, TaskHistory>;

/**
 * A task's history, always built here with its fields in one order and every field present (the baseline may be
 * undefined): one shape for the 10,000 entries a poll folds, so the code that reads them stays monomorphic.
 */
export function taskHistory(fields: {
	firstSeenAt: number;
	firstSeenRank: number;
	baseline: TaskHistory['baseline'];
	latest: TaskHistory['latest'];
	lastChangeAt: number;
	stuck: boolean;
	timeline: JournalEntry[];
}): TaskHistory {
	return {
		firstSeenAt: fields.firstSeenAt,
		firstSeenRank: fields.firstSeenRank,
		baseline: fields.baseline,
		latest: fields.latest,
		lastChangeAt: fields.lastChangeAt,
		stuck: fields.stuck,
		timeline: fields.timeline,
	};
}

/** A sample, in one shape (a message the task lacks is undefined). */
export function sampleOf(at: number, status: string, progress: number | undefined, message: string | undefined): TaskHistory['latest'] {
	return {at, progress, message, status};
}

export const timelineLimit = 40;
export const progressMilestones = [25, 50, 75] as const;
/** Before this much history, the rate and ETA are shown as "—". */
export const minimumRateWindowMs = 60_000;

function entry(task: ImportTask, at: number, type: JournalType, extra: Partial<JournalEntry> = {}): JournalEntry {
	return {
		at,
		type,
		...(task.importTaskId === undefined ? {} : {taskId: task.importTaskId}),
		kind: task.kind,
		...(task.region === undefined ? {} : {region: task.region}),
		...(task.profile === undefined ? {} : {profile: task.profile}),
		status: task.status,
		...(task.progress === undefined ? {} : {progress: task.progress}),
		...reportFields(task, type),
		...extra,
	};
}

/**
 * What the report needs that a status line lacks: what the import is (when it starts), its size (when known) and,
 * once completed, what it made (on the status entry to completed, or on the first sight of one already completed).
 */
function reportFields(task: ImportTask, type: JournalType): Partial<JournalEntry> {
	const starts = type === 'first-seen' || type === 'new';
	const description = starts ? (task.description ?? nameTag(task)) : undefined;
	const diskBytes = starts || type === 'status' ? totalDiskBytes(task) : undefined;
	const made = (starts || type === 'status') && statusOf(task.status) === 'completed' ? resultId(task) : undefined;
	return {
		...(description === undefined ? {} : {description}),
		...(diskBytes === undefined ? {} : {diskBytes}),
		...(made === undefined ? {} : {resultId: made}),
	};
}

function crossedMilestone(before: number | undefined, after: number | undefined): number | undefined {
	if (before === undefined || after === undefined || after <= before) return undefined;
	return progressMilestones.findLast((milestone) => before < milestone && after >= milestone);
}

const none: readonly JournalEntry[] = [];

function changes(task: ImportTask, previous: TaskHistory['latest'], at: number): readonly JournalEntry[] {
	// Most tasks, most polls: nothing moved (checked first, without allocating).
	if (previous.status === task.status && previous.message === task.statusMessage && previous.progress === task.progress) return none;
	const found: JournalEntry[] = [];
	const statusChanged = previous.status !== task.status;
	// A message cleared along with a change of status (EC2 clears it on completion) is not news of its own: the
	// status entry says it (`message: ""`), so what reads the journal back knows the message is gone.
	const cleared = statusChanged && (task.statusMessage ?? '') === '' && (previous.message ?? '') !== '';
	if (statusChanged) found.push(entry(task, at, 'status', {from: previous.status, to: task.status, ...(cleared ? {message: ''} : {})}));
	if ((previous.message ?? '') !== (task.statusMessage ?? '') && !cleared) {
		found.push(entry(task, at, 'message', {from: previous.message ?? '', to: task.statusMessage ?? ''}));
	}
	const milestone = crossedMilestone(previous.progress, task.progress);
	if (milestone !== undefined) found.push(entry(task, at, 'progress', {from: `${previous.progress ?? 0}%`, to: `${milestone}%`}));
	return withFailure(found, task, previous);
}

/**
 * One entry per failure carries its explanation: the task's first sight when it had already failed, else the
 * last status or message change of the poll in which it failed (or its failure message changed). Its later
 * entries (deleting → deleted) do not repeat it.
 */
function withFailure(found: JournalEntry[], task: ImportTask, previous: TaskHistory['latest']): JournalEntry[] {
	const explanation = explainFailure(task);
	if (explanation === undefined) return found;
	if (explainFailure({status: previous.status, statusMessage: previous.message}) !== undefined && previous.message === task.statusMessage) return found;
	const last = found.findLastIndex((change) => change.type === 'status' || change.type === 'message');
	return found.map((change, index) => (index === last ? {...change, explanation} : change));
}

/** The first or new entry of a task, with its explanation when it had already failed. */
function firstFailure(task: ImportTask): Partial<JournalEntry> {
	const explanation = explainFailure(task);
	return explanation === undefined ? {} : {explanation};
}

export interface Observation {
	history: History;
	/** Transitions seen in this poll, in task order. */
	entries: JournalEntry[];
	/** What the watch now knows of the imports that left its list in this poll (see left-tasks.ts). */
	tally: LeftTally;
}

/** One more sight of a known task (listed, or looked up after it left the list): its transitions, stall and history. */
function advance(known: TaskHistory, task: ImportTask, at: number, stuckAfterMs: number): {entries: readonly JournalEntry[]; history: TaskHistory} {
	const transitions = changes(task, known.latest, at);
	const changed = transitions.length > 0 || known.latest.progress !== task.progress;
	const lastChangeAt = changed ? at : known.lastChangeAt;
	const stuck = statusOf(task.status) === 'active' && at - lastChangeAt >= stuckAfterMs;
	const found = stuck && !known.stuck ? [...transitions, entry(task, at, 'stuck', {since: lastChangeAt, message: task.statusMessage ?? ''})] : transitions;
	return {
		entries: found,
		history: taskHistory({
			firstSeenAt: known.firstSeenAt,
			firstSeenRank: known.firstSeenRank,
			baseline: known.baseline ?? (task.progress === undefined ? undefined : {at, progress: task.progress}),
			latest: sampleOf(at, task.status, task.progress, task.statusMessage),
			lastChangeAt,
			stuck,
			timeline: found.length === 0 ? known.timeline : [...known.timeline, ...found].slice(-timelineLimit),
		}),
	};
}

/** A task that left the list: its last transitions (as looked up) and whether it is still followed. */
function leave(known: TaskHistory, left: LeftTask, at: number, stuckAfterMs: number): {entries: readonly JournalEntry[]; kept?: TaskHistory} {
	switch (left.how) {
		case 'pending':
			return {entries: none, kept: known};
		case 'ended':
			return {entries: none};
		case 'unknown':
			return {entries: [goneEntry(known, at)]};
		case 'found': {
			const step = advance(known, left.task, at, stuckAfterMs);
			return {entries: step.entries, ...(hasEnded(left.task.status) ? {} : {kept: step.history})};
		}
		default: {
			const unreachable: never = left.how;
			return unreachable;
		}
	}
}

function goneEntry(known: TaskHistory, at: number): JournalEntry {
	const [gone] = known.timeline.slice(-1);
	return {
		at,
		type: 'gone',
		...(gone?.taskId === undefined ? {} : {taskId: gone.taskId}),
		...(gone?.kind === undefined ? {} : {kind: gone.kind}),
		status: known.latest.status,
		...regionOf(gone),
	};
}

/**
 * Folds one successful poll into the history. The first poll only records what exists ('first-seen'); later
 * polls record new tasks, changes, milestones, stalls, and what became of the tasks that left the list: looked up
 * by id (`left`, from the source), a task is followed until it ends; one EC2 no longer knows, or that the source
 * said nothing of, is 'gone'.
 */
export function observe(
	history: History,
	tasks: readonly ImportTask[],
	at: number,
	firstPoll: boolean,
	stuckAfterMs: number,
	left: readonly LeftTask[] = [],
): Observation {
	const next = new Map<string, TaskHistory>();
	const entries: JournalEntry[] = [];
	let rank = history.size;
	for (const task of tasks) {
		const key = taskKey(task);
		const known = history.get(key);
		if (known === undefined) {
			const first = entry(task, at, firstPoll ? 'first-seen' : 'new', {
				...(task.statusMessage === undefined ? {} : {message: task.statusMessage}),
				...firstFailure(task),
			});
			entries.push(first);
			next.set(
				key,
				taskHistory({
					firstSeenAt: at,
					firstSeenRank: rank++,
					baseline: task.progress === undefined ? undefined : {at, progress: task.progress},
					latest: sampleOf(at, task.status, task.progress, task.statusMessage),
					lastChangeAt: at,
					stuck: false,
					timeline: [first],
				}),
			);
			continue;
		}
		const step = advance(known, task, at, stuckAfterMs);
		entries.push(...step.entries);
		next.set(key, step.history);
	}
	const leaving = new Map(left.map((one) => [taskKey(one.task), one]));
	let tally = noLeftTally;
	for (const [key, known] of history) {
		if (next.has(key)) continue;
		const one = leaving.get(key);
		if (one === undefined) {
			entries.push(goneEntry(known, at));
			tally = tallyLeft(tally, 'unknown', known.latest.status);
			continue;
		}
		const outcome = leave(known, one, at, stuckAfterMs);
		entries.push(...outcome.entries);
		if (outcome.kept !== undefined) next.set(key, outcome.kept);
		else if (one.how !== 'pending') tally = tallyLeft(tally, one.how, one.task.status);
	}
	return {history: next, entries, tally};
}

function regionOf(last: JournalEntry | undefined): Partial<JournalEntry> {
	return {...(last?.region === undefined ? {} : {region: last.region}), ...(last?.profile === undefined ? {} : {profile: last.profile})};
}

export interface Pace {
	/** Percent per millisecond, when there is enough history. */
	rate?: number;
	/** Milliseconds to 100 %, when the rate is known. */
	etaMs?: number;
	/** How long nothing has changed, when that is at least the stuck threshold. */
	stuckForMs?: number;
}

/** Rate, ETA and stall of one active task at `now`. */
export function pace(task: ImportTask, known: TaskHistory | undefined, now: number, stuckAfterMs: number): Pace {
	if (known === undefined || statusOf(task.status) !== 'active') return {};
	const still = now - known.lastChangeAt;
	const stuckForMs = still >= stuckAfterMs ? still : undefined;
	const base = known.baseline;
	const progress = task.progress;
	if (base === undefined || progress === undefined || progress <= base.progress || known.latest.at - base.at < minimumRateWindowMs) {
		return stuckForMs === undefined ? {} : {stuckForMs};
	}
	const rate = (progress - base.progress) / (known.latest.at - base.at);
	const etaMs = Math.max(0, (100 - progress) / rate - (now - known.latest.at));
	return {rate, etaMs, ...(stuckForMs === undefined ? {} : {stuckForMs})};
}
