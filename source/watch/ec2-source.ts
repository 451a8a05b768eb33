import type {EC2Client, EC2ClientConfig} from '@aws-sdk/client-ec2';
import type {ImportTask, TaskKind, TaskState} from '../model/import-task.js';
import type {LeftTask} from '../model/left-tasks.js';
import type {PairFault, PollFault} from '../model/poll-events.js';
import type {Timers} from '../model/clock.js';
import type {PollNotes} from '../model/poll-notes.js';
import type {TaskCanceller, TaskRef, TaskSource} from '../model/task-source.js';
import {classifyError, type ErrorContext, markAction} from './classify-error.js';
import {type CancelOutcome, cancelImportTask, isDryRunOperation} from './cancel-task.js';
import {createKindReader, type KindReader} from './kind-reader.js';
import {createParts} from './partial-parts.js';
import {realTimers} from './poller.js';
import {capResponse, type ReadCaps, readLimits} from './read-limits.js';
import {skipUnchangedPages} from './same-page.js';

// The only module that uses @aws-sdk/client-ec2 (through ec2-sdk.ts): one client, its credentials, the paginator.
// The SDK is loaded on first use, so the first frame does not wait for it; bundled, only the names in
// ec2-sdk.ts and what they use are shipped.

type Ec2Sdk = typeof import('./ec2-sdk.js');

let sdk: Promise<Ec2Sdk> | undefined;
function loadSdk(): Promise<Ec2Sdk> {
	sdk ??= import('./ec2-sdk.js');
	return sdk;
}

export interface StaticCredentials {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken?: string;
}

export interface Ec2SourceOptions {
	region: string;
	/** A profile from ~/.aws/config (credentials, SSO, region and endpoint_url). */
	profile?: string;
	/** e.g. the simulator's URL; otherwise the SDK's own resolution (AWS_ENDPOINT_URL_EC2, endpoint_url …). */
	endpoint?: string;
	/** MaxResults per page; by default none is sent, as the CLI does (the server's bounds are undocumented). */
	pageSize?: number;
	/** At most this many tasks per poll (--max-items). */
	maxItems?: number;
	/** Which Describe calls to make; default both. */
	kinds?: readonly TaskKind[];
	stateFilter?: TaskState[];
	taskIds?: string[];
	/** Fixed credentials (--demo against the simulator); the default chain otherwise. */
	credentials?: StaticCredentials;
	/** SDK attempts per request. Default 2: one quick retry; the poller's own backoff does the rest. */
	maxAttempts?: number;
	/** No answer for this long fails the request (a TimeoutError). Default 10 s. */
	requestTimeoutMs?: number;
	/** No TCP connection within this long fails the request. Default 5 s. */
	connectionTimeoutMs?: number;
	/** What credential hints may say (see credentialContext); default: the profile only. */
	errorContext?: ErrorContext;
	/** How much one poll may read; default readLimits. */
	readCaps?: Partial<ReadCaps>;
	/** The poll interval and clock, for the backoff of a kind that fails while the other answers. */
	intervalMs?: number;
	timers?: Timers<unknown>;
}

/** One DryRun call's answer; `action` is the IAM action it needs (ec2:…). */
export type DryRunResult = {action: string} & ({ok: true} | {ok: false; fault: PollFault});
export type {CancelOutcome} from './cancel-task.js';

export interface Ec2Source extends TaskSource {
	/** Builds a new client so changed credentials (aws sso login, an edited file) are picked up. */
	resetCredentials(): void;
	/** The endpoint or the region, for the header. */
	readonly describe: string;
	/** Asks EC2 whether each kind's Describe call is allowed, without listing anything: one answer per kind watched. */
	dryRunCheck(signal: AbortSignal): Promise<DryRunResult[]>;
	/** What the last good poll says besides its tasks (--max-items cut it, a kind is not allowed). */
	pollNotes(): PollNotes;
	/** The kinds whose call failed in the last poll while the other answered (label: the call). */
	partialFaults(): PairFault[];
	/** CancelImportTask (--allow-cancel); a dry run asks whether it would be allowed. */
	cancelTask: TaskCanceller['cancelTask'];
	/** classifyError with this source's profile, for the poller's `classify`. */
	classify(error: unknown): PollFault;
	/** Releases the client's sockets (once the requests in flight end). */
	destroy(): void;
}

export const sourceDefaults = {
	maxAttempts: 2,
	requestTimeoutMs: 10_000,
	connectionTimeoutMs: 5000,
	intervalMs: 10_000,
} as const;

/** A client and the requests using it, so a retired client is destroyed only once they end. */
interface Lease {
	client: EC2Client;
	active: number;
	retired: boolean;
}

export function createEc2Source(options: Ec2SourceOptions): Ec2Source {
	const {region, profile, endpoint, credentials, maxItems} = options;
	const context = options.errorContext ?? (profile === undefined ? {} : {profile});
	let current: Lease | undefined;
	const caps: ReadCaps = {...readLimits, ...options.readCaps};
	const readers = new Map<TaskKind, KindReader>((options.kinds ?? ['image', 'snapshot']).map((kind) => [kind, createKindReader(kind, {...options, caps})]));
	let notes: PollNotes = {disabled: []};
	/** Whether each kind's last good read was cut by --max-items. */
	const cuts = new Map<TaskKind, boolean>();
	/** The tasks that left the kinds' lists in this poll, looked up by id. */
	let left: LeftTask[] = [];

	function clientConfig(): EC2ClientConfig {
		const config: EC2ClientConfig & {ignoreCache: boolean} = {
			region,
			maxAttempts: options.maxAttempts ?? sourceDefaults.maxAttempts,
			retryMode: 'standard',
			requestHandler: {
				requestTimeout: options.requestTimeoutMs ?? sourceDefaults.requestTimeoutMs,
				connectionTimeout: options.connectionTimeoutMs ?? sourceDefaults.connectionTimeoutMs,
				// Without this the SDK only logs a warning when requestTimeout passes.
				throwOnRequestTimeout: true,
			},
			// The default chain caches ~/.aws/config and credentials for the life of the process; this
			// (passed through to fromIni/fromSSO) makes a new client read them again.
			ignoreCache: true,
			...(endpoint === undefined ? {} : {endpoint}),
			...(credentials === undefined ? {} : {credentials}),
			...(profile === undefined || credentials !== undefined ? {} : {profile}),
		};
		return config;
	}

	async function lease(): Promise<Lease> {
		const {EC2Client} = await loadSdk();
		if (current === undefined) {
			const client = new EC2Client(clientConfig());
			// Unchanged pages are not parsed again (same-page.ts); added first, so that its inner half sees the body
			// the byte cap below has read.
			skipUnchangedPages(client);
			// Innermost in the deserialize step: the body is read, and counted, before the SDK's deserializer sees it.
			client.middlewareStack.add(
				(next) => async (args) => {
					const output = await next(args);
					await capResponse(output, caps.answerBytes);
					return output;
				},
				{step: 'deserialize', priority: 'low', name: 'answerByteCap'},
			);
			current = {client, active: 0, retired: false};
		}
		current.active += 1;
		return current;
	}

	function release(used: Lease): void {
		used.active -= 1;
		if (used.retired && used.active === 0) {
			used.client.destroy();
		}
	}

	// One kind's read, on the client of the moment; its error names the call, for the fault line and IAM hints.
	async function readKind(reader: KindReader, signal: AbortSignal): Promise<ImportTask[]> {
		signal.throwIfAborted();
		const used = await lease();
		try {
			const answer = await reader.read(await loadSdk(), used.client, signal);
			cuts.set(reader.kind, answer.cut);
			left.push(...answer.left);
			return answer.tasks;
		} catch (error) {
			markAction(error, `ec2:${reader.action}`);
			throw error;
		} finally {
			release(used);
		}
	}

	// Each kind polls and fails on its own (the same parts as regions and profiles): a kind that fails keeps its
	// last good tasks and its own backoff while the other's keep coming; the poll fails only when every kind fails.
	const kinds = createParts({
		parts: [...readers.values()]
			.filter((reader) => reader.lists)
			.map((reader) => ({
				label: reader.action,
				source: {
					fetchTasks: (signal: AbortSignal) => readKind(reader, signal),
					classify: (error: unknown) => classifyError(error, context),
					resetCredentials: retireClient,
				},
			})),
		intervalMs: options.intervalMs ?? sourceDefaults.intervalMs,
		timers: options.timers ?? realTimers,
	});

	async function fetchTasks(signal: AbortSignal): Promise<ImportTask[]> {
		signal.throwIfAborted();
		left = [];
		await kinds.poll(signal);
		signal.throwIfAborted();
		// A kind whose call is not allowed, while another kind answers, is not asked again: a note says so.
		for (const state of [...kinds.states]) {
			if (state.fault?.fault.kind !== 'permission' || state.tasks !== undefined || !kinds.states.some((other) => other.tasks !== undefined)) continue;
			const reader = [...readers.values()].find((candidate) => candidate.action === state.label);
			if (reader !== undefined) notes = {...notes, disabled: [...notes.disabled, {kind: reader.kind, action: reader.action}]};
			kinds.retire(state);
		}
		const tasks = kinds.states.flatMap((state) => state.tasks ?? []);
		const cut = [...cuts.values()].some((value) => value) || (maxItems !== undefined && tasks.length > maxItems);
		const shown = maxItems === undefined ? tasks : tasks.slice(0, maxItems);
		// Cut here, by --max-items across both kinds: not gone, just not shown (what EC2 says of them is known).
		left.push(...tasks.slice(shown.length).map((task) => ({task, how: 'found' as const})));
		notes = {...(cut && maxItems !== undefined ? {cutAt: maxItems} : {}), disabled: notes.disabled, ...(left.length === 0 ? {} : {left})};
		return shown;
	}

	async function dryRunCheck(signal: AbortSignal): Promise<DryRunResult[]> {
		const used = await lease();
		try {
			return await Promise.all(
				[...readers.values()].map(async (reader): Promise<DryRunResult> => {
					const action = `ec2:${reader.action}`;
					try {
						await reader.dryRun(await loadSdk(), used.client, signal);
						// A server that ignores DryRun simply answered: that is allowed too.
						return {action, ok: true};
					} catch (error) {
						if (isDryRunOperation(error)) return {action, ok: true};
						markAction(error, action);
						return {action, ok: false, fault: classifyError(error, context)};
					}
				}),
			);
		} finally {
			release(used);
		}
	}

	// A client of its own, with no SDK retry: CancelImportTask is sent once (see cancel-task.ts).
	async function cancelTask(task: TaskRef, cancel: {dryRun: boolean; reason: string}, signal: AbortSignal): Promise<CancelOutcome> {
		const sdk = await loadSdk();
		const client = new sdk.EC2Client({...clientConfig(), maxAttempts: 1});
		try {
			return await cancelImportTask(sdk, client, {taskId: task.importTaskId, ...cancel}, signal, (error) => classifyError(error, context));
		} finally {
			client.destroy();
		}
	}

	// The next request builds a new client; the old one is destroyed when its last request ends.
	function retireClient(): void {
		const old = current;
		current = undefined;
		if (old) {
			old.retired = true;
			old.active += 1;
			release(old);
		}
	}

	return {
		fetchTasks,
		dryRunCheck,
		cancelTask,
		pollNotes: () => notes,
		partialFaults: () => kinds.faults(),
		describe: endpoint ?? region,
		classify: (error) => classifyError(error, context),
		resetCredentials: retireClient,
		destroy: retireClient,
	};
}
