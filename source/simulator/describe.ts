// The rules DescribeImportImageTasks and DescribeImportSnapshotTasks share: ids, filters, dry run,
// pagination, over the listed tasks of one kind.

import {DryRunOperation, InvalidConversionTaskIdMalformed} from './errors.js';
import {type Page, paginate, type TokenCodec} from './pagination.js';
import type {DescribeRequest} from './query.js';
import type {Entry} from './store.js';

export function describeImportTasks<T extends {ImportTaskId: string}>(
	request: DescribeRequest,
	listed: readonly Entry<T>[],
	statusOf: (task: T) => string | undefined,
	codec: TokenCodec,
): Page<T> {
	let entries = listed;
	if (request.importTaskIds.length > 0) {
		const wanted = new Set(request.importTaskIds);
		entries = listed.filter((entry) => wanted.has(entry.task.ImportTaskId));
		const found = new Set(entries.map((entry) => entry.task.ImportTaskId));
		const missing = request.importTaskIds.find((id) => !found.has(id));
		// Unknown and expired ids alike: Zuul's nodepool catches this code with the comment
		// "In practice, this can mean that the task no longer exists".
		if (missing !== undefined) throw new InvalidConversionTaskIdMalformed(missing);
	}
	// Filters are ANDed, the values of one filter ORed (EC2's rule for every Describe call).
	for (const states of request.states) {
		entries = entries.filter((entry) => states.some((state) => state === statusOf(entry.task)));
	}
	const page = paginate(entries, codec, request.maxResults, request.nextToken);
	// Checked last, so a dry run still reports a bad parameter first (an assumption; unverified).
	if (request.dryRun) throw new DryRunOperation();
	return page;
}
