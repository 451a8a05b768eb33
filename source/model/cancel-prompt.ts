import {displayWidth, truncateToWidth} from '../text/text-width.js';
import {type ImportTask, statusOf, type TaskKind, taskKey, taskName} from './import-task.js';
import type {PollFault} from './poll-events.js';
import {idNotAsSent} from './sent-id.js';

// Opt-in cancel (--allow-cancel): which task x asks about, what the question says, why it may not be asked,
// and the one line that says how CancelImportTask went. The question is state (mode 'confirm'), not a prompt
// that blocks: polls go on while it is asked.

export interface CancelPrompt {
	taskKey: string;
	/** The id shown, which is byte for byte the id EC2 sent (askCancel refuses any other): what is cancelled. */
	taskId: string;
	/** The VM the question names: the description, else the Name tag (sanitised). */
	name?: string;
	kind: TaskKind;
	region?: string;
	profile?: string;
	/** The screen the question was asked from, and goes back to. */
	returnTo: 'list' | 'detail';
	/**
	 * Set once the question has been on screen long enough to be read (app/use-question-ready.ts). Until then no
	 * key answers it: a y in the same read as the x, a paste, keys typed ahead came before anyone saw it.
	 */
	ready?: true;
}

/**
 * What CancelImportTask answered: a dry run that would have succeeded, a cancel, a refusal, or no answer after the
 * request went out (lost on the way back, timed out, a server fault): then nobody knows whether it was cancelled.
 */
export type CancelOutcome =
	| {kind: 'allowed'}
	| {kind: 'cancelled'; previousState?: string; state?: string}
	| {kind: 'refused'; fault: PollFault}
	| {kind: 'unknown'; fault: PollFault};

export const cancelReason = 'cancelled from ec2-import-watch';

export const readOnlyNotice = 'Read-only: start the watcher with --allow-cancel to cancel an import with x.';

/** What x does with this task: ask whether to cancel it, or say why it cannot be cancelled. */
export function askCancel(task: ImportTask | undefined, returnTo: CancelPrompt['returnTo']): {prompt: CancelPrompt} | {refusal: string} {
	if (task === undefined) return {refusal: 'No import selected to cancel.'};
	const taskId = task.importTaskId;
	if (taskId === undefined) return {refusal: 'This task has no id (EC2 sent none): it cannot be cancelled.'};
	// From here the id shown is, byte for byte, the id EC2 sent: it is what CancelImportTask is sent.
	const notAsSent = idNotAsSent(task);
	if (notAsSent !== undefined) return {refusal: `Not cancellable: EC2 sent this task's id ${notAsSent}.`};
	if (statusOf(task.status) !== 'active') return {refusal: `Only an active import can be cancelled; ${taskId} is ${task.status}.`};
	return {prompt: cancelPrompt(task, taskId, returnTo)};
}

function cancelPrompt(task: ImportTask, taskId: string, returnTo: CancelPrompt['returnTo']): CancelPrompt {
	const name = taskName(task)?.text;
	return {
		taskKey: taskKey(task),
		taskId,
		...(name === undefined || name === '' ? {} : {name}),
		kind: task.kind,
		...(task.region === undefined ? {} : {region: task.region}),
		...(task.profile === undefined ? {} : {profile: task.profile}),
		returnTo,
	};
}

const answers = 'y: cancel · other keys: keep';

/**
 * The question, naming the task by id and VM, within `width` columns: the name gives way first (at 80 columns
 * 11 of it stay beside either kind's id). The id says the kind: import-ami-…, import-snap-….
 */
export function cancelQuestion(prompt: CancelPrompt, width = 80): string {
	const bare = `Cancel ${prompt.taskId}? ${answers}`;
	if (prompt.name === undefined) return bare;
	const room = width - displayWidth(bare) - 3;
	if (room < 4) return bare;
	// A wide character at the cut leaves a column that truncateToWidth fills with a space: outside the quotes, not
	// inside them (`"数据库服务…"`, not `"数据库服务 …"`).
	const cut = truncateToWidth(prompt.name, room);
	const tight = cut.replace(/ +…$/, '…');
	return `Cancel ${prompt.taskId} "${tight}"? ${answers}${' '.repeat(displayWidth(cut) - displayWidth(tight))}`;
}

/** Why the question is taken back after a poll (its task ended or is gone), or undefined while it still stands. */
export function questionWithdrawn(prompt: CancelPrompt, tasks: readonly ImportTask[]): string | undefined {
	const task = tasks.find((candidate) => taskKey(candidate) === prompt.taskKey);
	if (task === undefined) return `Question withdrawn: ${prompt.taskId} is no longer listed by EC2.`;
	if (statusOf(task.status) !== 'active') return `Question withdrawn: ${prompt.taskId} is ${task.status} now.`;
	return undefined;
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
		case 'unknown':
			return `${taskId} may have been cancelled — watch its status (no answer: ${outcome.fault.code ?? outcome.fault.kind}).`;
		default: {
			const unreachable: never = outcome;
			return unreachable;
		}
	}
}
