// The real AWS CLI against the simulator: its own paginator, filters, dry run and XML parser (expat).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { ApiTask } from '../../source/simulator/api-task.js';
import { startTestSimulator, type TestSimulator } from '../helpers/simulator.js';
import { everyField, hostile, hostileTask, long } from './fixtures.js';

const run = promisify(execFile);

async function awsVersion(): Promise<string | undefined> {
	try {
		const { stdout, stderr } = await run('aws', ['--version'], { timeout: 30_000 });
		return `${stdout}${stderr}`.trim();
	} catch {
		return undefined;
	}
}
const skip = (await awsVersion()) === undefined ? 'aws CLI not installed' : false;

const scenario: ApiTask[] = [
	...['active', 'completed', 'deleted', 'completed', 'active'].map((Status, index) => ({ ImportTaskId: `import-ami-0000000000000000${index}`, Status })),
	everyField,
	hostileTask(hostile.sent),
	{ ...hostileTask(long), ImportTaskId: 'import-ami-long' },
];

interface CliResult {
	code: number;
	stdout: string;
	stderr: string;
}

describe('the AWS CLI against the simulator', { skip }, () => {
	let sim: TestSimulator;
	let home = '';

	before(async () => {
		sim = await startTestSimulator({ scenario: { tasks: scenario } });
		home = await mkdtemp(join(tmpdir(), 'aws-home-'));
	});
	after(async () => {
		await sim?.close();
		if (home !== '') await rm(home, { recursive: true, force: true });
	});

	async function aws(...args: string[]): Promise<CliResult> {
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
		const argv = ['ec2', 'describe-import-image-tasks', '--endpoint-url', sim.url, '--region', 'us-east-1', '--output', 'json', ...args];
		try {
			const { stdout, stderr } = await run('aws', argv, { env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
			return { code: 0, stdout, stderr };
		} catch (error) {
			if (error instanceof Error && 'stdout' in error && 'stderr' in error && 'code' in error && typeof error.code === 'number') {
				return { code: error.code, stdout: String(error.stdout), stderr: String(error.stderr) };
			}
			throw error;
		}
	}

	function tasksOf(result: CliResult): unknown[] {
		assert.equal(result.code, 0, result.stderr);
		const parsed: unknown = JSON.parse(result.stdout);
		assert.ok(typeof parsed === 'object' && parsed !== null && 'ImportImageTasks' in parsed && Array.isArray(parsed.ImportImageTasks));
		return parsed.ImportImageTasks;
	}

	it('lists every task with --page-size 2, one request per page', async () => {
		const before = sim.simulator.requestCount;
		const tasks = tasksOf(await aws('--page-size', '2'));
		assert.equal(tasks.length, scenario.length);
		assert.equal(sim.simulator.requestCount - before, Math.ceil(scenario.length / 2));
	});

	it('filters with --filters Name=task-state,Values=completed', async () => {
		const tasks = tasksOf(await aws('--filters', 'Name=task-state,Values=completed'));
		assert.deepEqual(tasks, [scenario[1], scenario[3]]);
	});

	it('exits 255 with DryRunOperation for --dry-run', async () => {
		const result = await aws('--dry-run');
		assert.equal(result.code, 255);
		assert.match(result.stderr, /An error occurred \(DryRunOperation\) when calling the DescribeImportImageTasks operation: Request would have succeeded, but DryRun flag is set\./);
	});

	it('exits 255 with InvalidConversionTaskId.Malformed for an unknown id', async () => {
		const result = await aws('--import-task-ids', 'import-ami-00000000000000099');
		assert.equal(result.code, 255);
		assert.match(result.stderr, /\(InvalidConversionTaskId\.Malformed\)/);
	});

	it('reads every field back as given, and hostile and long strings as the SDK does', async () => {
		const tasks = tasksOf(await aws('--import-task-ids', everyField.ImportTaskId, 'import-ami-hostile', 'import-ami-long'));
		assert.deepEqual(tasks, [everyField, hostileTask(hostile.expected), { ...hostileTask(long), ImportTaskId: 'import-ami-long' }]);
	});
});
