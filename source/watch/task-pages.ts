import type {TaskCollector} from '../model/task-collector.js';

// Reading a Describe paginator into a collector, with the MaxItems the SDK's paginators lack (their config has
// only pageSize, startingToken and stopOnSameToken): stop after N tasks in all, and ask the last page for only
// as many as are still wanted.

/** The part of a Describe input the paginator reads before each request. */
export interface PageInput {
	MaxResults?: number | undefined;
}

export interface PageLimits {
	/** At most this many tasks in all (--max-items). */
	maxItems?: number;
	/** A server that never stops paginating (cycling tokens) is cut off here. */
	maxPages: number;
}

export interface PageReader<Page, Api> {
	pages: AsyncIterable<Page>;
	/** The input object given to the paginator (it reads MaxResults from it before every request). */
	input: PageInput;
	items: (page: Page) => ReadonlyArray<Api | null | undefined> | undefined;
	nextToken: (page: Page) => string | undefined;
}

/**
 * MaxResults for the first page: the page size, but no more than the limit. Without a page size none is sent, as
 * the AWS CLI does with --max-items alone: EC2's bounds for MaxResults are undocumented.
 */
export function firstPageSize(pageSize: number | undefined, maxItems: number | undefined): number | undefined {
	return pageSize === undefined || maxItems === undefined ? pageSize : Math.min(pageSize, maxItems);
}

/** Collects every page (or the first `maxItems` tasks); `cut` says whether EC2 had more to list. */
export async function readPages<Page, Api>(reader: PageReader<Page, Api>, collector: TaskCollector<Api>, limits: PageLimits): Promise<{cut: boolean}> {
	const {maxItems, maxPages} = limits;
	let count = 0;
	let pages = 0;
	for await (const page of reader.pages) {
		const items = reader.items(page) ?? [];
		pages += 1;
		if (maxItems === undefined) {
			collector.add(items);
		} else {
			const room = maxItems - count;
			collector.add(items.length > room ? items.slice(0, room) : items);
			count += Math.min(room, items.length);
			if (items.length > room) return {cut: true};
			if (count >= maxItems) return {cut: reader.nextToken(page) !== undefined};
			// The last page asks only for what is still wanted: fewer than a page EC2 just sent (or than the page size),
			// so within whatever bounds it has (none are documented; the simulator, as EC2's other calls, wants >= 1).
			const left = maxItems - count;
			if (left < (reader.input.MaxResults ?? items.length)) reader.input.MaxResults = left;
		}
		if (pages >= maxPages) throw new Error(`EC2 kept sending more pages (${pages}); stopped reading`);
	}
	return {cut: false};
}
