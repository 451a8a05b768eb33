import assert from 'node:assert/strict';
import {createServer} from 'node:net';
import {after, before, describe, test} from 'node:test';
import {resolveOptions, type WatchConfig} from '../../source/shell/options.js';
import {runCheck} from '../../source/shell/run-check.js';
import type {FaultOptions} from '../../source/simulator/server.js';
import {createEc2Source} from '../../source/watch/ec2-source.js';
import {runBuilt} from '../helpers/built-app.js';
import {startTestSimulator, type TestSimulator, testCredentials} from '../helpers/simulator.js';

// --check: a DryRun call per kind watched through the real SDK; one line per call; exit 0 when all pass, else 1.

let sim: TestSimulator;
before(async () => {
	sim = await startTestSimulator({tasks: 2, arrivals: false});
});
after(() => sim.close());

function configFor(endpoint: string, env: Record<string, string> = {}): WatchConfig {
	const resolved = resolveOptions({check: true, region: 'eu-west-1', endpoint}, env);
	assert.ok(resolved.ok);
	return resolved.config;
}

async function check(faults: FaultOptions, deadlineMs?: number, endpoint = sim.url) {
	sim.simulator.configure(faults);
	const out: string[] = [];
	const err: string[] = [];
	try {
		const code = await runCheck(
			configFor(endpoint),
			{stdout: {write: (text: string) => out.push(text)}, stderr: {write: (text: string) => err.push(text)}},
			{createSource: (options) => createEc2Source({...options, credentials: testCredentials, maxAttempts: 1}), deadlineMs},
		);
		return {code, stdout: out.join(''), stderr: err.join('')};
	} finally {
		sim.simulator.configure({deny: undefined, denyActions: undefined, expireCredentialsAfter: undefined, hangRate: undefined, throttle: undefined});
	}
}

describe('--check', () => {
	test('all fine: one line on stdout per kind watched, naming the region and endpoint, exit 0', async () => {
		const result = await check({});
		assert.deepEqual(result, {
			code: 0,
			stdout: [
				`ok: credentials, region eu-west-1 at ${sim.url} and ec2:DescribeImportImageTasks are all fine\n`,
				`ok: credentials, region eu-west-1 at ${sim.url} and ec2:DescribeImportSnapshotTasks are all fine\n`,
			].join(''),
			stderr: '',
		});
	});

	test('denied: names the IAM action of each call, exit 1', async () => {
		const result = await check({deny: true});
		assert.equal(result.code, 1);
		assert.equal(
			result.stderr,
			[
				`ec2-import-watch: failed (region eu-west-1 at ${sim.url}): not allowed to call ec2:DescribeImportImageTasks (UnauthorizedOperation) — ask for an IAM policy that allows ec2:DescribeImportImageTasks\n`,
				`ec2-import-watch: failed (region eu-west-1 at ${sim.url}): not allowed to call ec2:DescribeImportSnapshotTasks (UnauthorizedOperation) — ask for an IAM policy that allows ec2:DescribeImportSnapshotTasks\n`,
			].join(''),
		);
		assert.equal(result.stdout, '');
	});

	test('only DescribeImportSnapshotTasks denied (both kinds watched, the default): that call fails, exit 1', async () => {
		const result = await check({denyActions: ['DescribeImportSnapshotTasks']});
		assert.deepEqual(result, {
			code: 1,
			stdout: `ok: credentials, region eu-west-1 at ${sim.url} and ec2:DescribeImportImageTasks are all fine\n`,
			stderr: `ec2-import-watch: failed (region eu-west-1 at ${sim.url}): not allowed to call ec2:DescribeImportSnapshotTasks (UnauthorizedOperation) — ask for an IAM policy that allows ec2:DescribeImportSnapshotTasks\n`,
		});
	});

	test('expired credentials: the message and the hint, a line per call naming it, exit 1', async () => {
		const result = await check({expireCredentialsAfter: 0});
		assert.equal(result.code, 1);
		const lines = result.stderr.split('\n');
		assert.equal(lines.length, 3, result.stderr);
		for (const [index, action] of ['DescribeImportImageTasks', 'DescribeImportSnapshotTasks'].entries())
			assert.match(
				lines[index] ?? '',
				new RegExp(`^ec2-import-watch: failed \\(region eu-west-1 at .*\\): ec2:${action}: AWS credentials are missing, expired or not accepted: .* — .+$`),
			);
	});

	test('a hung endpoint: the deadline ends the check, exit 1', async () => {
		const started = Date.now();
		const result = await check({hangRate: 1}, 300);
		assert.equal(result.code, 1);
		assert.match(result.stderr, /EC2 did not answer within 0 s; the request was cancelled/);
		assert.ok(Date.now() - started < 2000);
	});

	test('nothing listening: endpoint unreachable, exit 1', async () => {
		const server = createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const address = server.address();
		assert.ok(address !== null && typeof address === 'object');
		await new Promise<void>((resolve) => server.close(() => resolve()));
		const result = await check({}, undefined, `http://127.0.0.1:${address.port}`);
		assert.equal(result.code, 1);
		assert.match(
			result.stderr,
			/^ec2-import-watch: failed [^\n]*: ec2:DescribeImportImageTasks: cannot reach EC2: [^\n]*check the network, VPN or proxy, and the endpoint\nec2-import-watch: failed [^\n]*: ec2:DescribeImportSnapshotTasks: cannot reach EC2: [^\n]*\n$/,
		);
	});

	test('several profiles and regions: a line per pair and call; one pair refusing snapshot imports fails the check', async () => {
		const lab = await startTestSimulator({tasks: 1, arrivals: false, denyActions: ['DescribeImportSnapshotTasks']});
		try {
			const endpoints = new Map([
				['prod', sim.url],
				['lab', lab.url],
			]);
			const resolved = resolveOptions({check: true, profile: 'prod,lab', region: 'eu-west-1,us-west-2'}, {}, (profile, key) =>
				key === 'endpoint_url' && profile !== undefined ? endpoints.get(profile) : undefined,
			);
			assert.ok(resolved.ok, resolved.ok ? '' : resolved.error);
			const out: string[] = [];
			const err: string[] = [];
			const code = await runCheck(
				resolved.config,
				{stdout: {write: (text: string) => out.push(text)}, stderr: {write: (text: string) => err.push(text)}},
				{createSource: (options) => createEc2Source({...options, credentials: testCredentials, maxAttempts: 1})},
			);
			const ok = (where: string, action: string) => `ok: credentials, region ${where} and ec2:${action} are all fine\n`;
			assert.deepEqual(
				{code, stdout: out.join(''), stderr: err.join('')},
				{
					code: 1,
					stdout: [
						...['eu-west-1', 'us-west-2'].flatMap((region) => [
							ok(`${region} (profile prod) at ${sim.url}`, 'DescribeImportImageTasks'),
							ok(`${region} (profile prod) at ${sim.url}`, 'DescribeImportSnapshotTasks'),
						]),
						...['eu-west-1', 'us-west-2'].map((region) => ok(`${region} (profile lab) at ${lab.url}`, 'DescribeImportImageTasks')),
					].join(''),
					stderr: ['eu-west-1', 'us-west-2']
						.map(
							(region) =>
								`ec2-import-watch: failed (region ${region} (profile lab) at ${lab.url}): not allowed to call ec2:DescribeImportSnapshotTasks (UnauthorizedOperation) — ask for an IAM policy that allows ec2:DescribeImportSnapshotTasks\n`,
						)
						.join(''),
				},
			);
		} finally {
			await lab.close();
		}
	});

	test('from the command line, with keys in the environment', async () => {
		const env = {PATH: process.env.PATH, HOME: '/nonexistent', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_EC2_METADATA_DISABLED: 'true'};
		const {code, stdout, stderr} = await runBuilt(['--check', '--region', 'us-east-1', '--endpoint', sim.url], env);
		assert.equal(code, 0, stderr);
		assert.equal(
			stdout,
			`ok: credentials, region us-east-1 at ${sim.url} and ec2:DescribeImportImageTasks are all fine\nok: credentials, region us-east-1 at ${sim.url} and ec2:DescribeImportSnapshotTasks are all fine\n`,
		);
		assert.equal(stderr, '');
	});
});
