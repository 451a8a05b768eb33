import process from 'node:process';
import meow from 'meow';
import {flagLines, flagSpec, helpKeysLine, type RawFlags} from './shell/flags.js';
import {helpRequest} from './shell/help-request.js';
import {resolveOptions, type WatchConfig} from './shell/options.js';
import {unknownFlag} from './shell/unknown-flag.js';
import packageJson from '../package.json' with {type: 'json'};
import {detectCapabilities} from './terminal/capabilities.js';
import {profileExists, profileSetting} from './watch/aws-profile.js';

// The only place that reads argv, the environment and TTY-ness, and sets exit codes.

// meow prints package.json's description above this: what it watches is said there, once.
const help = (unicode: boolean) => `
  Usage
    $ ec2-import-watch [flags]
    $ ec2-import-watch simulate [--port N] …   (the embedded EC2 simulator; see simulate --help)
    $ ec2-import-watch report [--format csv|md|json] …   (one row per import from the history; see report --help)

  Flags
${flagLines()
	.map((line) => `    ${line}`)
	.join('\n')}
    --help, --version

  Keys: ${helpKeysLine(unicode)}
`;

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
	if (argv[0] === 'report') {
		const [{runReport}, {exitOnClosedPipe}] = await Promise.all([import('./shell/run-report.js'), import('./shell/closed-pipe.js')]);
		// `report | head` ends quietly (141), as the watcher's plain output does.
		exitOnClosedPipe([process.stdout, process.stderr]);
		process.exitCode = runReport(argv.slice(1), {stdout: process.stdout, stderr: process.stderr, env: process.env, now: Date.now()});
		return;
	}
	// Given, not looked up: inside the standalone executable there is no package.json next to the code.
	const pkg = {name: packageJson.name, version: packageJson.version, description: packageJson.description};
	const cli = meow(help(detectCapabilities(process.env, false, false).unicode), {
		importMeta: import.meta,
		pkg,
		argv,
		flags: flagSpec,
		allowUnknownFlags: true,
		autoHelp: true,
		autoVersion: true,
	});
	// Before anything else is read: `--region eu-west-1 --help` prints the help, it does not poll.
	const asked = helpRequest(argv);
	if (asked === 'help') cli.showHelp(0);
	if (asked === 'version') cli.showVersion();
	const unknown = unknownFlag(argv);
	if (unknown !== undefined) failWith(unknown);
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
	for (const warning of resolved.config.warnings) process.stderr.write(`ec2-import-watch: ${warning}\n`);
	if (resolved.config.check) {
		const {runCheck} = await import('./shell/run-check.js');
		process.exitCode = await runCheck(resolved.config, {stdout: process.stdout, stderr: process.stderr});
		return;
	}
	const capabilities = detectCapabilities(env, process.stdout.isTTY === true && process.stdin.isTTY === true, flags.color === false);
	const {runWatch} = await import('./shell/run-watch.js');
	process.exitCode = await runWatch(benchInterval(resolved.config, env), capabilities, {stdout: process.stdout, stderr: process.stderr, stdin: process.stdin});
}

main().catch((error: unknown) => {
	failWith(error instanceof Error ? (error.message.split('\n')[0] ?? 'unexpected error') : String(error));
});
