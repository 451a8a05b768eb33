import type {EC2Client} from '@aws-sdk/client-ec2';
import {type ImportTask, kindOfId, type TaskKind, type TaskState} from '../model/import-task.js';
import {createSnapshotCollector} from '../model/normalise-snapshot-task.js';
import {createTaskCollector} from '../model/normalise-task.js';
import {describeAction} from '../model/poll-notes.js';
import type {PageMemo, TaskCollector} from '../model/task-collector.js';
import type {LeftTask} from '../model/left-tasks.js';
import {createLeftFollower, isUnknownId, type LookUp, lookUpAll} from './left-lookup.js';
import type {ReadCaps} from './read-limits.js';
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
	/** Pages and tasks one read may take (see read-limits.ts). */
	caps: Pick<ReadCaps, 'pages' | 'tasks'>;
}

export interface KindAnswer {
	tasks: ImportTask[];
	/** --max-items stopped the listing while EC2 had more. */
	cut: boolean;
	/** The tasks that left this kind's list since the last read, looked up by id (see left-lookup.ts). */
	left: LeftTask[];
}

export interface KindReader {
	readonly kind: TaskKind;
	/** The Describe action, for the notice when it is not allowed. */
	readonly action: string;
	/** False when --task-ids names none of this kind: it is not asked at all. */
	readonly lists: boolean;
	read(sdk: Ec2Sdk, client: EC2Client, signal: AbortSignal): Promise<KindAnswer>;
	/** The same call with DryRun: true (throws DryRunOperation when allowed). */
	dryRun(sdk: Ec2Sdk, client: EC2Client, signal: AbortSignal): Promise<void>;
}

interface DescribeInput extends PageInput {
	Filters?: {Name: string; Values: string[]}[];
	ImportTaskIds?: string[];
}

export function createKindReader(kind: TaskKind, options: KindReaderOptions): KindReader {
	const {pageSize, maxItems, stateFilter, caps} = options;
	// --task-ids: each call gets the ids of its own kind (and any id whose prefix names no kind); EC2 refuses
	// the other kind's ids as malformed. When none is left, this kind has nothing to list and is not asked.
	// An id EC2 drops after it was seen (it forgets ended tasks after 7 days) is no longer asked for: EC2 would refuse
	// the whole call for it.
	let taskIds = options.taskIds?.filter((id) => (kindOfId(id) ?? kind) === kind);
	const noIdsLeft = () => options.taskIds !== undefined && options.taskIds.length > 0 && taskIds?.length === 0;
	const size = firstPageSize(pageSize, maxItems);
	// A new object every poll: the paginator writes NextToken into the input it is given.
	const freshInput = (): DescribeInput => ({
		...(stateFilter && stateFilter.length > 0 ? {Filters: [{Name: 'task-state', Values: [...stateFilter]}]} : {}),
		...(taskIds && taskIds.length > 0 ? {ImportTaskIds: [...taskIds]} : {}),
		...(size === undefined ? {} : {MaxResults: size}),
	});
	let last: ReadonlyMap<string, ImportTask> = new Map();
	const follower = createLeftFollower();
	// Pages kept from the last answer (watch/same-page.ts) come back as the same arrays.
	let lastPages: PageMemo = new Map();

	async function collect<Page, Api>(
		pages: (input: DescribeInput) => AsyncIterable<Page>,
		items: (page: Page) => ReadonlyArray<Api | null | undefined> | undefined,
		nextToken: (page: Page) => string | undefined,
		collector: TaskCollector<Api>,
		lookUp: LookUp,
		signal: AbortSignal,
	): Promise<KindAnswer> {
		const input = freshInput();
		const {cut} = await readPages({pages: pages(input), input, items, nextToken}, collector, {maxItems, maxPages: caps.pages, maxTasks: caps.tasks});
		const previous = last;
		last = collector.byId;
		lastPages = collector.pages;
		const tasks = collector.tasks();
		return {tasks, cut, left: await follower.settle(previous.values(), tasks, lookUp, signal)};
	}

	// The same call with only ImportTaskIds (no filter, no MaxResults): what EC2 says of these tasks now.
	const byId = (tasks: readonly ImportTask[]) =>
		new Map(tasks.flatMap((task) => (task.importTaskId === undefined ? [] : [[task.importTaskId, task] as const])));
	function lookUp(sdk: Ec2Sdk, client: EC2Client): LookUp {
		return async (ids, signal) => {
			const input = {ImportTaskIds: [...ids]};
			switch (kind) {
				case 'image': {
					const collector = createTaskCollector();
					collector.add((await client.send(new sdk.DescribeImportImageTasksCommand(input), {abortSignal: signal})).ImportImageTasks);
					return byId(collector.tasks());
				}
				case 'snapshot': {
					const collector = createSnapshotCollector();
					collector.add((await client.send(new sdk.DescribeImportSnapshotTasksCommand(input), {abortSignal: signal})).ImportSnapshotTasks);
					return byId(collector.tasks());
				}
				default: {
					const unreachable: never = kind;
					return unreachable;
				}
			}
		};
	}

	async function list(sdk: Ec2Sdk, client: EC2Client, signal: AbortSignal): Promise<KindAnswer> {
		if (noIdsLeft()) {
			const previous = last;
			last = new Map();
			return {tasks: [], cut: false, left: await follower.settle(previous.values(), [], lookUp(sdk, client), signal)};
		}
		const config = {client, stopOnSameToken: true};
		switch (kind) {
			case 'image':
				return collect(
					(input) => sdk.paginateDescribeImportImageTasks(config, input, {abortSignal: signal}),
					(page) => page.ImportImageTasks,
					(page) => page.NextToken,
					createTaskCollector(last, lastPages),
					lookUp(sdk, client),
					signal,
				);
			case 'snapshot':
				return collect(
					(input) => sdk.paginateDescribeImportSnapshotTasks(config, input, {abortSignal: signal}),
					(page) => page.ImportSnapshotTasks,
					(page) => page.NextToken,
					createSnapshotCollector(last, lastPages),
					lookUp(sdk, client),
					signal,
				);
			default: {
				const unreachable: never = kind;
				return unreachable;
			}
		}
	}

	/** The asked ids EC2 no longer knows, among those seen before: each is looked up on its own. */
	async function droppedIds(error: unknown, look: LookUp, signal: AbortSignal): Promise<string[]> {
		if (!isUnknownId(error) || taskIds === undefined) return [];
		const seen = new Set([...last.values()].flatMap((task) => (task.importTaskId === undefined ? [] : [task.importTaskId])));
		for (const id of follower.following()) seen.add(id);
		const candidates = taskIds.filter((id) => seen.has(id));
		if (candidates.length === 0) return [];
		try {
			const found = await lookUpAll(candidates, look, signal);
			return candidates.filter((id) => !found.has(id));
		} catch {
			return [];
		}
	}

	return {
		kind,
		action: describeAction[kind],
		// Asked for nothing of its kind (--task-ids): never read at all (ec2-source leaves it out).
		lists: !noIdsLeft(),
		async read(sdk, client, signal) {
			try {
				return await list(sdk, client, signal);
			} catch (error) {
				const dropped = signal.aborted ? [] : await droppedIds(error, lookUp(sdk, client), signal);
				if (dropped.length === 0) throw error;
				taskIds = taskIds?.filter((id) => !dropped.includes(id));
				return list(sdk, client, signal);
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
