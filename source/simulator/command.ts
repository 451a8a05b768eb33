// `ec2-import-watch simulate`: argv → a running simulator until SIGINT/SIGTERM.
// Bad flags or values print one line on stderr and return 2; no stack traces.

import {parseArgs} from 'node:util';
import {loadScenario, ScenarioError, type ScenarioFile} from './scenarios.js';
import {createSimulator, type SimulatorOptions} from './server.js';

export interface CommandIo {
	stdout: NodeJS.WritableStream;
	stderr: NodeJS.WritableStream;
	/** Stops the command like SIGINT does (for tests and embedding). */
	signal?: AbortSignal;
}

const name = 'ec2-import-watch simulate';

export const usage = `Usage: ec2-import-watch simulate [flags]

Serves EC2 DescribeImportImageTasks, DescribeImportSnapshotTasks and CancelImportTask on a local
port, with seeded, realistic import tasks.

  --port N                      port to listen on (default 4599; 0 picks a free one)
  --host H                      address to listen on (default 127.0.0.1)
  --seed S                      seed for everything random (default 1)
  --speed X                     simulated time runs X times faster (default 1)
  --tasks N                     generated image import tasks at start (default 12)
  --snapshot-tasks N            generated snapshot import tasks at start (default a third of --tasks)
  --scenario FILE               serve the tasks in FILE ({"tasks": [...], "snapshotTasks": [...]},
                                API shape) instead
  --throttle P                  fraction of requests answered 503 RequestLimitExceeded
  --fail-rate P                 fraction answered 500 InternalError
  --latency MS                  delay every answer by MS milliseconds
  --deny                        answer every request 403 UnauthorizedOperation
  --deny-actions LIST           answer only these actions 403 UnauthorizedOperation
                                (e.g. DescribeImportSnapshotTasks,CancelImportTask)
  --hang-rate P                 fraction of requests never answered
  --garbage-rate P              fraction answered 200 with an HTML page
  --truncate-rate P             fraction answered with the XML cut in half
  --expire-credentials-after N  after N requests answer 400 ExpiredToken
  --help                        show this help
`;

const flags = {
	port: {type: 'string'},
	host: {type: 'string'},
	seed: {type: 'string'},
	speed: {type: 'string'},
	tasks: {type: 'string'},
	'snapshot-tasks': {type: 'string'},
	scenario: {type: 'string'},
	throttle: {type: 'string'},
	'fail-rate': {type: 'string'},
	latency: {type: 'string'},
	deny: {type: 'boolean'},
	'deny-actions': {type: 'string'},
	'hang-rate': {type: 'string'},
	'garbage-rate': {type: 'string'},
	'truncate-rate': {type: 'string'},
	'expire-credentials-after': {type: 'string'},
	help: {type: 'boolean'},
} as const;

class UsageError extends Error {}

type Check = {rule: string; ok: (value: number) => boolean};
const fraction: Check = {rule: 'a number from 0 to 1', ok: (value) => value >= 0 && value <= 1};
const count: Check = {rule: 'a whole number >= 0', ok: (value) => Number.isInteger(value) && value >= 0};
const port: Check = {rule: 'a port number from 0 to 65535', ok: (value) => Number.isInteger(value) && value <= 65535 && value >= 0};
const positive: Check = {rule: 'a number > 0', ok: (value) => value > 0};
const nonNegative: Check = {rule: 'a number >= 0', ok: (value) => value >= 0};
const integer: Check = {rule: 'a whole number', ok: (value) => Number.isSafeInteger(value)};

function numberFlag(flag: string, text: string | undefined, check: Check): number | undefined {
	if (text === undefined) return undefined;
	const value = text.trim() === '' ? Number.NaN : Number(text);
	if (!Number.isFinite(value) || !check.ok(value)) {
		throw new UsageError(`--${flag} must be ${check.rule} (got ${JSON.stringify(text)})`);
	}
	return value;
}

function parse(argv: string[]): ReturnType<typeof parseArgs<{options: typeof flags; strict: true}>>['values'] {
	try {
		return parseArgs({args: argv, options: flags, strict: true, allowPositionals: false}).values;
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		// node's messages run on over several lines of advice; keep the first sentence.
		const first = message.split('\n')[0]?.split(/\. /)[0]?.replace(/\.$/, '') ?? message;
		throw new UsageError(`${first} (see --help)`);
	}
}

async function optionsFrom(argv: string[]): Promise<(SimulatorOptions & {port: number}) | 'help'> {
	const values = parse(argv);
	if (values.help === true) return 'help';
	for (const flag of ['tasks', 'snapshot-tasks'] as const) {
		if (values.scenario !== undefined && values[flag] !== undefined) throw new UsageError(`--${flag} cannot be used with --scenario`);
	}
	let scenario: ScenarioFile | undefined;
	if (values.scenario !== undefined) {
		try {
			scenario = await loadScenario(values.scenario);
		} catch (error) {
			if (error instanceof ScenarioError) throw new UsageError(`--scenario: ${error.message}`);
			throw error;
		}
	}
	return {
		port: numberFlag('port', values.port, port) ?? 4599,
		host: values.host ?? '127.0.0.1',
		seed: numberFlag('seed', values.seed, integer),
		speed: numberFlag('speed', values.speed, positive),
		tasks: numberFlag('tasks', values.tasks, count),
		snapshotTasks: numberFlag('snapshot-tasks', values['snapshot-tasks'], count),
		scenario,
		throttle: numberFlag('throttle', values.throttle, fraction),
		failRate: numberFlag('fail-rate', values['fail-rate'], fraction),
		latencyMs: numberFlag('latency', values.latency, nonNegative),
		deny: values.deny,
		denyActions: values['deny-actions']
			?.split(',')
			.map((action) => action.trim())
			.filter((action) => action !== ''),
		hangRate: numberFlag('hang-rate', values['hang-rate'], fraction),
		garbageRate: numberFlag('garbage-rate', values['garbage-rate'], fraction),
		truncateRate: numberFlag('truncate-rate', values['truncate-rate'], fraction),
		expireCredentialsAfter: numberFlag('expire-credentials-after', values['expire-credentials-after'], count),
	};
}

function stopped(signal: AbortSignal | undefined): Promise<void> {
	return new Promise((resolve) => {
		const stop = () => {
			process.off('SIGINT', stop);
			process.off('SIGTERM', stop);
			signal?.removeEventListener('abort', stop);
			resolve();
		};
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
		if (signal?.aborted) stop();
		else signal?.addEventListener('abort', stop);
	});
}

/** A bind address only this machine can reach: 127.0.0.0/8, ::1, localhost. Anything else (0.0.0.0, ::, a LAN address) is the network's. */
export function isLoopbackBind(host: string): boolean {
	const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
	return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare) || bare === '::ffff:127.0.0.1';
}

/** One line on stderr when the simulator listens where other machines can reach it (it accepts any credentials). */
export function bindWarning(host: string): string | undefined {
	if (isLoopbackBind(host)) return undefined;
	return `${name}: warning: listening on ${host}, reachable from the network: anyone who can reach it can use it (it accepts any credentials)`;
}

export async function runSimulateCommand(argv: string[], io: CommandIo = process): Promise<number> {
	let options: Awaited<ReturnType<typeof optionsFrom>>;
	try {
		options = await optionsFrom(argv);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		io.stderr.write(`${name}: ${error.message}\n`);
		return 2;
	}
	if (options === 'help') {
		io.stdout.write(usage);
		return 0;
	}
	const simulator = createSimulator(options);
	let url: string;
	try {
		url = await simulator.listen();
	} catch (error) {
		const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
		io.stderr.write(`${name}: cannot listen on ${options.host}:${options.port} (${reason})\n`);
		return 1;
	}
	io.stdout.write(`listening on ${url}\n`);
	const warning = bindWarning(options.host ?? '127.0.0.1');
	if (warning !== undefined) io.stderr.write(`${warning}\n`);
	io.stderr.write(`try: AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws ec2 describe-import-image-tasks --endpoint-url ${url} --region us-east-1\n`);
	await stopped(io.signal);
	await simulator.close();
	return 0;
}
