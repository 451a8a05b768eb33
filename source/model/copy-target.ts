import {explainFailure} from './failure-explanations.js';
import {type ImportTask, statusOf} from './import-task.js';
import {idNotAsSent} from './sent-id.js';

// The copy rules: what y, Y and u copy from a task, and the notice that says so.

/** What y, Y and u copy from a task, and the notice that says so (some terminals ignore OSC 52, so it shows the value). */
export function copyTarget(effect: 'copy-id' | 'copy-image' | 'copy-link', task: ImportTask | undefined, inDetail: boolean): {value?: string; notice: string} {
	if (task === undefined) return {notice: 'Nothing selected to copy.'};
	if (effect === 'copy-link') {
		// The Doc row's link, which an 80-column screen cannot show whole.
		const doc = explainFailure(task)?.doc;
		return doc === undefined ? {notice: `${task.importTaskId ?? 'This task'} did not fail: no guide link to copy.`} : {value: doc, notice: `Copied ${doc}`};
	}
	if (effect === 'copy-id') {
		const notAsSent = idNotAsSent(task);
		if (notAsSent !== undefined) return {notice: `Not copied: EC2 sent this task's id ${notAsSent}.`};
		return task.importTaskId === undefined
			? {notice: 'This task has no id (EC2 sent none): nothing copied.'}
			: {value: task.importTaskId, notice: `Copied task id ${task.importTaskId}`};
	}
	const which = task.importTaskId ?? 'This task';
	// A snapshot import's result is its snapshot: Y copies that, in the list as in the details.
	if (!inDetail && task.kind === 'image') {
		return task.imageId === undefined ? {notice: `${which} has no image id${notYet(task)}.`} : {value: task.imageId, notice: `Copied image id ${task.imageId}`};
	}
	const snapshots = task.snapshotDetails.flatMap((disk) => (disk.snapshotId === undefined ? [] : [disk.snapshotId]));
	if (snapshots.length === 0) return {notice: `${which} has no snapshot id${notYet(task)}.`};
	return {value: snapshots.join(' '), notice: `Copied snapshot id${snapshots.length > 1 ? 's' : ''} ${snapshots.join(' ')}`};
}

/** Why a result is missing, in words true for the task's state: "yet" only while it may still come. */
function notYet(task: ImportTask): string {
	const status = statusOf(task.status);
	switch (status) {
		case 'active':
			return ' yet';
		case 'deleting':
		case 'deleted':
			return ' (the import did not complete)';
		case 'completed':
		case 'unknown':
			return '';
		default: {
			const unreachable: never = status;
			return unreachable;
		}
	}
}
