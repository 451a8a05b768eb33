import {hasEnded, type ImportTask} from '../model/import-task.js';
import type {LeftTask} from '../model/left-tasks.js';

// What became of the tasks of one kind that leave its list (--state, --task-ids, --max-items, or EC2 dropping
// them): one that had ended is settled; one still going is looked up by its id (the same Describe call with only
// ImportTaskIds) and followed that way, poll after poll, until it ends or EC2 no longer knows it.

/** Looks ids up; the ids EC2 does not know are absent from the answer. Throws when the look-up itself fails. */
export type LookUp = (ids: readonly string[], signal: AbortSignal) => Promise<ReadonlyMap<string, ImportTask>>;

export interface LeftFollower {
	/** After a good read: the tasks of the last one (and those followed) that this one does not list. */
	settle(previous: Iterable<ImportTask>, listed: Iterable<ImportTask>, lookUp: LookUp, signal: AbortSignal): Promise<LeftTask[]>;
	/** The ids followed now. */
	following(): Iterable<string>;
}

/** How many ids one look-up asks for (EC2 documents no limit for ImportTaskIds; pages of this size are small). */
export const lookUpBatch = 100;

/** The error EC2 (and the simulator) answers a Describe call naming an id it does not know. */
export function isUnknownId(error: unknown): boolean {
	const code = typeof error === 'object' && error !== null ? (Reflect.get(error, 'Code') ?? Reflect.get(error, 'name')) : undefined;
	return typeof code === 'string' && code.startsWith('InvalidConversionTaskId');
}

/** Every id looked up; an answer refused for an unknown id is asked again id by id, so one gone id hides no other. */
export async function lookUpAll(ids: readonly string[], lookUp: LookUp, signal: AbortSignal): Promise<Map<string, ImportTask>> {
	const found = new Map<string, ImportTask>();
	for (let at = 0; at < ids.length; at += lookUpBatch) {
		const batch = ids.slice(at, at + lookUpBatch);
		try {
			for (const [id, task] of await lookUp(batch, signal)) found.set(id, task);
		} catch (error) {
			if (!isUnknownId(error) || signal.aborted) throw error;
			for (const id of batch) {
				try {
					for (const [known, task] of await lookUp([id], signal)) found.set(known, task);
				} catch (alone) {
					if (!isUnknownId(alone) || signal.aborted) throw alone;
				}
			}
		}
	}
	return found;
}

export function createLeftFollower(): LeftFollower {
	/** By id: tasks that left while still going, as last seen. */
	const followed = new Map<string, ImportTask>();
	return {
		following: () => followed.keys(),
		async settle(previous, listed, lookUp, signal) {
			const listedIds = new Set<string>();
			for (const task of listed) if (task.importTaskId !== undefined) listedIds.add(task.importTaskId);
			const missing = new Map<string, ImportTask>();
			for (const task of [...previous, ...followed.values()]) {
				if (task.importTaskId !== undefined && !listedIds.has(task.importTaskId)) missing.set(task.importTaskId, task);
			}
			for (const id of listedIds) followed.delete(id);
			const left: LeftTask[] = [];
			const going: ImportTask[] = [];
			for (const [id, task] of missing) {
				if (hasEnded(task.status)) {
					left.push({task, how: 'ended'});
					followed.delete(id);
				} else going.push(task);
			}
			if (going.length === 0) return left;
			let found: ReadonlyMap<string, ImportTask> | undefined;
			try {
				found = await lookUpAll(
					going.flatMap((task) => (task.importTaskId === undefined ? [] : [task.importTaskId])),
					lookUp,
					signal,
				);
			} catch (error) {
				if (signal.aborted) throw error;
			}
			for (const task of going) {
				const id = task.importTaskId ?? '';
				const now = found?.get(id);
				if (found === undefined) {
					left.push({task, how: 'pending'});
					followed.set(id, task);
				} else if (now === undefined) {
					left.push({task, how: 'unknown'});
					followed.delete(id);
				} else {
					left.push({task: now, how: 'found'});
					if (hasEnded(now.status)) followed.delete(id);
					else followed.set(id, now);
				}
			}
			return left;
		},
	};
}
