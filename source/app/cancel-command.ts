import {type CancelPrompt, cancelOutcomeLine, cancelReason} from '../model/cancel-prompt.js';
import type {TaskCanceller} from '../model/task-source.js';
import {sanitize} from '../text/sanitize.js';

// y on the cancel question: CancelImportTask, with a dry run first while the permission is not known
// (DryRunOperation: allowed, then the real call; UnauthorizedOperation: said, nothing cancelled). Every step and
// the outcome are said in the one notice line; after a cancel the watcher polls at once so `deleting` shows.

export interface CancelCommand {
	run(prompt: CancelPrompt, say: (line: string) => void, afterCancel: () => void): Promise<void>;
	/** Aborts a call in flight (quitting). */
	stop(): void;
}

export function createCancelCommand(canceller: TaskCanceller): CancelCommand {
	const controller = new AbortController();
	/** Known once a dry run or a cancel went through; a refusal is asked again next time (policies change). */
	let allowed = false;
	return {
		async run(prompt, say, afterCancel) {
			const {signal} = controller;
			const tell = (line: string) => {
				if (!signal.aborted) say(line);
			};
			const task = {importTaskId: prompt.taskId, region: prompt.region, profile: prompt.profile};
			try {
				if (!allowed) {
					tell(`Checking that ${prompt.taskId} may be cancelled (dry run)…`);
					const check = await canceller.cancelTask(task, {dryRun: true, reason: cancelReason}, signal);
					if (check.kind === 'refused' || check.kind === 'unknown') return tell(cancelOutcomeLine(prompt.taskId, check));
					allowed = true;
					// An endpoint that ignores DryRun has cancelled it already.
					if (check.kind === 'cancelled') {
						tell(cancelOutcomeLine(prompt.taskId, check));
						return afterCancel();
					}
				}
				tell(`Cancelling ${prompt.taskId}…`);
				const outcome = await canceller.cancelTask(task, {dryRun: false, reason: cancelReason}, signal);
				tell(cancelOutcomeLine(prompt.taskId, outcome));
				// After a cancel, or an answer lost on the way: the next poll shows what became of it.
				if ((outcome.kind === 'cancelled' || outcome.kind === 'unknown') && !signal.aborted) afterCancel();
			} catch (error) {
				tell(`Not cancelled: ${sanitize(error instanceof Error ? error.message : String(error))}`);
			}
		},
		stop: () => controller.abort(),
	};
}
