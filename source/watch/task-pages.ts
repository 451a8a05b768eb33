import type {TaskCollector} from '../model/task-collector.js';
import {tooManyPages, tooManyTasks} from './read-limits.js';

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
	/** A server that never stops paginating (fresh tokens for ever) fails the read here. */
	maxPages: number;
	/** More tasks than this in one read fail it (the last good data stays). */
	maxTasks: number;
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

/**
 * Collects every page (or the first `maxItems` tasks); `cut` says whether EC2 had more to list. A page that gives
 * back the token it was asked with comes round again: only its tasks not read yet are added (a server that ignores
 * the token repeats the whole page). A token sent before ends the read (the pages after it were read already).
 * More than `maxPages` pages or `maxTasks` tasks fail it with a ReadLimitError.
 */
export async function readPages<Page, Api>(reader: PageReader<Page, Api>, collector: TaskCollector<Api>, limits: PageLimits): Promise<{cut: boolean}> {
	const {maxItems, maxPages, maxTasks} = limits;
	let count = 0;
	let pages = 0;
	let asked: string | undefined;
	const tokens = new Set<string>();
	for await (const page of reader.pages) {
		const items = reader.items(page) ?? [];
		const next = reader.nextToken(page);
		const repeated = next !== undefined && next === asked;
		pages += 1;
		const room = maxItems === undefined ? items.length : maxItems - count;
		collector.add(items.length > room ? items.slice(0, room) : items, {onlyNew: repeated});
		if (collector.size() > maxTasks) throw tooManyTasks(maxTasks);
		if (maxItems !== undefined) {
			count += Math.min(room, items.length);
			if (items.length > room) return {cut: true};
			if (count >= maxItems) return {cut: next !== undefined};
			// The last page asks only for what is still wanted: fewer than a page EC2 just sent (or than the page size),
			// so within whatever bounds it has (none are documented; the simulator, as EC2's other calls, wants >= 1).
			const left = maxItems - count;
			if (left < (reader.input.MaxResults ?? items.length)) reader.input.MaxResults = left;
		}
		if (next === undefined || tokens.has(next)) break;
		if (pages >= maxPages) throw tooManyPages(maxPages);
		tokens.add(next);
		asked = next;
	}
	return {cut: false};
}
