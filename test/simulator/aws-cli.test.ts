// The real AWS CLI against the simulator: its own paginator, filters, dry run and XML parser (expat).

import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {promisify} from 'node:util';
import type {ApiSnapshotTask, ApiTask} from '../../source/simulator/api-task.js';
import {startTestSimulator, type TestSimulator} from '../helpers/simulator.js';
import {everyField, everySnapshotField, hostile, hostileSnapshotTask, hostileTask, long} from './fixtures.js';

const run = promisify(execFile);

async function awsVersion(): Promise<string | undefined> {
	try {
		const {stdout, stderr} = await run('aws', ['--version'], {timeout: 30_000});
		return `${stdout}${stderr}`.trim();
	} catch {
		return undefined;
	}
}
const skip = (await awsVersion()) === undefined ? 'aws CLI not installed' : false;

const scenario: ApiTask[] = [
	...['active', 'completed', 'deleted', 'completed', 'active'].map((Status, index) => ({ImportTaskId: `import-ami-0000000000000000${index}`, Status})),
	everyField,
	hostileTask(hostile.sent),
	{...hostileTask(long), ImportTaskId: 'import-ami-long'},
	{ImportTaskId: 'import-ami-cancel-me', Progress: '39', Status: 'active', StatusMessage: 'booting'},
];
const snapshotScenario: ApiSnapshotTask[] = [
	...['active', 'completed', 'deleted'].map((Status, index) => ({
		ImportTaskId: `import-snap-0000000000000000${index}`,
		SnapshotTaskDetail: {Status},
	})),
	everySnapshotField,
	hostileSnapshotTask(hostile.sent),
];

interface CliResult {
	code: number;
	stdout: string;
	stderr: string;
}

describe('the AWS CLI against the simulator', {skip}, () => {
	let sim: TestSimulator;
	let home = '';

	before(async () => {
		sim = await startTestSimulator({scenario: {tasks: scenario, snapshotTasks: snapshotScenario}});
		home = await mkdtemp(join(tmpdir(), 'aws-home-'));
	});
	after(async () => {
		await sim?.close();
		if (home !== '') await rm(home, {recursive: true, force: true});
	});

	async function aws(operation: string, ...args: string[]): Promise<CliResult> {
		// No real configuration or credentials are read: a fresh HOME and config paths that do not exist.
		const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_')));
		Object.assign(env, {
			HOME: home,
			AWS_CONFIG_FILE: join(home, 'config'),
			AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
			AWS_ACCESS_KEY_ID: 'test',
			AWS_SECRET_ACCESS_KEY: 'test',
			AWS_EC2_METADATA_DISABLED: 'true',
		});
		const argv = ['ec2', operation, '--endpoint-url', sim.url, '--region', 'us-east-1', '--output', 'json', ...args];
		try {
			const {stdout, stderr} = await run('aws', argv, {env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024});
			return {code: 0, stdout, stderr};
		} catch (error) {
			if (error instanceof Error && 'stdout' in error && 'stderr' in error && 'code' in error && typeof error.code === 'number') {
				return {code: error.code, stdout: String(error.stdout), stderr: String(error.stderr)};
			}
			throw error;
		}
	}

	function parsedOf(result: CliResult): Record<string, unknown> {
		assert.equal(result.code, 0, result.stderr);
		const parsed: unknown = JSON.parse(result.stdout);
		assert.ok(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed));
		return Object.fromEntries(Object.entries(parsed));
	}

	function listOf(result: CliResult, key: 'ImportImageTasks' | 'ImportSnapshotTasks'): unknown[] {
		const list = parsedOf(result)[key];
		assert.ok(Array.isArray(list), `${key} in ${result.stdout}`);
		return list;
	}

	const tasksOf = (result: CliResult) => listOf(result, 'ImportImageTasks');
	const images = (...args: string[]) => aws('describe-import-image-tasks', ...args);
	const snapshots = (...args: string[]) => aws('describe-import-snapshot-tasks', ...args);

	it('lists every task with --page-size 2, one request per page', async () => {
		const before = sim.simulator.requestCount;
		const tasks = tasksOf(await images('--page-size', '2'));
		assert.equal(tasks.length, scenario.length);
		assert.equal(sim.simulator.requestCount - before, Math.ceil(scenario.length / 2));
	});

	it('filters with --filters Name=task-state,Values=completed', async () => {
		const tasks = tasksOf(await images('--filters', 'Name=task-state,Values=completed'));
		assert.deepEqual(tasks, [scenario[1], scenario[3]]);
	});

	it('exits 255 with DryRunOperation for --dry-run', async () => {
		const result = await images('--dry-run');
		assert.equal(result.code, 255);
		assert.match(
			result.stderr,
			/An error occurred \(DryRunOperation\) when calling the DescribeImportImageTasks operation: Request would have succeeded, but DryRun flag is set\./,
		);
	});

	it('exits 255 with InvalidConversionTaskId.Malformed for an unknown id', async () => {
		const result = await images('--import-task-ids', 'import-ami-00000000000000099');
		assert.equal(result.code, 255);
		assert.match(result.stderr, /\(InvalidConversionTaskId\.Malformed\)/);
	});

	it('exits 255 with InvalidPaginationToken for a token it did not hand out (raw, and through --starting-token)', async () => {
		for (const args of [
			['--no-paginate', '--next-token', 'abc+/='],
			['--starting-token', 'abc'],
		]) {
			const result = await images(...args);
			assert.equal(result.code, 255, args.join(' '));
			assert.match(
				result.stderr,
				/An error occurred \(InvalidPaginationToken\) when calling the DescribeImportImageTasks operation: The specified pagination token is not valid or is expired\./,
			);
		}
		const result = await snapshots('--no-paginate', '--next-token', 'abc');
		assert.match(result.stderr, /\(InvalidPaginationToken\) when calling the DescribeImportSnapshotTasks operation/);
	});

	it('reads every field back as given, and hostile and long strings as the SDK does', async () => {
		const tasks = tasksOf(await images('--import-task-ids', everyField.ImportTaskId, 'import-ami-hostile', 'import-ami-long'));
		assert.deepEqual(tasks, [everyField, hostileTask(hostile.expected), {...hostileTask(long), ImportTaskId: 'import-ami-long'}]);
	});
	it('describe-import-snapshot-tasks: every field, hostile strings, paging, filters, ids and dry run', async () => {
		const before = sim.simulator.requestCount;
		assert.deepEqual(listOf(await snapshots('--page-size', '2'), 'ImportSnapshotTasks'), [
			...snapshotScenario.slice(0, 4),
			hostileSnapshotTask(hostile.expected),
		]);
		assert.equal(sim.simulator.requestCount - before, Math.ceil(snapshotScenario.length / 2));
		const ended = listOf(await snapshots('--filters', 'Name=task-state,Values=completed,deleted'), 'ImportSnapshotTasks');
		assert.deepEqual(ended, [snapshotScenario[1], snapshotScenario[2]]);
		assert.deepEqual(listOf(await snapshots('--import-task-ids', everySnapshotField.ImportTaskId), 'ImportSnapshotTasks'), [everySnapshotField]);
		const dryRun = await snapshots('--dry-run');
		assert.equal(dryRun.code, 255);
		assert.match(dryRun.stderr, /\(DryRunOperation\) when calling the DescribeImportSnapshotTasks operation/);
		const unknown = await snapshots('--import-task-ids', 'import-snap-00000000000000099');
		assert.equal(unknown.code, 255);
		assert.match(unknown.stderr, /\(InvalidConversionTaskId\.Malformed\)/);
	});

	it('cancel-import-task: an image and a snapshot task, then refuses the ended task; dry run', async () => {
		const dryRun = await aws('cancel-import-task', '--import-task-id', 'import-ami-cancel-me', '--dry-run');
		assert.equal(dryRun.code, 255);
		assert.match(dryRun.stderr, /\(DryRunOperation\) when calling the CancelImportTask operation/);
		const cancelled = parsedOf(await aws('cancel-import-task', '--import-task-id', 'import-ami-cancel-me', '--cancel-reason', 'stuck at booting'));
		assert.deepEqual(cancelled, {ImportTaskId: 'import-ami-cancel-me', PreviousState: 'active', State: 'deleting'});
		assert.deepEqual(tasksOf(await images('--import-task-ids', 'import-ami-cancel-me')), [
			{ImportTaskId: 'import-ami-cancel-me', Status: 'deleting', StatusMessage: 'stuck at booting'},
		]);
		const snapshot = parsedOf(await aws('cancel-import-task', '--import-task-id', 'import-snap-00000000000000000'));
		assert.deepEqual(snapshot, {ImportTaskId: 'import-snap-00000000000000000', PreviousState: 'active', State: 'deleting'});
		const again = await aws('cancel-import-task', '--import-task-id', 'import-snap-00000000000000000');
		assert.equal(again.code, 255);
		assert.match(again.stderr, /\(IncorrectState\) when calling the CancelImportTask operation: .*'deleting'/);
	});
});
