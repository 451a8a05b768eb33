import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {copyFile, mkdtemp, readdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {promisify} from 'node:util';
import {packageExecutable, prepareBlob} from '../../source/build/package-sea.js';
import {assertBuilt} from '../helpers/term.js';
import {startTestSimulator, type TestSimulator} from '../helpers/simulator.js';

// The x64 standalone executable, built from this build's dist/sea/app.mjs (npm test builds it first), copied
// alone into an empty directory and run with a PATH that holds no node and no node_modules anywhere near.

const run = promisify(execFile);
const packageJson = (await import('../../package.json', {with: {type: 'json'}})).default;

let work: string;
let alone: string;
let executable: string;
let simulator: TestSimulator;

function bare(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	return {PATH: join(alone, 'bin'), HOME: alone, LANG: 'C.UTF-8', ...extra};
}

describe('the standalone executable', {timeout: 120_000}, () => {
	before(async () => {
		assertBuilt();
		work = await mkdtemp(join(tmpdir(), 'eiw-sea-build-'));
		alone = await mkdtemp(join(tmpdir(), 'eiw-sea-alone-'));
		const built = await packageExecutable('x64', await prepareBlob(work), join(work, 'ec2-import-watch'));
		executable = join(alone, 'ec2-import-watch');
		await copyFile(built, executable);
		simulator = await startTestSimulator({tasks: 5, snapshotTasks: 2, arrivals: false, seed: 3});
	});
	after(async () => {
		await simulator?.close();
		await rm(work, {recursive: true, force: true});
		await rm(alone, {recursive: true, force: true});
	});

	it('finds no node on its PATH (the check is real)', async () => {
		await assert.rejects(run('node', ['--version'], {env: bare()}), {code: 'ENOENT'});
	});

	it('says its version from the package data built into it', async () => {
		const {stdout, stderr} = await run(executable, ['--version'], {env: bare(), cwd: alone});
		assert.equal(stdout.trim(), packageJson.version);
		assert.equal(stderr, '');
	});

	it('fetches once as JSON from the simulator, through the bundled SDK', async () => {
		const env = bare({AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_EC2_METADATA_DISABLED: 'true'});
		const {stdout, stderr} = await run(executable, ['--endpoint', simulator.url, '--region', 'us-east-1', '--once', '--json'], {env, cwd: alone});
		const tasks: unknown = JSON.parse(stdout);
		assert.ok(Array.isArray(tasks));
		// Both paginators made it into the bundle: 5 image imports, then 2 snapshot imports.
		assert.equal(tasks.length, 7);
		assert.match(JSON.stringify(tasks[0]), /"kind":"image","importTaskId":"import-ami-[0-9a-f]+/);
		assert.match(JSON.stringify(tasks[6]), /"kind":"snapshot","importTaskId":"import-snap-[0-9a-f]+/);
		assert.equal(stderr, '');
		// It wrote nothing next to itself.
		assert.deepEqual(await readdir(alone), ['ec2-import-watch']);
	});
});
