import type {EC2Client} from '@aws-sdk/client-ec2';
import {type ImportTask, kindOfId, type TaskKind, type TaskState} from '../model/import-task.js';
import {createSnapshotCollector} from '../model/normalise-snapshot-task.js';
import {createTaskCollector} from '../model/normalise-task.js';
import {describeAction} from '../model/poll-notes.js';
import type {PageMemo, TaskCollector} from '../model/task-collector.js';
import {firstPageSize, type PageInput, readPages} from './task-pages.js';

// One kind of import task, listed with its own paginator: DescribeImportImageTasks or
// DescribeImportSnapshotTasks. Both take the same filters, ids and pagination; each keeps its last good tasks,
// so unchanged tasks stay the same objects from poll to poll.

type Ec2Sdk = typeof import('./ec2-sdk.js');

export interface KindReaderOptions {
	pageSize?: number;
	maxItems?: number;
	stateFilter?: TaskState[];
	taskIds?: string[];
	maxPages: number;
}

export interface KindAnswer {
	tasks: ImportTask[];
	/** --max-items stopped the listing while EC2 had more. */
	cut: boolean;
}

export interface KindReader {
	readonly kind: TaskKind;
	/** The Describe action, for the notice when it is not allowed. */
	readonly action: string;
	read(sdk: Ec2Sdk, client: EC2Client, signal: AbortSignal): Promise<KindAnswer>;
	/** The same call with DryRun: true (throws DryRunOperation when allowed). */
	dryRun(sdk: Ec2Sdk, client: EC2Client, signal: AbortSignal): Promise<void>;
}

interface DescribeInput extends PageInput {
	Filters?: {Name: string; Values: string[]}[];
	ImportTaskIds?: string[];
}

export function createKindReader(kind: TaskKind, options: KindReaderOptions): KindReader {
	const {pageSize, maxItems, stateFilter, maxPages} = options;
	// --task-ids: each call gets the ids of its own kind (and any id whose prefix names no kind); EC2 refuses
	// the other kind's ids as malformed. When none is left, this kind has nothing to list and is not asked.
	const taskIds = options.taskIds?.filter((id) => (kindOfId(id) ?? kind) === kind);
	const nothingToList = options.taskIds !== undefined && options.taskIds.length > 0 && taskIds?.length === 0;
	const size = firstPageSize(pageSize, maxItems);
	// A new object every poll: the paginator writes NextToken into the input it is given.
	const freshInput = (): DescribeInput => ({
		...(stateFilter && stateFilter.length > 0 ? {Filters: [{Name: 'task-state', Values: [...stateFilter]}]} : {}),
		...(taskIds && taskIds.length > 0 ? {ImportTaskIds: [...taskIds]} : {}),
		...(size === undefined ? {} : {MaxResults: size}),
	});
	let last: ReadonlyMap<string, ImportTask> = new Map();
	// Pages kept from the last answer (watch/same-page.ts) come back as the same arrays.
	let lastPages: PageMemo = new Map();

	async function collect<Page, Api>(
		pages: (input: DescribeInput) => AsyncIterable<Page>,
		items: (page: Page) => ReadonlyArray<Api | null | undefined> | undefined,
		nextToken: (page: Page) => string | undefined,
		collector: TaskCollector<Api>,
	): Promise<KindAnswer> {
		const input = freshInput();
		const {cut} = await readPages({pages: pages(input), input, items, nextToken}, collector, {maxItems, maxPages});
		last = collector.byId;
		lastPages = collector.pages;
		return {tasks: collector.tasks(), cut};
	}

	return {
		kind,
		action: describeAction[kind],
		async read(sdk, client, signal) {
			if (nothingToList) return {tasks: [], cut: false};
			const config = {client, stopOnSameToken: true};
			switch (kind) {
				case 'image':
					return collect(
						(input) => sdk.paginateDescribeImportImageTasks(config, input, {abortSignal: signal}),
						(page) => page.ImportImageTasks,
						(page) => page.NextToken,
						createTaskCollector(last, lastPages),
					);
				case 'snapshot':
					return collect(
						(input) => sdk.paginateDescribeImportSnapshotTasks(config, input, {abortSignal: signal}),
						(page) => page.ImportSnapshotTasks,
						(page) => page.NextToken,
						createSnapshotCollector(last, lastPages),
					);
				default: {
					const unreachable: never = kind;
					return unreachable;
				}
			}
		},
		async dryRun(sdk, client, signal) {
			const input = {...freshInput(), DryRun: true};
			switch (kind) {
				case 'image':
					await client.send(new sdk.DescribeImportImageTasksCommand(input), {abortSignal: signal});
					return;
				case 'snapshot':
					await client.send(new sdk.DescribeImportSnapshotTasksCommand(input), {abortSignal: signal});
					return;
				default: {
					const unreachable: never = kind;
					return unreachable;
				}
			}
		},
	};
}
