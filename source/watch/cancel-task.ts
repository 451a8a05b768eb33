import type {EC2Client} from '@aws-sdk/client-ec2';
import type {CancelOutcome} from '../model/cancel-prompt.js';
import type {PollFault} from '../model/poll-events.js';
import {sanitize} from '../text/sanitize.js';

// CancelImportTask (--allow-cancel): one call, image and snapshot tasks alike, sent once (the caller's client does
// not retry it: a retry of a cancel whose answer was lost finds the task deleting and says IncorrectState). A dry
// run asks whether the permission is there (DryRunOperation: it is; UnauthorizedOperation: it is not). A request
// that went out and got no answer (a reset, a timeout, a server fault) may have cancelled the task: 'unknown'.

type Ec2Sdk = typeof import('./ec2-sdk.js');

export type {CancelOutcome} from '../model/cancel-prompt.js';

export function isDryRunOperation(error: unknown): boolean {
	return typeof error === 'object' && error !== null && Reflect.get(error, 'name') === 'DryRunOperation';
}

/** Failures that happen before a request leaves: nothing was sent, so nothing can have been cancelled. */
const notSentCodes = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'EHOSTDOWN',
	'ENETUNREACH',
	'ENETDOWN',
	'EADDRNOTAVAIL',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_CONNECT_TIMEOUT',
]);

/** Whether a failed request may have reached EC2 and been carried out, its answer lost. */
export function answerLost(fault: PollFault, error: unknown): boolean {
	switch (fault.kind) {
		case 'server':
		case 'timeout':
			return true;
		case 'network': {
			const message = typeof error === 'object' && error !== null ? String(Reflect.get(error, 'message')) : String(error);
			return !(fault.code !== undefined && notSentCodes.has(fault.code)) && !/did not establish a connection|certificate/i.test(message);
		}
		case 'throttled':
		case 'credentials':
		case 'permission':
		case 'request':
			return false;
		default: {
			const unreachable: never = fault.kind;
			return unreachable;
		}
	}
}

const shown = (value: string | undefined): string | undefined => (value === undefined ? undefined : sanitize(value));

export async function cancelImportTask(
	sdk: Ec2Sdk,
	client: EC2Client,
	request: {taskId: string; dryRun: boolean; reason: string},
	signal: AbortSignal,
	classify: (error: unknown) => PollFault,
): Promise<CancelOutcome> {
	try {
		const command = new sdk.CancelImportTaskCommand({ImportTaskId: request.taskId, CancelReason: request.reason, ...(request.dryRun ? {DryRun: true} : {})});
		const answer = await client.send(command, {abortSignal: signal});
		// A server that ignores DryRun has cancelled the task: say so rather than call it a check.
		const previousState = shown(answer.PreviousState);
		const state = shown(answer.State);
		return {kind: 'cancelled', ...(previousState === undefined ? {} : {previousState}), ...(state === undefined ? {} : {state})};
	} catch (error) {
		if (isDryRunOperation(error)) return {kind: 'allowed'};
		const classified = classify(error);
		const fault = {...classified, message: sanitize(classified.message)};
		// A dry run cancels nothing, whatever became of its answer.
		return !request.dryRun && answerLost(fault, error) ? {kind: 'unknown', fault} : {kind: 'refused', fault};
	}
}
