import {isTaskKind, isTaskState, type TaskKind, taskKinds, type TaskState} from '../model/import-task.js';
import {checkRegionName, regionProblem, regionShape} from '../model/region-name.js';
import type {RegionProfile} from '../model/region-profile.js';
import {redactUrl} from '../text/redact-url.js';
import {type NotifyMethod, notifyMethods} from '../terminal/osc.js';
import {credentialContext, type ErrorContext} from '../watch/classify-error.js';
import type {ProfileKey} from '../watch/aws-profile.js';
import {historyPlace} from '../watch/history-paths.js';
import type {RawFlags} from './flags.js';

// Turns the parsed flags and the environment into the watcher's settings, or one line saying what is wrong.
// Pure: cli.tsx reads argv and env and hands them in.

export interface WatchConfig {
	region?: string;
	profile?: string;
	endpoint?: string;
	intervalMs: number;
	states?: TaskState[];
	taskIds?: string[];
	pageSize?: number;
	/** At most this many tasks per poll. */
	maxItems?: number;
	/** Which Describe calls to make. */
	kinds: TaskKind[];
	/** x may cancel an import (CancelImportTask). */
	allowCancel: boolean;
	once: boolean;
	json: boolean;
	demo: boolean;
	check: boolean;
	/** For the credential hints: the profile in use and which key variables are set. */
	errorContext: ErrorContext;
	/** Lines for stderr before the watch starts (an unencrypted endpoint), each one line. */
	warnings: string[];
	/** Every region × profile to watch; one pair unless --region or --profile list several. */
	pairs: RegionProfile[];
	stuckAfterMs: number;
	journal?: string;
	/** Where the history is kept (the XDG state directory); undefined with --no-history, --once, --check, --demo. */
	historyDirectory?: string;
	/** Why there is no history although it was not turned off (said once, when the watch starts). */
	historyOff?: string;
	notify: NotifyMethod[];
	/** --on-event: the operator's command, run by /bin/sh for every transition. */
	onEvent?: string;
	/** How long a hook may run before it is killed. */
	onEventTimeoutMs: number;
	untilDone: boolean;
}

export type Resolved = {ok: true; config: WatchConfig} | {ok: false; error: string};

const list = (value: string | undefined): string[] | undefined => {
	if (value === undefined) return undefined;
	const items = value
		.split(',')
		.map((item) => item.trim())
		.filter((item) => item !== '');
	return items;
};

const fail = (error: string): Resolved => ({ok: false, error});

const units: Record<string, number> = {s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000};

/** "30m", "2h", "90s", "1.5h"; a bare number is minutes. */
export function parseDuration(text: string): number | undefined {
	const match = /^(\d+(?:\.\d+)?)\s*([smhd]?)$/.exec(text.trim());
	if (match === null) return undefined;
	const value = Number(match[1]) * (units[match[2] || 'm'] ?? 60_000);
	return value > 0 ? value : undefined;
}

/** What is watched, for the header: the region, the profile and the endpoint (with any query removed). */
export function placeOf(config: Pick<WatchConfig, 'pairs' | 'endpoint'>, several: string): string {
	const [only] = config.pairs;
	if (config.pairs.length !== 1 || only === undefined) return several;
	const endpoint = config.endpoint ?? only.endpoint;
	return `${only.region}${only.profile === undefined ? '' : ` (profile ${only.profile})`}${endpoint === undefined ? '' : ` at ${redactUrl(endpoint)}`}`;
}

/** Whether a URL's host is this machine (127.0.0.0/8, ::1, localhost): only then may plain http:// go unwarned. */
export function isLoopbackHost(hostname: string): boolean {
	const bare = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
	return bare === 'localhost' || bare.endsWith('.localhost') || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

/**
 * One line for stderr when an endpoint is plain http:// to another machine: requests (signed, but readable,
 * with the task list in the answer) travel unencrypted. The URL is only parsed here, never requested.
 */
export function plaintextWarning(endpoint: string | undefined): string | undefined {
	if (endpoint === undefined) return undefined;
	let url: URL;
	try {
		url = new URL(endpoint);
	} catch {
		return undefined;
	}
	if (url.protocol !== 'http:' || isLoopbackHost(url.hostname)) return undefined;
	return `warning: ${url.protocol}//${url.host} is not encrypted: requests and answers travel in clear over the network (use https://)`;
}

/** Which of the profiles watched get their keys from a `credential_process` command (their hint is not SSO's). */
function withProcessProfiles(
	context: ErrorContext,
	profiles: readonly (string | undefined)[],
	profileValue: (profile: string | undefined, key: ProfileKey) => string | undefined,
): ErrorContext {
	const named = [...new Set([...profiles, context.profile].filter((profile) => profile !== undefined))];
	// With no profile named, the SDK falls back to the default profile (after the environment's keys).
	const candidates = named.length === 0 ? ['default'] : named;
	const processProfiles = candidates.filter((profile) => profileValue(profile, 'credential_process') !== undefined);
	return processProfiles.length === 0 ? context : {...context, processProfiles};
}

/** Flags that only the live watcher uses: given with --once or --check they would do nothing, unsaid. */
const watchOnlyFlags = [
	['allowCancel', '--allow-cancel'],
	['journal', '--journal'],
	['notify', '--notify'],
	['stuckAfter', '--stuck-after'],
	['onEvent', '--on-event'],
] as const satisfies readonly (readonly [keyof RawFlags, string])[];

/** The one line refusing a watch-only flag with --once or --check, or undefined. */
function watchOnlyFlag(flags: RawFlags): string | undefined {
	if (flags.once !== true && flags.check !== true) return undefined;
	const given = watchOnlyFlags.find(([name]) => flags[name] !== undefined && flags[name] !== false);
	return given === undefined ? undefined : `${given[1]} goes with the live watcher (not --once or --check)`;
}

/** --on-event and its time limit (seconds, default 30, at most a day). */
function hookOptions(flags: RawFlags): Pick<WatchConfig, 'onEvent' | 'onEventTimeoutMs'> | {error: string} {
	const command = flags.onEvent;
	if (command !== undefined && command.trim() === '') return {error: "--on-event needs a command, e.g. --on-event 'cat >> events.jsonl'"};
	if (flags.onEventTimeout !== undefined && command === undefined) return {error: '--on-event-timeout goes with --on-event'};
	const seconds = Number(flags.onEventTimeout ?? '30');
	if (flags.onEventTimeout?.trim() === '' || !Number.isFinite(seconds) || seconds <= 0 || seconds > 86_400) {
		return {error: `--on-event-timeout must be a number of seconds above 0, at most 86400 (got "${flags.onEventTimeout}")`};
	}
	return {...(command === undefined ? {} : {onEvent: command}), onEventTimeoutMs: seconds * 1000};
}

export function resolveOptions(
	flags: RawFlags,
	env: Record<string, string | undefined>,
	profileValue: (profile: string | undefined, key: ProfileKey) => string | undefined = () => undefined,
	profileExists: (profile: string) => boolean = () => true,
): Resolved {
	// The demo's imports take about two minutes, so it polls every 2 s unless told otherwise.
	const interval = Number(flags.interval ?? (flags.demo === true ? '2' : '10'));
	if (!Number.isFinite(interval) || interval < 1 || interval > 3600)
		return fail(`--interval must be a number of seconds from 1 to 3600 (got "${flags.interval}")`);

	let pageSize: number | undefined;
	if (flags.pageSize !== undefined) {
		pageSize = Number(flags.pageSize);
		if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)
			return fail(`--page-size must be a whole number from 1 to 1000 (got "${flags.pageSize}")`);
	}

	let maxItems: number | undefined;
	if (flags.maxItems !== undefined) {
		maxItems = Number(flags.maxItems);
		if (!Number.isInteger(maxItems) || maxItems < 1) return fail(`--max-items must be a whole number of at least 1 (got "${flags.maxItems}")`);
	}

	const kindNames = list(flags.kind);
	if (kindNames !== undefined && kindNames.length === 0) return fail('--kind needs at least one of: image, snapshot');
	const badKind = kindNames?.find((name) => !isTaskKind(name));
	if (badKind !== undefined) return fail(`--kind: "${badKind}" is not a kind of import (use image, snapshot)`);
	const kinds = taskKinds.filter((kind) => kindNames === undefined || kindNames.includes(kind));

	const stateNames = list(flags.state);
	if (stateNames !== undefined && stateNames.length === 0) return fail('--state needs at least one of: active, completed, deleting, deleted');
	const badState = stateNames?.find((name) => !isTaskState(name));
	if (badState !== undefined) return fail(`--state: "${badState}" is not a task state (use active, completed, deleting, deleted)`);
	const states = stateNames?.filter(isTaskState);

	const taskIds = list(flags.taskIds);
	if (taskIds !== undefined && taskIds.length === 0) return fail('--task-ids needs at least one import task id, e.g. import-ami-0123456789abcdef0');

	if (flags.json === true && flags.once !== true) return fail('--json goes with --once (e.g. --once --json)');
	if (flags.check === true && (flags.once === true || flags.demo === true)) {
		const given = [flags.once === true ? '--once' : '', flags.demo === true ? '--demo' : ''].filter((flag) => flag !== '');
		return fail(`--check checks AWS access on its own: leave out ${given.join(' and ')}`);
	}
	const watchOnly = watchOnlyFlag(flags);
	if (watchOnly !== undefined) return fail(watchOnly);

	const endpoint = flags.endpoint;
	if (endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(endpoint)) return fail(`--endpoint must be an http:// or https:// URL (got "${endpoint}")`);

	const demo = flags.demo === true;
	const profileNames = list(flags.profile);
	if (profileNames !== undefined && profileNames.length === 0) return fail('--profile needs a profile name');
	const regionNames = list(flags.region);
	if (regionNames !== undefined && regionNames.length === 0) return fail('--region needs a region name (e.g. us-east-1)');
	const unknownProfile = profileNames?.find((profile) => !profileExists(profile));
	if (unknownProfile !== undefined)
		return fail(`--profile: no profile "${unknownProfile}" in the AWS config or credentials file (aws configure list-profiles lists them)`);
	const profiles: (string | undefined)[] = profileNames ?? [undefined];
	const pairs: RegionProfile[] = [];
	const regionWarnings = new Set<string>();
	for (const profile of profiles) {
		const regions = regionNames ?? [env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? profileValue(profile, 'region') ?? (demo ? 'us-east-1' : '')];
		// The environment's endpoint wins over the profile's, as in the AWS CLI; the SDK reads the environment itself.
		const profileEndpoint =
			profile === undefined || env.AWS_ENDPOINT_URL_EC2 !== undefined || env.AWS_ENDPOINT_URL !== undefined ? undefined : profileValue(profile, 'endpoint_url');
		for (const region of regions) {
			if (region === '') {
				const whose = profile === undefined ? '' : ` for profile ${profile}`;
				return fail(`no AWS region${whose}: pass --region (e.g. --region us-east-1), set AWS_REGION, add region to your profile, or try --demo`);
			}
			const whence =
				regionNames !== undefined
					? '--region'
					: env.AWS_REGION !== undefined
						? 'AWS_REGION'
						: env.AWS_DEFAULT_REGION !== undefined
							? 'AWS_DEFAULT_REGION'
							: `profile ${profile ?? env.AWS_PROFILE ?? 'default'}`;
			if (!regionShape.test(region)) return fail(`${whence}: "${region}" is not an AWS region name (e.g. us-east-1)`);
			const check = checkRegionName(region);
			if (!check.ok) {
				// A simulator or a private endpoint accepts any region name: there it is only said.
				const anyEndpoint = demo || (endpoint ?? env.AWS_ENDPOINT_URL_EC2 ?? env.AWS_ENDPOINT_URL ?? profileEndpoint) !== undefined;
				if (!anyEndpoint) return fail(regionProblem(region, whence, check));
				regionWarnings.add(`warning: ${regionProblem(region, whence, check)}; used as given, since an endpoint is set`);
			}
			pairs.push({region, ...(profile === undefined ? {} : {profile}), ...(profileEndpoint === undefined ? {} : {endpoint: profileEndpoint})});
		}
	}
	const [first] = pairs;
	if (first === undefined) return fail('nothing to watch');
	if (pairs.length > 1 && (flags.once === true || demo)) {
		return fail('several regions or profiles go with the live watcher and --check only (not --once or --demo)');
	}

	let stuckAfterMs = 30 * 60_000;
	if (flags.stuckAfter !== undefined) {
		const parsed = parseDuration(flags.stuckAfter);
		if (parsed === undefined) return fail(`--stuck-after must be a duration such as 30m, 2h or 90s (got "${flags.stuckAfter}")`);
		stuckAfterMs = parsed;
	}

	const notifyNames = list(flags.notify) ?? [];
	if (flags.notify !== undefined && notifyNames.length === 0) return fail('--notify needs at least one of bell, osc9, osc777');
	const badNotify = notifyNames.find((name) => !notifyMethods.some((method) => method === name));
	if (badNotify !== undefined) return fail(`--notify: "${badNotify}" is not one of bell, osc9, osc777`);
	const notify = notifyMethods.filter((method) => notifyNames.includes(method));
	if (flags.journal !== undefined && flags.journal.trim() === '') return fail('--journal needs a file name');
	if (flags.untilDone === true && flags.once === true) return fail('--until-done watches until the imports end: leave out --once');
	const hooks = hookOptions(flags);
	if ('error' in hooks) return fail(hooks.error);
	// The live watcher keeps history; a one-off listing (--once, --check) has none to keep, and the demo's made-up
	// tasks are not for the history of real ones.
	const keepsHistory = flags.history !== false && flags.once !== true && flags.check !== true && flags.demo !== true;
	const history = keepsHistory ? historyPlace(env) : undefined;

	return {
		ok: true,
		config: {
			region: first.region,
			profile: first.profile,
			pairs,
			stuckAfterMs,
			...(flags.journal === undefined ? {} : {journal: flags.journal}),
			...(history === undefined ? {} : 'off' in history ? {historyOff: history.off} : {historyDirectory: history.directory}),
			notify,
			...hooks,
			untilDone: flags.untilDone === true,
			endpoint,
			intervalMs: interval * 1000,
			states,
			taskIds,
			pageSize,
			...(maxItems === undefined ? {} : {maxItems}),
			kinds,
			allowCancel: flags.allowCancel === true,
			once: flags.once === true,
			json: flags.json === true,
			demo,
			check: flags.check === true,
			errorContext: withProcessProfiles(credentialContext(env, first.profile), profiles, profileValue),
			// The endpoints in use: --endpoint, else the environment's (read by the SDK) and the profiles'.
			warnings: [
				...regionWarnings,
				...[
					...new Set(endpoint !== undefined ? [endpoint] : [env.AWS_ENDPOINT_URL_EC2 ?? env.AWS_ENDPOINT_URL, ...pairs.map((pair) => pair.endpoint)]),
				].flatMap((url) => plaintextWarning(url) ?? []),
			],
		},
	};
}
