// The CancelImportTask rules: image and snapshot tasks alike (the model: "Cancels an in-process
// import virtual machine or import snapshot task").

import {DryRunOperation, IncorrectState, InvalidConversionTaskIdMalformed} from './errors.js';
import type {CancelRequest} from './query.js';
import {statusOf, type TaskStore} from './store.js';

export interface CancelResult {
	importTaskId: string;
	previousState: string;
	state: string;
}

export function cancelImportTask(request: CancelRequest, store: TaskStore, now: number): CancelResult {
	const id = request.importTaskId;
	const status = statusOf(store, id, now);
	// Assumed: the code DescribeImport*Tasks answers for an unknown id.
	if (status === null) throw new InvalidConversionTaskIdMalformed(id);
	if (status !== 'active') throw new IncorrectState(id, status ?? 'unknown');
	// After the id and state checks, as for the Describe calls, so a dry run says whether the
	// cancel itself would succeed (an assumption; unverified). Nothing changes on a dry run.
	if (request.dryRun) throw new DryRunOperation();
	store.cancel(id, request.cancelReason === undefined ? {at: now} : {at: now, reason: request.cancelReason});
	// The AWS CLI's example answers PreviousState active, State deleting.
	return {importTaskId: id, previousState: 'active', state: 'deleting'};
}
