import {askCancel, type CancelPrompt, cancelOutcomeLine, cancelReason} from '../model/cancel-prompt.js';
import type {ImportTask} from '../model/import-task.js';
import type {TaskCanceller} from '../model/task-source.js';
import {sanitize} from '../text/sanitize.js';

// y on the cancel question: CancelImportTask, with a dry run first while the permission is not known
// (DryRunOperation: allowed, then the real call; UnauthorizedOperation: said, nothing cancelled). While a call is
// in flight its step ("Checking … (dry run)…", "Cancelling …") is the command's note: it stays until the answer
// comes (the app shows it under any notice, which fades). The outcome is said as a notice; after a cancel the
// watcher polls at once so `deleting` shows. x on a task whose cancel is in flight, or was cancelled, is refused.

export interface CancelCommand {
	/** What x does with this task: the question, or why not (askCancel's reasons, or a cancel in flight or done). */
	ask(task: ImportTask | undefined, returnTo: CancelPrompt['returnTo']): ReturnType<typeof askCancel>;
	run(prompt: CancelPrompt, say: (line: string) => void, afterCancel: () => void): Promise<void>;
	/** The step of the latest call in flight, or undefined when none is. */
	note(): string | undefined;
	/** Calls `listener` whenever the note changes; returns the unsubscribe. */
	subscribe(listener: () => void): () => void;
	/** Aborts a call in flight (quitting). */
	stop(): void;
}

/** Why x is refused for a task whose cancel is under way or went through, or undefined. */
export function cancelRefusal(taskId: string, inFlight: boolean, cancelled: boolean): string | undefined {
	if (inFlight) return `A cancel of ${taskId} is under way: wait for its answer.`;
	if (cancelled) return `Already cancelled ${taskId} (EC2 said deleting).`;
	return undefined;
}

export function createCancelCommand(canceller: TaskCanceller): CancelCommand {
	const controller = new AbortController();
	/** Known once a dry run or a cancel went through; a refusal is asked again next time (policies change). */
	let allowed = false;
	/** The step of each call in flight, by task key, in the order they started. */
	const steps = new Map<string, string>();
	/** Tasks EC2 said it cancelled: never active again, so x is not sent for them twice. */
	const cancelled = new Set<string>();
	const listeners = new Set<() => void>();
	let note: string | undefined;
	const changed = () => {
		const latest = [...steps.values()].at(-1);
		if (latest === note) return;
		note = latest;
		for (const listener of listeners) listener();
	};
	const step = (key: string, line: string | undefined) => {
		steps.delete(key);
		if (line !== undefined) steps.set(key, line);
		changed();
	};
	return {
		ask(task, returnTo) {
			const asked = askCancel(task, returnTo);
			if (!('prompt' in asked)) return asked;
			const why = cancelRefusal(asked.prompt.taskId, steps.has(asked.prompt.taskKey), cancelled.has(asked.prompt.taskKey));
			return why === undefined ? asked : {refusal: why};
		},
		async run(prompt, say, afterCancel) {
			const {signal} = controller;
			const key = prompt.taskKey;
			const busy = cancelRefusal(prompt.taskId, steps.has(key), cancelled.has(key));
			if (busy !== undefined) return say(busy);
			/** The answer: the note goes first, so the outcome is not hidden by it. */
			const tell = (line: string) => {
				step(key, undefined);
				if (!signal.aborted) say(line);
			};
			const task = {importTaskId: prompt.taskId, region: prompt.region, profile: prompt.profile};
			try {
				if (!allowed) {
					step(key, `Checking that ${prompt.taskId} may be cancelled (dry run)…`);
					const check = await canceller.cancelTask(task, {dryRun: true, reason: cancelReason}, signal);
					if (check.kind === 'refused' || check.kind === 'unknown') return tell(cancelOutcomeLine(prompt.taskId, check));
					allowed = true;
					// An endpoint that ignores DryRun has cancelled it already.
					if (check.kind === 'cancelled') {
						cancelled.add(key);
						tell(cancelOutcomeLine(prompt.taskId, check));
						return afterCancel();
					}
				}
				step(key, `Cancelling ${prompt.taskId}…`);
				const outcome = await canceller.cancelTask(task, {dryRun: false, reason: cancelReason}, signal);
				if (outcome.kind === 'cancelled') cancelled.add(key);
				tell(cancelOutcomeLine(prompt.taskId, outcome));
				// After a cancel, or an answer lost on the way: the next poll shows what became of it.
				if ((outcome.kind === 'cancelled' || outcome.kind === 'unknown') && !signal.aborted) afterCancel();
			} catch (error) {
				tell(`Not cancelled: ${sanitize(error instanceof Error ? error.message : String(error))}`);
			}
		},
		note: () => note,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		stop: () => controller.abort(),
	};
}
