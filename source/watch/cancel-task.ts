import type {EC2Client} from '@aws-sdk/client-ec2';
import type {CancelOutcome} from '../model/cancel-prompt.js';
import type {PollFault} from '../model/poll-events.js';
import {sanitize} from '../text/sanitize.js';

// CancelImportTask (--allow-cancel): one call, image and snapshot tasks alike. A dry run asks whether the
// permission is there (DryRunOperation: it is; UnauthorizedOperation: it is not); the outcome is said in one line.

type Ec2Sdk = typeof import('./ec2-sdk.js');

export type {CancelOutcome} from '../model/cancel-prompt.js';

export function isDryRunOperation(error: unknown): boolean {
	return typeof error === 'object' && error !== null && Reflect.get(error, 'name') === 'DryRunOperation';
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
		const fault = classify(error);
		return {kind: 'refused', fault: {...fault, message: sanitize(fault.message)}};
	}
}
