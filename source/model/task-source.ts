import type {CancelOutcome} from './cancel-prompt.js';
import type {PriorHistory} from './history-restore.js';
import type {ImportTask} from './import-task.js';
import type {PairFault, PollResult} from './poll-events.js';
import type {PollNotes} from './poll-notes.js';

// The one source type: where tasks come from. One region (watch/ec2-source.ts), several regions and profiles at
// once (watch/multi-source.ts), or a test's script; the watch session sees only this.

export interface TaskSource {
	fetchTasks(signal: AbortSignal): Promise<ImportTask[]>;
	/** Build a fresh credential provider, so new credentials are picked up without a restart. */
	resetCredentials?(): void;
	/** With several regions or profiles: the pairs whose part of the last poll failed. */
	partialFaults?(): PairFault[];
	/** What the last good poll says besides its tasks (--max-items cut it, a kind is not allowed). */
	pollNotes?(): PollNotes;
	/** What the history store knew, read back by the time the first poll succeeds (the shell's history source). */
	priorHistory?(): PriorHistory | undefined;
}

/**
 * One poll of a source, as the poller runs it: the tasks, and what the source says besides them read as the
 * answer comes in, so the result carries everything the poll learned (the one place a poll result is completed).
 */
export function pollOf(source: TaskSource): (signal: AbortSignal) => Promise<PollResult> {
	return async (signal) => {
		const tasks = await source.fetchTasks(signal);
		const prior = source.priorHistory?.();
		return {
			tasks,
			...(source.partialFaults === undefined ? {} : {partialFaults: source.partialFaults()}),
			...(source.pollNotes === undefined ? {} : {notes: source.pollNotes()}),
			...(prior === undefined ? {} : {prior}),
		};
	};
}

/** Which task to cancel: its id, and with several regions or profiles, where it lives. */
export type TaskRef = Pick<ImportTask, 'region' | 'profile'> & {importTaskId: string};

/** CancelImportTask (--allow-cancel); a dry run asks whether it would be allowed. */
export interface TaskCanceller {
	cancelTask(task: TaskRef, options: {dryRun: boolean; reason: string}, signal: AbortSignal): Promise<CancelOutcome>;
}
