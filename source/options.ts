import {isTaskState, type TaskState} from './model/import-task.js';
import {credentialContext, type ErrorContext} from './watch/classify-error.js';

// Turns the parsed flags and the environment into the watcher's settings, or one line saying what is wrong.
// Pure: cli.tsx reads argv and env and hands them in.

export interface RawFlags {
	region?: string;
	profile?: string;
	endpoint?: string;
	interval?: string;
	state?: string;
	taskIds?: string;
	pageSize?: string;
	once?: boolean;
	json?: boolean;
	color?: boolean;
	demo?: boolean;
	check?: boolean;
}

export interface WatchConfig {
	region?: string;
	profile?: string;
	endpoint?: string;
	intervalMs: number;
	states?: TaskState[];
	taskIds?: string[];
	pageSize?: number;
	once: boolean;
	json: boolean;
	demo: boolean;
	check: boolean;
	/** For the credential hints: the profile in use and which key variables are set. */
	errorContext: ErrorContext;
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

export function resolveOptions(flags: RawFlags, env: Record<string, string | undefined>, profileRegion?: string): Resolved {
	// The demo's imports take about two minutes, so it polls every 2 s unless told otherwise.
	const interval = Number(flags.interval ?? (flags.demo === true ? '2' : '10'));
	if (!Number.isFinite(interval) || interval < 1) return fail(`--interval must be a number of seconds, at least 1 (got "${flags.interval}")`);

	let pageSize: number | undefined;
	if (flags.pageSize !== undefined) {
		pageSize = Number(flags.pageSize);
		if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) return fail(`--page-size must be a whole number from 1 to 1000 (got "${flags.pageSize}")`);
	}

	const stateNames = list(flags.state);
	if (stateNames !== undefined && stateNames.length === 0) return fail('--state needs at least one of: active, completed, deleting, deleted');
	const badState = stateNames?.find((name) => !isTaskState(name));
	if (badState !== undefined) return fail(`--state: "${badState}" is not a task state (use active, completed, deleting, deleted)`);
	const states = stateNames?.filter(isTaskState);

	const taskIds = list(flags.taskIds);
	if (taskIds !== undefined && taskIds.length === 0) return fail('--task-ids needs at least one import task id, e.g. import-ami-0123456789abcdef0');

	if (flags.json === true && flags.once !== true) return fail('--json goes with --once (e.g. --once --json)');
	if (flags.check === true && (flags.once === true || flags.demo === true)) return fail('--check checks AWS access on its own: leave out --once and --demo');

	const endpoint = flags.endpoint;
	if (endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(endpoint)) return fail(`--endpoint must be an http:// or https:// URL (got "${endpoint}")`);

	const demo = flags.demo === true;
	const region = flags.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? profileRegion ?? (demo ? 'us-east-1' : undefined);
	if (region !== undefined && !/^[a-z]{2}(-[a-z0-9]+)+-\d+$/.test(region)) return fail(`--region: "${region}" is not an AWS region name (e.g. us-east-1)`);
	if (region === undefined) return fail('no AWS region: pass --region (e.g. --region us-east-1), set AWS_REGION, add region to your profile, or try --demo');

	return {
		ok: true,
		config: {
			region,
			profile: flags.profile,
			endpoint,
			intervalMs: interval * 1000,
			states,
			taskIds,
			pageSize,
			once: flags.once === true,
			json: flags.json === true,
			demo,
			check: flags.check === true,
			errorContext: credentialContext(env, flags.profile),
		},
	};
}
