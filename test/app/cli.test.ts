import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {writeFile} from 'node:fs/promises';
import {createServer} from 'node:http';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {promisify} from 'node:util';
import {assertBuilt, type Outcome, runBuilt} from '../helpers/built-app.js';
import {manualClock, startTestSimulator, type TestSimulator} from '../helpers/simulator.js';
import {freshStateDir} from '../helpers/state-dir.js';
import {scratchDir} from '../helpers/scratch-dir.js';

// The CLI as a user runs it: the built dist/launch.js as a child process, real argv and env, real exit codes.

const run = promisify(execFile);

let home: string;
let simulator: TestSimulator;

/** An environment with no AWS configuration at all: no keys, no profile files, no instance metadata. */
function bareEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8', XDG_STATE_HOME: freshStateDir()};
	return {
		...env,
		AWS_CONFIG_FILE: join(home, 'config'),
		AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
		AWS_EC2_METADATA_DISABLED: 'true',
		...extra,
	};
}

function ec2ImportWatch(args: string[], env: NodeJS.ProcessEnv): Promise<Outcome> {
	return runBuilt(args, env);
}

/** The AWS CLI's stdout, or undefined (the test skipped) where the CLI is not installed. */
async function awsCli(args: string[], env: NodeJS.ProcessEnv, t: {skip(message: string): void}): Promise<string | undefined> {
	try {
		return (await run('aws', args, {env})).stdout;
	} catch (error) {
		if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') {
			t.skip('the AWS CLI is not installed here');
			return undefined;
		}
		throw error;
	}
}

function assertOneLineError(outcome: Outcome, pattern: RegExp): void {
	assert.equal(outcome.code, 2, `exit code (stderr: ${outcome.stderr})`);
	const lines = outcome.stderr.trimEnd().split('\n');
	assert.equal(lines.length, 1, `one line, got:\n${outcome.stderr}`);
	assert.match(lines[0] ?? '', /^ec2-import-watch: /);
	assert.match(lines[0] ?? '', pattern);
	assert.doesNotMatch(outcome.stderr, /\n\s+at /, 'no stack trace');
}

before(async () => {
	assertBuilt();
	home = scratchDir('eiw-cli-');
	await writeFile(join(home, 'config'), '');
	await writeFile(join(home, 'credentials'), '');
	simulator = await startTestSimulator({seed: 7, tasks: 9, snapshotTasks: 0, arrivals: false});
});
after(() => simulator.close());

describe('command line', () => {
	it('rejects bad flag values with one line and exit 2', async () => {
		const env = bareEnv({AWS_REGION: 'us-east-1'});
		const cases: [string[], RegExp][] = [
			[['--interval', '0'], /--interval must be a number of seconds from 1 to 3600 \(got "0"\)/],
			[['--interval', 'soon'], /--interval must be a number/],
			[['--page-size', '0'], /--page-size must be a whole number from 1 to 1000/],
			[['--state', 'running'], /--state: "running" is not a task state/],
			[['--task-ids', ','], /--task-ids needs at least one import task id/],
			[['--json'], /--json goes with --once/],
			[['--endpoint', 'localhost:4599'], /--endpoint must be an http:\/\/ or https:\/\/ URL/],
			[['--region', 'mars'], /--region: "mars" is not an AWS region name/],
			[['--bogus'], /unknown flag --bogus/],
			[['-r', 'eu-west-1'], /: unknown flag -r \(did you mean --region\?\)$/],
			[['--regoin', 'eu-west-1'], /: unknown flag --regoin \(did you mean --region\?\)$/],
			[
				['--region', 'eu-wset-1'],
				/: the region name "eu-wset-1" \(--region\) looks wrong: no AWS partition has a region named so \(did you mean eu-west-1\?\)$/,
			],
			[['extra'], /unexpected argument "extra"/],
		];
		const outcomes = await Promise.all(cases.map(([args]) => ec2ImportWatch(args, env)));
		for (const [index, [, pattern]] of cases.entries()) assertOneLineError(outcomes[index] as Outcome, pattern);
	});

	it('says how to get a region when there is none', async () => {
		assertOneLineError(await ec2ImportWatch(['--once'], bareEnv()), /no AWS region: pass --region .* or try --demo/);
	});

	it('takes the region from the profile in the config file', async () => {
		const config = join(home, 'config-with-region');
		await writeFile(config, '[profile lab]\nregion = eu-west-1\naws_access_key_id = k\naws_secret_access_key = s\n');
		const outcome = await ec2ImportWatch(['--once', '--json', '--profile', 'lab', '--endpoint', simulator.url], bareEnv({AWS_CONFIG_FILE: config}));
		assert.equal(outcome.code, 0, outcome.stderr);
		assert.equal(JSON.parse(outcome.stdout).length, 9);
	});

	it('uses the endpoint_url of the profile named with --profile', async () => {
		const config = join(home, 'config-with-endpoint');
		await writeFile(config, `[profile sim]\nregion = us-east-1\nendpoint_url = ${simulator.url}\naws_access_key_id = k\naws_secret_access_key = s\n`);
		const outcome = await ec2ImportWatch(['--once', '--json', '--profile', 'sim'], bareEnv({AWS_CONFIG_FILE: config}));
		assert.equal(outcome.code, 0, outcome.stderr);
		assert.equal(JSON.parse(outcome.stdout).length, 9);
	});

	it('only warns about a region name that looks wrong when an endpoint is given (a simulator takes any)', async () => {
		const outcome = await ec2ImportWatch(
			['--once', '--json', '--region', 'eu-wset-1', '--endpoint', simulator.url],
			bareEnv({AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's'}),
		);
		assert.equal(outcome.code, 0, outcome.stderr);
		assert.equal(
			outcome.stderr,
			'ec2-import-watch: warning: the region name "eu-wset-1" (--region) looks wrong: no AWS partition has a region named so (did you mean eu-west-1?); used as given, since an endpoint is set\n',
		);
		assert.equal(JSON.parse(outcome.stdout).length, 9);
	});

	it('says when a profile does not exist', async () => {
		assertOneLineError(
			await ec2ImportWatch(['--once', '--profile', 'nope', '--region', 'us-east-1'], bareEnv()),
			/--profile: no profile "nope" in the AWS config or credentials file/,
		);
	});

	it('says what to do when there are no credentials', async () => {
		const outcome = await ec2ImportWatch(['--once', '--region', 'us-east-1', '--endpoint', simulator.url], bareEnv());
		assertOneLineError(outcome, /aws sso login/);
		assert.match(outcome.stderr, /--demo/);
	});

	it('says when the endpoint cannot be reached', async () => {
		const outcome = await ec2ImportWatch(
			['--once', '--region', 'us-east-1', '--endpoint', 'http://127.0.0.1:9'],
			bareEnv({AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's'}),
		);
		assertOneLineError(outcome, /127\.0\.0\.1:9|unreachable|refused/i);
	});

	it('prints --help and --version', async () => {
		const helpText = await ec2ImportWatch(['--help'], bareEnv());
		assert.equal(helpText.code, 0);
		assert.match(helpText.stdout, /--interval S +seconds between polls/);
		// What it watches, said once, and both kinds of import.
		assert.equal(helpText.stdout.match(/VM-import/g)?.length, 1, helpText.stdout);
		assert.match(helpText.stdout, /image imports.*snapshot imports/);
		// The keys line is the keymap's list hints; in a locale that is not UTF-8 its keys are ASCII words.
		assert.match(helpText.stdout, /Keys: ↑↓\/jk move · Enter details · 1-5\/Tab state · \/ filter · K kind · e events · s sort/);
		const ascii = await ec2ImportWatch(['--help'], bareEnv({LANG: 'C'}));
		assert.match(ascii.stdout, /Keys: Up\/Dn\/jk move \| Enter details \| 1-5\/Tab state/);
		assert.match(ascii.stdout.split('\n').find((line) => line.includes('Keys:')) ?? '', /^[\x20-\x7e]+$/);
		const version = await ec2ImportWatch(['--version'], bareEnv());
		assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+$/);
	});

	it('--help and --version win over every other word on the line, and nothing is requested', async () => {
		let requests = 0;
		const server = createServer((_request, response) => {
			requests += 1;
			response.statusCode = 500;
			response.end();
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const address = server.address();
		assert.ok(address !== null && typeof address === 'object');
		const endpoint = `http://127.0.0.1:${address.port}`;
		try {
			const env = bareEnv({AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's'});
			const helpCases = [
				['--demo', '--help'],
				['--help', '--demo', '--once'],
				['--endpoint', endpoint, '--region', 'us-east-1', '--once', '--help'],
				['--help', 'x'],
				['x', '--help'],
				['--bogus', '--help'],
				['--version', '--help', '--once', '--endpoint', endpoint, '--region', 'us-east-1'],
			];
			for (const args of helpCases) {
				const outcome = await ec2ImportWatch(args, env);
				assert.equal(outcome.code, 0, `${args.join(' ')}: ${outcome.stderr}`);
				assert.match(outcome.stdout, /Usage\n/, args.join(' '));
				assert.equal(outcome.stderr, '', args.join(' '));
			}
			for (const args of [
				['--version', '--demo', '--once'],
				['--once', '--endpoint', endpoint, '--region', 'us-east-1', '--version'],
				['--version', 'x'],
			]) {
				const outcome = await ec2ImportWatch(args, env);
				assert.equal(outcome.code, 0, `${args.join(' ')}: ${outcome.stderr}`);
				assert.match(outcome.stdout.trim(), /^\d+\.\d+\.\d+$/, args.join(' '));
			}
			// After `--` it is not a flag.
			const afterDashes = await ec2ImportWatch(['--once', '--', '--help'], env);
			assert.equal(afterDashes.code, 2);
			assert.equal(requests, 0, 'no request sent');
		} finally {
			server.close();
		}
	});
});

describe('--once', () => {
	const keys = () => bareEnv({AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's', AWS_REGION: 'us-east-1'});

	it('--json lists the same task ids and statuses as the AWS CLI', async (t) => {
		const ours = await ec2ImportWatch(['--once', '--json', '--endpoint', simulator.url], keys());
		assert.equal(ours.code, 0, ours.stderr);
		const tasks: {importTaskId: string; status: string}[] = JSON.parse(ours.stdout);
		assert.equal(tasks.length, 9);
		const aws = await awsCli(['ec2', 'describe-import-image-tasks', '--endpoint-url', simulator.url, '--region', 'us-east-1', '--output', 'json'], keys(), t);
		if (aws === undefined) return;
		const theirs: {ImportImageTasks: {ImportTaskId: string; Status: string}[]} = JSON.parse(aws);
		const pairs = (list: {id: string; status: string}[]) => list.map(({id, status}) => `${id} ${status}`).sort();
		assert.deepEqual(
			pairs(tasks.map((task) => ({id: task.importTaskId, status: task.status}))),
			pairs(theirs.ImportImageTasks.map((task) => ({id: task.ImportTaskId, status: task.Status}))),
		);
	});

	it('prints a plain table with no escape sequences', async () => {
		const outcome = await ec2ImportWatch(['--once', '--endpoint', simulator.url, '--state', 'completed'], keys());
		assert.equal(outcome.code, 0, outcome.stderr);
		const lines = outcome.stdout.trimEnd().split('\n');
		// Completed tasks have no message: the column saying nothing in every row is left out.
		assert.match(lines[0] ?? '', /^ {2}TASK ID +STATUS +PROGRESS/);
		assert.ok(lines.length > 1);
		for (const line of lines.slice(1)) assert.match(line, /^ {2}import-ami-\w+ +\+ completed/);
		assert.doesNotMatch(outcome.stdout, /\u001B/);
		assert.equal(outcome.stderr, '', 'http://127.0.0.1:PORT is this machine: no warning');
	});
});

describe('--once, snapshot imports', () => {
	const keys = () => bareEnv({AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's', AWS_REGION: 'us-east-1'});
	let mixed: TestSimulator;
	before(async () => {
		mixed = await startTestSimulator({seed: 4, tasks: 3, snapshotTasks: 8, arrivals: false, now: manualClock().now});
	});
	after(() => mixed.close());

	it('--json agrees with aws ec2 describe-import-snapshot-tasks (ids, statuses, progress)', async (t) => {
		const ours = await ec2ImportWatch(['--once', '--json', '--kind', 'snapshot', '--endpoint', mixed.url], keys());
		assert.equal(ours.code, 0, ours.stderr);
		const tasks: {kind: string; importTaskId: string; status: string; progressText?: string}[] = JSON.parse(ours.stdout);
		assert.equal(tasks.length, 8);
		assert.ok(tasks.every((task) => task.kind === 'snapshot'));
		const aws = await awsCli(['ec2', 'describe-import-snapshot-tasks', '--endpoint-url', mixed.url, '--region', 'us-east-1', '--output', 'json'], keys(), t);
		if (aws === undefined) return;
		const theirs: {ImportSnapshotTasks: {ImportTaskId: string; SnapshotTaskDetail?: {Status?: string; Progress?: string}}[]} = JSON.parse(aws);
		const line = (id: string, status: string | undefined, progress: string | undefined) => `${id} ${status ?? ''} ${progress?.trim() ?? ''}`;
		assert.deepEqual(
			tasks.map((task) => line(task.importTaskId, task.status, task.progressText)).sort(),
			theirs.ImportSnapshotTasks.map((task) => line(task.ImportTaskId, task.SnapshotTaskDetail?.Status, task.SnapshotTaskDetail?.Progress)).sort(),
		);
		assert.ok(
			tasks.some((task) => task.progressText !== undefined),
			'some task has a progress to compare',
		);
	});

	it('both kinds by default, with a Kind column; --max-items cuts the list and says so on stderr', async () => {
		const both = await ec2ImportWatch(['--once', '--endpoint', mixed.url], keys());
		assert.equal(both.code, 0, both.stderr);
		const lines = both.stdout.trimEnd().split('\n');
		assert.match(lines[0] ?? '', /^ {2}TASK ID +KIND +STATUS/);
		assert.equal(lines.filter((row) => /^ {2}import-snap-\w+ +snapshot /.test(row)).length, 8);
		assert.equal(lines.filter((row) => /^ {2}import-ami-\w+ +image /.test(row)).length, 3);
		const cut = await ec2ImportWatch(['--once', '--json', '--max-items', '5', '--endpoint', mixed.url], keys());
		assert.equal(cut.code, 0, cut.stderr);
		assert.equal(JSON.parse(cut.stdout).length, 5);
		assert.equal(cut.stderr, 'ec2-import-watch: first 5 tasks (--max-items)\n');
	});

	it('refuses a bad --kind or --max-items in one line', async () => {
		assertOneLineError(await ec2ImportWatch(['--once', '--kind', 'volume', '--region', 'us-east-1'], bareEnv()), /--kind: "volume" is not a kind of import/);
		assertOneLineError(
			await ec2ImportWatch(['--once', '--max-items', '0', '--region', 'us-east-1'], bareEnv()),
			/--max-items must be a whole number of at least 1/,
		);
	});
});

describe('--until-done', () => {
	let scenarioSimulator: TestSimulator;
	before(async () => {
		const {readFile} = await import('node:fs/promises');
		scenarioSimulator = await startTestSimulator({scenario: JSON.parse(await readFile(new URL('../fixtures/known-tasks.json', import.meta.url), 'utf8'))});
	});
	after(() => scenarioSimulator.close());
	const keys = () => bareEnv({AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's', AWS_REGION: 'us-east-1'});

	it('exits 0 when every task completed and 1 when one was deleted, printing plain lines without a TTY', async () => {
		const completed = await ec2ImportWatch(['--until-done', '--endpoint', scenarioSimulator.url, '--state', 'completed'], keys());
		assert.equal(completed.code, 0, completed.stderr);
		assert.match(completed.stdout, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d 1 task \(1 completed\)$/m);
		assert.doesNotMatch(completed.stdout, /\u001B/);
		const failed = await ec2ImportWatch(['--until-done', '--endpoint', scenarioSimulator.url, '--state', 'completed,deleted'], keys());
		assert.equal(failed.code, 1, failed.stderr);
		assert.match(failed.stdout, /import-ami-ffmjni7l +x deleted/);
	});

	it('exits 1 with a line why when no import matched (all completed is not known of nothing)', async () => {
		// The scenario has no deleting task: --state deleting watches nothing.
		const none = await ec2ImportWatch(['--until-done', '--endpoint', scenarioSimulator.url, '--state', 'deleting'], keys());
		assert.equal(none.code, 1, none.stderr);
		assert.match(none.stdout, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d 0 tasks$/m);
		assert.match(none.stderr, /^ec2-import-watch: nothing to wait for: no import matched \(--state deleting\)$/m);
		const noSnapshots = await ec2ImportWatch(['--until-done', '--endpoint', scenarioSimulator.url, '--kind', 'snapshot'], keys());
		assert.equal(noSnapshots.code, 1, noSnapshots.stderr);
		assert.match(noSnapshots.stderr, /^ec2-import-watch: nothing to wait for: no import matched \(--kind snapshot\)$/m);
	});

	it('covers snapshot imports too; plain lines say once that a kind is not allowed', async () => {
		const denied = await startTestSimulator({
			scenario: {
				tasks: [{ImportTaskId: 'import-ami-0000000000000done', Status: 'completed', ImageId: 'ami-0c93e58db64cb1d23'}],
				snapshotTasks: [
					{ImportTaskId: 'import-snap-0000000000000done', SnapshotTaskDetail: {Status: 'deleted', StatusMessage: 'ClientError: Footers not identical'}},
				],
			},
		});
		try {
			const both = await ec2ImportWatch(['--until-done', '--endpoint', denied.url], keys());
			assert.equal(both.code, 1, 'a deleted snapshot import counts as a failure');
			assert.match(both.stdout, /import-snap-0000000000000done +(snapshot +)?x deleted/);
			denied.simulator.configure({denyActions: ['DescribeImportSnapshotTasks']});
			const images = await ec2ImportWatch(['--until-done', '--endpoint', denied.url], keys());
			assert.equal(images.code, 0, images.stderr);
			// One line, wrapped at the width like every plain line.
			assert.match(
				images.stdout.replace(/\n {2}/g, ' '),
				/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d snapshot imports not shown: not authorized for ec2:DescribeImportSnapshotTasks$/m,
			);
			assert.equal(images.stdout.match(/snapshot imports not shown/g)?.length, 1, 'said once');
			assert.doesNotMatch(images.stdout, /import-snap-/);
		} finally {
			await denied.close();
		}
	});

	it('exits 2 on an error it cannot get past', async () => {
		const outcome = await ec2ImportWatch(['--until-done', '--endpoint', 'http://127.0.0.1:9'], keys());
		assertOneLineError(outcome, /127\.0\.0\.1:9|unreachable|refused/i);
		assert.equal(outcome.stdout, '', 'no poll line, no summary: it never started');
	});

	it('refuses a FIFO as the journal at once, in one line (a FIFO with no reader would block the start)', async () => {
		const {execFileSync} = await import('node:child_process');
		const fifo = join(home, 'journal.fifo');
		execFileSync('mkfifo', [fifo]);
		assertOneLineError(
			await ec2ImportWatch(['--journal', fifo, '--endpoint', scenarioSimulator.url], keys()),
			/cannot append to the journal .*journal\.fifo \(a FIFO, not a regular file\)$/,
		);
	});

	it('refuses a journal it cannot write, in one line', async () => {
		assertOneLineError(
			await ec2ImportWatch(['--journal', '/nonexistent-dir/j.jsonl', '--endpoint', scenarioSimulator.url], keys()),
			/^ec2-import-watch: cannot append to the journal \/nonexistent-dir\/j.jsonl \(ENOENT\)$/,
		);
	});
});
