import process from 'node:process';
import meow from 'meow';
import packageJson from '../package.json' with {type: 'json'};
import {type RawFlags, resolveOptions, type WatchConfig} from './options.js';
import {detectCapabilities} from './terminal/capabilities.js';
import {profileExists, profileSetting} from './watch/aws-profile.js';

// The only place that reads argv, the environment and TTY-ness, and sets exit codes.

const help = `
  Watch AWS EC2 VM-import image tasks live (DescribeImportImageTasks).

  Usage
    $ ec2-import-watch [flags]
    $ ec2-import-watch simulate [--port N] …   (the embedded EC2 simulator; see simulate --help)

  Flags
    --region R[,R…]     AWS region(s) (else AWS_REGION, AWS_DEFAULT_REGION, the profile's region)
    --profile P[,P…]    profile(s) from ~/.aws/config; several regions/profiles are watched together
    --endpoint URL      EC2 endpoint (else AWS_ENDPOINT_URL_EC2 or the profile's endpoint_url)
    --interval S        seconds between polls (default 10, at least 1)
    --state LIST        fetch only these states: active,completed,deleting,deleted
    --task-ids LIST     fetch only these import task ids
    --page-size N       tasks per request (MaxResults, 1–1000)
    --once              fetch once, print a table and exit
    --json              with --once: print the tasks as JSON
    --demo              run against the embedded simulator (no AWS account needed)
    --check             check credentials, region and permission with one DryRun call; exit 0 or 1
    --stuck-after D     mark an active task stuck when nothing changed for D (default 30m; 90s, 2h …)
    --journal FILE      append every transition as a JSON line (see the README for the schema)
    --notify LIST       bell,osc9,osc777: notify when a task completes, fails or gets stuck
    --until-done        exit when no task is active: 0 all completed, 1 any deleted, 2 on an error
    --no-color          no colours (also NO_COLOR=1)
    --help, --version

  Keys: ↑↓/jk move · Enter details · 1-5/Tab state · / filter · s sort · y copy · r refresh · p pause · ? help · q quit
`;

const flagSpec = {
	region: {type: 'string'},
	profile: {type: 'string'},
	endpoint: {type: 'string'},
	interval: {type: 'string'},
	state: {type: 'string'},
	taskIds: {type: 'string'},
	pageSize: {type: 'string'},
	once: {type: 'boolean'},
	json: {type: 'boolean'},
	demo: {type: 'boolean'},
	color: {type: 'boolean', default: true},
	check: {type: 'boolean'},
	stuckAfter: {type: 'string'},
	journal: {type: 'string'},
	notify: {type: 'string'},
	untilDone: {type: 'boolean'},
} as const;

function failWith(message: string): never {
	process.stderr.write(`ec2-import-watch: ${message}\n`);
	process.exit(2);
}

/** Hidden, for `npm run bench` only: polls faster than the 1 s users may ask for (EC2_IMPORT_WATCH_BENCH_INTERVAL_MS). */
function benchInterval(config: WatchConfig, env: NodeJS.ProcessEnv): WatchConfig {
	const ms = Number(env.EC2_IMPORT_WATCH_BENCH_INTERVAL_MS);
	return env.EC2_IMPORT_WATCH_BENCH_INTERVAL_MS !== undefined && Number.isFinite(ms) && ms >= 0 ? {...config, intervalMs: ms} : config;
}

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	if (argv[0] === 'simulate') {
		const {runSimulateCommand} = await import('./simulator/command.js');
		process.exitCode = await runSimulateCommand(argv.slice(1));
		return;
	}
	// Given, not looked up: inside the standalone executable there is no package.json next to the code.
	const pkg = {name: packageJson.name, version: packageJson.version, description: packageJson.description};
	const cli = meow(help, {importMeta: import.meta, pkg, argv, flags: flagSpec, allowUnknownFlags: true, autoHelp: true, autoVersion: true});
	const known = new Set<string>([...Object.keys(flagSpec), 'help', 'version']);
	const unknown = Object.keys(cli.flags).filter((name) => !known.has(name));
	if (unknown.length > 0) failWith(`unknown flag --${unknown[0]?.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} (see --help)`);
	if (cli.input.length > 0) failWith(`unexpected argument "${cli.input[0]}" (see --help)`);
	const flags: RawFlags = {...cli.flags};
	const env = process.env;
	const resolved = resolveOptions(
		flags,
		env,
		(profile, key) => profileSetting(env, profile, key),
		(profile) => profileExists(env, profile),
	);
	if (!resolved.ok) failWith(resolved.error);
	if (resolved.config.check) {
		const {runCheck} = await import('./run-check.js');
		process.exitCode = await runCheck(resolved.config, {stdout: process.stdout, stderr: process.stderr});
		return;
	}
	const capabilities = detectCapabilities(env, process.stdout.isTTY === true && process.stdin.isTTY === true, flags.color === false);
	const {runWatch} = await import('./run-watch.js');
	process.exitCode = await runWatch(benchInterval(resolved.config, env), capabilities, {stdout: process.stdout, stderr: process.stderr, stdin: process.stdin});
}

main().catch((error: unknown) => {
	failWith(error instanceof Error ? error.message.split('\n')[0] ?? 'unexpected error' : String(error));
});
