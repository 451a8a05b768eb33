import type {EC2Client, EC2ClientConfig} from '@aws-sdk/client-ec2';
import type {ImportTask, TaskKind, TaskState} from '../model/import-task.js';
import type {PollFault} from '../model/poll-events.js';
import type {PollNotes} from '../model/poll-notes.js';
import type {TaskCanceller, TaskRef, TaskSource} from '../model/task-source.js';
import {classifyError, type ErrorContext, markAction} from './classify-error.js';
import {type CancelOutcome, cancelImportTask, isDryRunOperation} from './cancel-task.js';
import {createKindReader, type KindReader} from './kind-reader.js';
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
}

export type DryRunResult = {ok: true} | {ok: false; fault: PollFault};
export type {CancelOutcome} from './cancel-task.js';

export interface Ec2Source extends TaskSource {
	/** Builds a new client so changed credentials (aws sso login, an edited file) are picked up. */
	resetCredentials(): void;
	/** The endpoint or the region, for the header. */
	readonly describe: string;
	/** Asks EC2 whether DescribeImportImageTasks (or, watching snapshots only, DescribeImportSnapshotTasks) is allowed, without listing anything. */
	dryRunCheck(signal: AbortSignal): Promise<DryRunResult>;
	/** What the last good poll says besides its tasks (--max-items cut it, a kind is not allowed). */
	pollNotes(): PollNotes;
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
	/** A server that never stops paginating (cycling tokens) is cut off here. */
	maxPages: 1000,
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
	const readers = new Map<TaskKind, KindReader>((options.kinds ?? ['image', 'snapshot']).map((kind) => [kind, createKindReader(kind, {...options, maxPages: sourceDefaults.maxPages})]));
	let notes: PollNotes = {disabled: []};

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
			skipUnchangedPages(client);
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

	async function fetchTasks(signal: AbortSignal): Promise<ImportTask[]> {
		signal.throwIfAborted();
		const used = await lease();
		try {
			const sdk = await loadSdk();
			const asked = [...readers.values()].filter((reader) => !notes.disabled.some((off) => off.kind === reader.kind));
			// Both calls at once; a kind whose call is not allowed is dropped while another kind answers.
			const settled = await Promise.allSettled(asked.map((reader) => reader.read(sdk, used.client, signal)));
			signal.throwIfAborted();
			const answered = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
			const refused = settled.flatMap((result, index) => (result.status === 'rejected' ? [{reader: asked[index], error: result.reason}] : []));
			for (const {reader, error} of refused) if (reader !== undefined) markAction(error, `ec2:${reader.action}`);
			const [failed] = refused;
			if (failed !== undefined && (answered.length === 0 || refused.some(({error}) => classifyError(error, context).kind !== 'permission'))) throw failed.error;
			const disabled = [...notes.disabled, ...refused.flatMap(({reader}) => (reader === undefined ? [] : [{kind: reader.kind, action: reader.action}]))];
			const tasks = answered.flatMap((answer) => answer.tasks);
			const cut = answered.some((answer) => answer.cut) || (maxItems !== undefined && tasks.length > maxItems);
			notes = {...(cut && maxItems !== undefined ? {cutAt: maxItems} : {}), disabled};
			return maxItems === undefined ? tasks : tasks.slice(0, maxItems);
		} finally {
			release(used);
		}
	}

	async function dryRunCheck(signal: AbortSignal): Promise<DryRunResult> {
		const used = await lease();
		try {
			const [first] = readers.values();
			// A server that ignores DryRun simply answered: that is allowed too.
			if (first !== undefined) {
				try {
					await first.dryRun(await loadSdk(), used.client, signal);
				} catch (error) {
					markAction(error, `ec2:${first.action}`);
					throw error;
				}
			}
			return {ok: true};
		} catch (error) {
			if (isDryRunOperation(error)) {
				return {ok: true};
			}
			return {ok: false, fault: classifyError(error, context)};
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
		describe: endpoint ?? region,
		classify: (error) => classifyError(error, context),
		resetCredentials: retireClient,
		destroy: retireClient,
	};
}

