import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {collectTasks} from '../../source/model/task-collector.js';
import {firstPageSize, type PageInput, readPages} from '../../source/watch/task-pages.js';
import {task} from '../helpers/tasks.js';

// MaxItems over a paginator that, like the SDK's, reads MaxResults from the input before every request.

interface Page {
	items: string[];
	token?: string;
}

/** A server with `total` items and pages of `serverPage` when asked for none; records each request's MaxResults. */
function paginator(total: number, serverPage: number, input: PageInput, asked: (number | undefined)[]): AsyncIterable<Page> {
	return (async function* () {
		let at = 0;
		while (at < total) {
			asked.push(input.MaxResults);
			const size = Math.min(input.MaxResults ?? serverPage, total - at);
			const items = Array.from({length: size}, (_, index) => `import-ami-${String(at + index).padStart(17, '0')}`);
			at += size;
			yield at < total ? {items, token: String(at)} : {items};
		}
	})();
}

async function read(total: number, serverPage: number, pageSize: number | undefined, maxItems: number | undefined) {
	const input: PageInput = {MaxResults: firstPageSize(pageSize, maxItems)};
	const asked: (number | undefined)[] = [];
	const collector = collectTasks(
		(id: string) => task(id),
		(id) => id,
	);
	const {cut} = await readPages(
		{pages: paginator(total, serverPage, input, asked), input, items: (page) => page.items, nextToken: (page) => page.token},
		collector,
		{maxItems, maxPages: 100, maxTasks: 1_000_000},
	);
	return {asked, cut, count: collector.tasks().length};
}

describe('readPages: MaxItems for the SDK paginators', () => {
	it('without a page size: none on the first request, then only what is still wanted', async () => {
		assert.deepEqual(await read(10, 4, undefined, 6), {asked: [undefined, 2], cut: true, count: 6});
	});

	it('with a page size: pages of that size, the last one smaller', async () => {
		assert.deepEqual(await read(50, 1000, 20, 50), {asked: [20, 20, 10], cut: false, count: 50});
		assert.deepEqual(await read(60, 1000, 20, 50), {asked: [20, 20, 10], cut: true, count: 50});
	});

	it('a page size above the limit asks for the limit', async () => {
		assert.deepEqual(await read(60, 1000, 1000, 7), {asked: [7], cut: true, count: 7});
	});

	it('no limit: every page', async () => {
		assert.deepEqual(await read(9, 4, undefined, undefined), {asked: [undefined, undefined, undefined], cut: false, count: 9});
	});

	it('a page larger than asked is cut', async () => {
		assert.deepEqual(await read(12, 12, undefined, 5), {asked: [undefined], cut: true, count: 5});
	});
});
