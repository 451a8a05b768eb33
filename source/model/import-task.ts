// Our own view of an import image task: every field the API can send, normalised once.
// Strings are already sanitised (see text/sanitize.ts) by the time they land here;
// absent fields stay `undefined` so the UI can tell "not yet known" from "empty".

export const taskStates = ['active', 'completed', 'deleting', 'deleted'] as const;
export type TaskState = (typeof taskStates)[number];

export function isTaskState(value: string): value is TaskState {
	return (taskStates as readonly string[]).includes(value);
}

/**
 * What a status means here: one of the API's four states, or 'unknown' for anything else (the text is kept as
 * sent and shown as such). The one place a status string is read; every branch on it switches over this union.
 */
export type TaskStatus = TaskState | 'unknown';

export function statusOf(status: string): TaskStatus {
	return isTaskState(status) ? status : 'unknown';
}

/** Ended: completed or deleted. A status we do not know counts as still going. */
export function hasEnded(status: string): boolean {
	const known = statusOf(status);
	switch (known) {
		case 'completed':
		case 'deleted':
			return true;
		case 'active':
		case 'deleting':
		case 'unknown':
			return false;
		default: {
			const unreachable: never = known;
			return unreachable;
		}
	}
}

/** Which call listed a task: DescribeImportImageTasks (a whole VM) or DescribeImportSnapshotTasks (one disk). */
export const taskKinds = ['image', 'snapshot'] as const;
export type TaskKind = (typeof taskKinds)[number];

export function isTaskKind(value: string): value is TaskKind {
	return (taskKinds as readonly string[]).includes(value);
}

/** The kind an import task id names (import-ami-…, import-snap-…), when its prefix says. */
export function kindOfId(id: string): TaskKind | undefined {
	if (id.startsWith('import-ami-')) return 'image';
	if (id.startsWith('import-snap-')) return 'snapshot';
	return undefined;
}

/** How an id was altered to be shown (see ImportTask.idAltered). */
export type IdAlteration = 'trimmed' | 'cut' | 'replaced';

export interface Tag {
	key: string;
	value: string;
}

export interface SnapshotDetail {
	description?: string;
	deviceName?: string;
	/** Bytes (the model says GiB; real EC2 sends bytes). */
	diskImageSize?: number;
	format?: string;
	progress?: number;
	progressText?: string;
	snapshotId?: string;
	status?: string;
	statusMessage?: string;
	/** Query string already redacted. */
	url?: string;
	s3Bucket?: string;
	s3Key?: string;
}

export interface ImportTask {
	/** image: from DescribeImportImageTasks; snapshot: from DescribeImportSnapshotTasks (its one disk is snapshotDetails[0]). */
	kind: TaskKind;
	/** Absent when EC2 sent none: never made up (it would be copied, journaled and printed as if it were real). */
	importTaskId?: string;
	/**
	 * Set when the id shown is not, byte for byte, the ImportTaskId EC2 sent: how it was altered to be shown
	 * (white space at an end trimmed, cut at 512 characters, a character replaced). Such a task is neither
	 * cancelled nor copied: the id either would use is not the one EC2 knows (model/sent-id.ts says why).
	 */
	idAltered?: IdAlteration;
	/**
	 * Set when EC2 sent no id (1, 2, … among those) or an id already listed in the same answer (2, 3, …): each such
	 * task keeps a key of its own, stable while EC2 keeps its order. Not shown, not printed.
	 */
	occurrence?: number;
	/** Set when several regions or profiles are watched at once. */
	region?: string;
	profile?: string;
	/** The API's Status as sent (sanitised); read it through `statusOf`, which maps an unknown value to 'unknown'. */
	status: string;
	statusMessage?: string;
	/** Parsed percent 0–100, or undefined when absent or unparsable. */
	progress?: number;
	/** The raw Progress string as sent. */
	progressText?: string;
	description?: string;
	architecture?: string;
	platform?: string;
	hypervisor?: string;
	licenseType?: string;
	usageOperation?: string;
	bootMode?: string;
	encrypted?: boolean;
	kmsKeyId?: string;
	imageId?: string;
	tags: Tag[];
	/** An image import's licence configurations; a snapshot import has no such field (absent, not empty). */
	licenseSpecifications?: string[];
	snapshotDetails: SnapshotDetail[];
}

export function nameTag(task: ImportTask): string | undefined {
	return task.tags.find((tag) => tag.key === 'Name')?.value;
}

/** What a task's name is drawn from, said as what it is. */
export type NameSource = 'Description' | 'Disk description' | 'Name tag';

/**
 * What names a task on screen, and where that came from: EC2's description; for a snapshot import without one,
 * its disk's description; else the Name tag. Undefined when EC2 sent none of them.
 */
export function taskName(task: ImportTask): {source: NameSource; text: string} | undefined {
	if (task.description !== undefined) return {source: 'Description', text: task.description};
	const disk = task.kind === 'snapshot' ? task.snapshotDetails[0]?.description : undefined;
	if (disk !== undefined) return {source: 'Disk description', text: disk};
	const tag = nameTag(task);
	return tag === undefined ? undefined : {source: 'Name tag', text: tag};
}

/** What an import made: the AMI of an image import, the snapshot of a snapshot import (once completed). */
export function resultId(task: ImportTask): string | undefined {
	return task.kind === 'snapshot' ? task.snapshotDetails[0]?.snapshotId : task.imageId;
}

/**
 * A disk's size as shown: EC2 says 0.0 until it has validated the disk (a disk image is never 0 bytes), so 0 on
 * a task that did not complete means "not known" (an image task of unknown size shows — the same way).
 */
export function diskSize(task: Pick<ImportTask, 'status'>, disk: Pick<SnapshotDetail, 'diskImageSize'>): number | undefined {
	return disk.diskImageSize === 0 && statusOf(task.status) !== 'completed' ? undefined : disk.diskImageSize;
}

export function totalDiskBytes(task: ImportTask): number | undefined {
	const sizes = task.snapshotDetails.flatMap((detail) => {
		const size = diskSize(task, detail);
		return size === undefined ? [] : [size];
	});
	return sizes.length === 0 ? undefined : sizes.reduce((sum, size) => sum + size, 0);
}

/** What the screen shows for a task EC2 sent without an id. */
export const noIdLabel = '(no id)';

/** The task id as shown, or "(no id)". */
export function shownId(task: Pick<ImportTask, 'importTaskId'>): string {
	return task.importTaskId ?? noIdLabel;
}

/** The task's key within one answer: its id, told apart from a repeat of it, or from other tasks without one. */
export function answerKey(task: Pick<ImportTask, 'importTaskId' | 'occurrence'>): string {
	const id = shownId(task);
	return task.occurrence === undefined ? id : `${id}#${task.occurrence}`;
}

/**
 * Identifies a task across kinds, regions and profiles (an import task id is only unique within one of them). The
 * kind is written only when the id's prefix does not already say it (import-ami-… is an image import), so one id
 * listed by both calls is two tasks, and the usual key is the id itself.
 */
export function taskKey(task: Pick<ImportTask, 'kind' | 'importTaskId' | 'occurrence' | 'region' | 'profile'>): string {
	const answer = answerKey(task);
	const own = (kindOfId(task.importTaskId ?? '') ?? 'image') === task.kind ? answer : `${task.kind}:${answer}`;
	return task.region === undefined && task.profile === undefined ? own : `${task.profile ?? ''}/${task.region ?? ''}/${own}`;
}

/** Every task has ended (completed or deleted); a status we do not know counts as still going. */
export function allEnded(tasks: readonly ImportTask[]): boolean {
	return tasks.every((task) => hasEnded(task.status));
}
