import {type ImportTask, statusOf, type TaskKind, taskKey} from './import-task.js';
import type {PollFault} from './poll-events.js';

// Opt-in cancel (--allow-cancel): which task x asks about, what the question says, why it may not be asked,
// and the one line that says how CancelImportTask went. The question is state (mode 'confirm'), not a prompt
// that blocks: polls go on while it is asked.

export interface CancelPrompt {
	taskKey: string;
	taskId: string;
	kind: TaskKind;
	region?: string;
	profile?: string;
	/** The screen the question was asked from, and goes back to. */
	returnTo: 'list' | 'detail';
}

/** What CancelImportTask answered: a dry run that would have succeeded, a cancel, or a refusal. */
export type CancelOutcome =
	| {kind: 'allowed'}
	| {kind: 'cancelled'; previousState?: string; state?: string}
	| {kind: 'refused'; fault: PollFault};

export const cancelReason = 'cancelled from ec2-import-watch';

export const readOnlyNotice = 'Read-only: start the watcher with --allow-cancel to cancel an import with x.';

/** What x does with this task: ask whether to cancel it, or say why it cannot be cancelled. */
export function askCancel(task: ImportTask | undefined, returnTo: CancelPrompt['returnTo']): {prompt: CancelPrompt} | {refusal: string} {
	if (task === undefined) return {refusal: 'No import selected to cancel.'};
	const taskId = task.importTaskId;
	if (taskId === undefined) return {refusal: 'This task has no id (EC2 sent none): it cannot be cancelled.'};
	if (statusOf(task.status) !== 'active') return {refusal: `Only an active import can be cancelled; ${taskId} is ${task.status}.`};
	return {prompt: cancelPrompt(task, taskId, returnTo)};
}

function cancelPrompt(task: ImportTask, taskId: string, returnTo: CancelPrompt['returnTo']): CancelPrompt {
	return {
		taskKey: taskKey(task),
		taskId,
		kind: task.kind,
		...(task.region === undefined ? {} : {region: task.region}),
		...(task.profile === undefined ? {} : {profile: task.profile}),
		returnTo,
	};
}

/** Fits 80 columns with either kind's id (the id says the kind: import-ami-…, import-snap-…). */
export function cancelQuestion(prompt: CancelPrompt): string {
	return `Cancel ${prompt.taskId}? y: cancel · any other key: keep`;
}

/** The code first, so a narrow line still says why (the fault's message ends with it). */
function refusedLine({code, message}: PollFault): string {
	if (code === undefined) return `Not cancelled: ${message}`;
	const tag = ` (${code})`;
	return `Not cancelled (${code}): ${message.endsWith(tag) ? message.slice(0, -tag.length) : message}`;
}

/** The one line that says how the cancel went; short enough for 80 columns (the row shows the reason as its message). */
export function cancelOutcomeLine(taskId: string, outcome: CancelOutcome): string {
	switch (outcome.kind) {
		case 'allowed':
			return `Allowed to cancel ${taskId} (dry run).`;
		case 'cancelled':
			return `Cancelled ${taskId}: ${outcome.previousState ?? 'active'} → ${outcome.state ?? 'deleting'}.`;
		case 'refused':
			return outcome.fault.kind === 'permission'
				? `Not cancelled: needs IAM action ec2:CancelImportTask${outcome.fault.code === undefined ? '' : ` (${outcome.fault.code})`}.`
				: refusedLine(outcome.fault);
		default: {
			const unreachable: never = outcome;
			return unreachable;
		}
	}
}
