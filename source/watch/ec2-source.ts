import type {
	DescribeImportImageTasksCommandInput,
	EC2Client,
	EC2ClientConfig,
} from '@aws-sdk/client-ec2';
import type {ImportTask, TaskState} from '../model/import-task.js';
import {createTaskCollector} from '../model/normalise-task.js';
import type {PollFault} from '../model/poll-events.js';
import type {TaskSource} from '../model/task-source.js';
import {classifyError, type ErrorContext} from './classify-error.js';

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

export interface Ec2Source extends TaskSource {
	/** Builds a new client so changed credentials (aws sso login, an edited file) are picked up. */
	resetCredentials(): void;
	/** The endpoint or the region, for the header. */
	readonly describe: string;
	/** Asks EC2 whether DescribeImportImageTasks is allowed, without listing anything. */
	dryRunCheck(signal: AbortSignal): Promise<DryRunResult>;
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
	const {region, profile, endpoint, pageSize, stateFilter, taskIds, credentials} = options;
	const context = options.errorContext ?? (profile === undefined ? {} : {profile});
	let current: Lease | undefined;
	/** The last good poll's tasks by id: unchanged tasks keep these objects. */
	let lastTasks: ReadonlyMap<string, ImportTask> = new Map();

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
		current ??= {client: new EC2Client(clientConfig()), active: 0, retired: false};
		current.active += 1;
		return current;
	}

	function release(used: Lease): void {
		used.active -= 1;
		if (used.retired && used.active === 0) {
			used.client.destroy();
		}
	}

	function freshInput(): DescribeImportImageTasksCommandInput {
		// A new object every poll: the paginator writes NextToken into the input it is given.
		return {
			...(stateFilter && stateFilter.length > 0 ? {Filters: [{Name: 'task-state', Values: [...stateFilter]}]} : {}),
			...(taskIds && taskIds.length > 0 ? {ImportTaskIds: [...taskIds]} : {}),
		};
	}

	async function fetchTasks(signal: AbortSignal): Promise<ImportTask[]> {
		signal.throwIfAborted();
		const used = await lease();
		try {
			const pages = (await loadSdk()).paginateDescribeImportImageTasks(
				{client: used.client, stopOnSameToken: true, ...(pageSize === undefined ? {} : {pageSize})},
				freshInput(),
				{abortSignal: signal},
			);
			// Each page is normalised as it arrives: only the last one is left to do once the answer is complete.
			const found = createTaskCollector(lastTasks);
			let count = 0;
			for await (const page of pages) {
				found.add(page.ImportImageTasks);
				count += 1;
				if (count >= sourceDefaults.maxPages) {
					throw new Error(`EC2 kept sending more pages (${count}); stopped reading`);
				}
			}
			lastTasks = found.byId;
			return found.tasks();
		} finally {
			release(used);
		}
	}

	async function dryRunCheck(signal: AbortSignal): Promise<DryRunResult> {
		const used = await lease();
		try {
			const {DescribeImportImageTasksCommand} = await loadSdk();
			await used.client.send(new DescribeImportImageTasksCommand({...freshInput(), DryRun: true}), {abortSignal: signal});
			// A server that ignores DryRun simply answered: that is allowed too.
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
		describe: endpoint ?? region,
		classify: (error) => classifyError(error, context),
		resetCredentials: retireClient,
		destroy: retireClient,
	};
}

function isDryRunOperation(error: unknown): boolean {
	return typeof error === 'object' && error !== null && Reflect.get(error, 'name') === 'DryRunOperation';
}
