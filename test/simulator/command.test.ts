import assert from 'node:assert/strict';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Writable} from 'node:stream';
import {after, before, describe, it} from 'node:test';
import {DescribeImportImageTasksCommand, DescribeImportSnapshotTasksCommand, EC2Client} from '@aws-sdk/client-ec2';
import {bindWarning, runSimulateCommand} from '../../source/simulator/command.js';
import {createSimulator} from '../../source/simulator/server.js';
import {testCredentials} from '../helpers/simulator.js';

class Capture extends Writable {
	text = '';
	private waiters: (() => void)[] = [];

	override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
		this.text += chunk.toString();
		for (const wake of this.waiters.splice(0)) wake();
		done();
	}

	/** Resolves once the captured text contains a line matching `pattern`. */
	async line(pattern: RegExp): Promise<RegExpExecArray> {
		for (;;) {
			const match = pattern.exec(this.text);
			if (match !== null) return match;
			await new Promise<void>((resolve) => this.waiters.push(resolve));
		}
	}
}

async function runToError(argv: string[]): Promise<{code: number; stderr: string; stdout: string}> {
	const stdout = new Capture();
	const stderr = new Capture();
	const code = await runSimulateCommand(argv, {stdout, stderr, signal: AbortSignal.abort()});
	return {code, stderr: stderr.text, stdout: stdout.text};
}

/** Starts the command, hands its URL to `body`, then stops it as SIGINT would. */
async function whileRunning(argv: string[], body: (url: string, stderr: string) => Promise<void>): Promise<{code: number; stdout: string}> {
	const stdout = new Capture();
	const stderr = new Capture();
	const stop = new AbortController();
	const running = runSimulateCommand(argv, {stdout, stderr, signal: stop.signal});
	const [, url = ''] = await stdout.line(/^listening on (http:\/\/\S+)\n/);
	try {
		await stderr.line(/\n/);
		await body(url, stderr.text);
	} finally {
		stop.abort();
	}
	return {code: await running, stdout: stdout.text};
}

describe('simulate command', () => {
	let directory = '';
	before(async () => {
		directory = await mkdtemp(join(tmpdir(), 'simulate-'));
		await writeFile(join(directory, 'bad.json'), '{"tasks": [{"ImportTaskId": "a"}, {"ImportTaskId": "b"}, {"ImportTaskId": "c", "Progress": 28}]}');
		await writeFile(join(directory, 'broken.json'), 'nope\n');
		await writeFile(join(directory, 'good.json'), '{"tasks": [{"ImportTaskId": "import-ami-from-file", "Status": "active"}]}');
	});
	after(() => rm(directory, {recursive: true, force: true}));

	it('decides which bind addresses are reachable from the network', () => {
		for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) assert.equal(bindWarning(host), undefined, host);
		for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.internal']) {
			assert.equal(
				bindWarning(host),
				`ec2-import-watch simulate: warning: listening on ${host}, reachable from the network: anyone who can reach it can use it (it accepts any credentials)`,
			);
		}
	});

	it('warns in one line on stderr when bound to 0.0.0.0 (reached here only through 127.0.0.1), not on loopback', async () => {
		await whileRunning(['--port', '0', '--host', '0.0.0.0', '--tasks', '1'], async (url, stderr) => {
			assert.match(stderr, /^ec2-import-watch simulate: warning: listening on 0\.0\.0\.0, reachable from the network: .*\n/);
			const port = new URL(url).port;
			const answer = await fetch(`http://127.0.0.1:${port}/`, {method: 'POST', body: 'Action=DescribeImportImageTasks&Version=2016-11-15'});
			assert.equal(answer.status < 600, true);
		});
		await whileRunning(['--port', '0', '--tasks', '1'], async (_url, stderr) => {
			assert.doesNotMatch(stderr, /warning/);
		});
	});

	it('prints usage for --help', async () => {
		const result = await runToError(['--help']);
		assert.equal(result.code, 0);
		assert.match(result.stdout, /^Usage: ec2-import-watch simulate/);
		for (const flag of [
			'--port',
			'--host',
			'--seed',
			'--speed',
			'--tasks',
			'--snapshot-tasks',
			'--scenario',
			'--throttle',
			'--fail-rate',
			'--latency',
			'--deny',
			'--deny-actions',
			'--hang-rate',
			'--garbage-rate',
			'--truncate-rate',
			'--expire-credentials-after',
		]) {
			assert.ok(result.stdout.includes(flag), flag);
		}
	});

	const bad: [string[], RegExp][] = [
		[['--throttle', 'x'], /^--throttle must be a number from 0 to 1 \(got "x"\)$/],
		[['--throttle', '1.5'], /^--throttle must be a number from 0 to 1 \(got "1.5"\)$/],
		[['--fail-rate=-0.1'], /^--fail-rate must be a number from 0 to 1/],
		[['--port', '-1'], /^Option '--port' argument is ambiguous \(see --help\)$/],
		[['--port=-1'], /^--port must be a port number/],
		[['--port', '70000'], /^--port must be a port number/],
		[['--tasks', '1.5'], /^--tasks must be a whole number >= 0/],
		[['--snapshot-tasks', 'two'], /^--snapshot-tasks must be a whole number >= 0/],
		[['--speed', '0'], /^--speed must be a number > 0/],
		[['--latency', ''], /^--latency must be a number >= 0 \(got ""\)$/],
		[['--expire-credentials-after', 'soon'], /^--expire-credentials-after must be a whole number/],
		[['--bogus'], /^Unknown option '--bogus' \(see --help\)$/],
		[['--port'], /^Option '--port <value>' argument missing \(see --help\)$/],
		[['extra'], /Unexpected argument 'extra'/],
		[['--scenario', '/nonexistent/tasks.json'], /^--scenario: cannot read \/nonexistent\/tasks\.json \(ENOENT\)$/],
		[['--scenario', 'DIR/bad.json'], /^--scenario: \S+bad\.json: tasks\[2\]\.Progress must be a string$/],
		[['--scenario', 'DIR/broken.json'], /^--scenario: \S+broken\.json: not valid JSON at line 1 column 1: .*"nope\\n".*$/],
		[['--scenario', 'DIR/good.json', '--tasks', '3'], /^--tasks cannot be used with --scenario$/],
		[['--scenario', 'DIR/good.json', '--snapshot-tasks', '3'], /^--snapshot-tasks cannot be used with --scenario$/],
	];
	for (const [argv, message] of bad) {
		it(`refuses ${argv.join(' ')} with one line and exit code 2`, async () => {
			const result = await runToError(argv.map((arg) => arg.replace('DIR', directory)));
			assert.equal(result.code, 2);
			assert.equal(result.stdout, '');
			const lines = result.stderr.split('\n');
			assert.equal(lines.length, 2, result.stderr);
			assert.equal(lines[1], '');
			const [prefix, rest] = [lines[0]?.slice(0, 27), lines[0]?.slice(27) ?? ''];
			assert.equal(prefix, 'ec2-import-watch simulate: ');
			assert.match(rest, message);
		});
	}

	it('listens, says how to query it, serves EC2 and stops with exit code 0', async () => {
		let served = 0;
		let client: EC2Client | undefined;
		const result = await whileRunning(['--port', '0', '--seed', '7', '--tasks', '4', '--deny'], async (url, stderr) => {
			assert.match(url, /^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
			assert.match(stderr, new RegExp(`aws ec2 describe-import-image-tasks --endpoint-url ${url} --region us-east-1`));
			client = new EC2Client({region: 'us-east-1', endpoint: url, credentials: testCredentials, maxAttempts: 1});
			await assert.rejects(client.send(new DescribeImportImageTasksCommand({})), {name: 'UnauthorizedOperation'});
			served++;
		});
		client?.destroy();
		assert.equal(served, 1);
		assert.equal(result.code, 0);
		assert.match(result.stdout, /^listening on http:\/\/127\.0\.0\.1:\d+\n$/);
	});

	it('--deny-actions refuses only the actions it names', async () => {
		await whileRunning(['--port', '0', '--tasks', '2', '--deny-actions', 'DescribeImportSnapshotTasks, CancelImportTask'], async (url) => {
			const client = new EC2Client({region: 'us-east-1', endpoint: url, credentials: testCredentials, maxAttempts: 1});
			try {
				assert.equal((await client.send(new DescribeImportImageTasksCommand({}))).ImportImageTasks?.length, 2);
				await assert.rejects(client.send(new DescribeImportSnapshotTasksCommand({})), {name: 'UnauthorizedOperation'});
			} finally {
				client.destroy();
			}
		});
	});

	it('generates --snapshot-tasks snapshot imports beside the image imports', async () => {
		await whileRunning(['--port', '0', '--tasks', '3', '--snapshot-tasks', '5'], async (url) => {
			const client = new EC2Client({region: 'us-east-1', endpoint: url, credentials: testCredentials});
			try {
				const snapshots = await client.send(new DescribeImportSnapshotTasksCommand({}));
				assert.equal(snapshots.ImportSnapshotTasks?.length, 5);
				const images = await client.send(new DescribeImportImageTasksCommand({}));
				assert.equal(images.ImportImageTasks?.length, 3);
			} finally {
				client.destroy();
			}
		});
	});

	it('serves a scenario file as given', async () => {
		await whileRunning(['--port', '0', '--scenario', join(directory, 'good.json')], async (url) => {
			const client = new EC2Client({region: 'us-east-1', endpoint: url, credentials: testCredentials});
			try {
				const output = await client.send(new DescribeImportImageTasksCommand({}));
				assert.deepEqual(output.ImportImageTasks, [{ImportTaskId: 'import-ami-from-file', Status: 'active'}]);
			} finally {
				client.destroy();
			}
		});
	});

	it('says so in one line and exits 1 when the port is taken', async () => {
		const blocker = createSimulator();
		const url = await blocker.listen();
		try {
			const result = await runToError(['--port', new URL(url).port]);
			assert.equal(result.code, 1);
			assert.match(result.stderr, /^ec2-import-watch simulate: cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)\n$/);
		} finally {
			await blocker.close();
		}
	});
});
