// The DescribeImportImageTasks rules: ids, filters, dry run, pagination, over the listed tasks.

import { DryRunOperation, InvalidConversionTaskIdMalformed } from './errors.js';
import { type Page, paginate, type TokenCodec } from './pagination.js';
import type { DescribeRequest } from './query.js';
import type { Entry } from './store.js';

export function describeImportImageTasks(request: DescribeRequest, listed: readonly Entry[], codec: TokenCodec): Page {
	let entries = listed;
	if (request.importTaskIds.length > 0) {
		const wanted = new Set(request.importTaskIds);
		entries = listed.filter((entry) => wanted.has(entry.task.ImportTaskId));
		const found = new Set(entries.map((entry) => entry.task.ImportTaskId));
		const missing = request.importTaskIds.find((id) => !found.has(id));
		// Unknown and expired ids alike: what nodepool sees for "the task no longer exists".
		if (missing !== undefined) throw new InvalidConversionTaskIdMalformed(missing);
	}
	// Filters are ANDed, the values of one filter ORed (EC2's rule for every Describe call).
	for (const states of request.states) {
		entries = entries.filter((entry) => states.some((state) => state === entry.task.Status));
	}
	const page = paginate(entries, codec, request.maxResults, request.nextToken);
	// Checked last, so a dry run still reports a bad parameter first (an assumption; unverified).
	if (request.dryRun) throw new DryRunOperation();
	return page;
}
