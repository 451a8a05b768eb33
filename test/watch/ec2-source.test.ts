import assert from 'node:assert/strict';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {type ImportTask, shownId} from '../../source/model/import-task.js';
import type {FaultOptions} from '../../source/simulator/server.js';
import {createEc2Source, type Ec2SourceOptions} from '../../source/watch/ec2-source.js';
import {failureOf} from '../helpers/hostile-endpoint.js';
import {manualClock, startTestSimulator, type TestSimulator, testCredentials} from '../helpers/simulator.js';

// The real SDK over real HTTP against the simulator (or, for credentials, a server that records who signed).

const ids = (tasks: ImportTask[]) => tasks.map((task) => shownId(task)).sort();

let sim: TestSimulator;
before(async () => {
	// A fixed clock and no arrivals: every listing is the same.
	sim = await startTestSimulator({seed: 7, tasks: 30, arrivals: false, now: manualClock().now});
});
after(() => sim.close());

function source(overrides: Partial<Ec2SourceOptions> = {}) {
	return createEc2Source({region: 'us-east-1', endpoint: sim.url, credentials: testCredentials, maxAttempts: 1, ...overrides});
}

async function withFaults<T>(faults: FaultOptions, run: () => Promise<T>): Promise<T> {
	sim.simulator.configure(faults);
	try {
		return await run();
	} finally {
		const reset: FaultOptions = {};
		for (const key of Object.keys(faults)) Object.assign(reset, {[key]: undefined});
		sim.simulator.configure(reset);
	}
}

/** Lets the event loop turn until `done()` holds (no timed sleeps). */
async function until(done: () => boolean): Promise<void> {
	for (let turn = 0; turn < 10_000 && !done(); turn++) {
		await new Promise<void>((resolve) => setImmediate(resolve));
	}
	assert.ok(done(), 'condition never held');
}

describe('ec2-source: listing', () => {
	test('collects every page; page size 1, 1000 and none give the same tasks', async () => {
		const all = await source().fetchTasks(new AbortController().signal);
		assert.ok(all.length >= 20, `the simulator lists its tasks (${all.length})`);
		const before = sim.simulator.requestCount;
		const one = await source({pageSize: 1}).fetchTasks(new AbortController().signal);
		assert.equal(sim.simulator.requestCount - before, all.length, 'one request per page');
		const big = await source({pageSize: 1000}).fetchTasks(new AbortController().signal);
		assert.deepEqual(ids(one), ids(all));
		assert.deepEqual(ids(big), ids(all));
		assert.equal(new Set(ids(all)).size, all.length);
	});

	test('a fresh input every poll: the second poll lists everything again', async () => {
		const paged = source({pageSize: 4});
		const first = await paged.fetchTasks(new AbortController().signal);
		const second = await paged.fetchTasks(new AbortController().signal);
		assert.deepEqual(ids(second), ids(first));
	});

	test('the state filter', async () => {
		const all = await source().fetchTasks(new AbortController().signal);
		const completed = await source({stateFilter: ['completed'], pageSize: 3}).fetchTasks(new AbortController().signal);
		assert.ok(completed.length > 0);
		assert.ok(completed.every((task) => task.status === 'completed'));
		assert.equal(completed.length, all.filter((task) => task.status === 'completed').length);
		const activeOrDeleted = await source({stateFilter: ['active', 'deleted']}).fetchTasks(new AbortController().signal);
		assert.deepEqual(ids(activeOrDeleted), ids(all.filter((task) => task.status === 'active' || task.status === 'deleted')));
	});

	test('task ids', async () => {
		const all = await source().fetchTasks(new AbortController().signal);
		const wanted = ids(all).slice(0, 3);
		const found = await source({taskIds: wanted, pageSize: 2}).fetchTasks(new AbortController().signal);
		assert.deepEqual(ids(found), wanted);
	});

	test('an unknown task id is a request fault', async () => {
		const unknown = source({taskIds: ['import-ami-00000000000000000']});
		const fault = unknown.classify(await failureOf(unknown.fetchTasks(new AbortController().signal)));
		assert.equal(fault.kind, 'request');
		assert.equal(fault.message, 'an import task id is unknown or expired');
	});

	test('describe names the endpoint, or the region', () => {
		assert.equal(source().describe, sim.url);
		assert.equal(createEc2Source({region: 'eu-west-1'}).describe, 'eu-west-1');
	});
});

describe('ec2-source: cancelling', () => {
	test('an abort cancels a hung request promptly', async () => {
		await withFaults({hangRate: 1}, async () => {
			const controller = new AbortController();
			const before = sim.simulator.requestCount;
			const fetching = source().fetchTasks(controller.signal);
			await until(() => sim.simulator.requestCount > before);
			const abortedAt = performance.now();
			controller.abort();
			const error = await failureOf(fetching);
			assert.ok(performance.now() - abortedAt < 1000, 'rejected promptly');
			assert.ok(error instanceof Error);
			assert.equal(error.name, 'AbortError');
		});
	});

	test('an already aborted signal sends nothing', async () => {
		const before = sim.simulator.requestCount;
		await failureOf(source().fetchTasks(AbortSignal.abort()));
		assert.equal(sim.simulator.requestCount, before);
	});

	test("the SDK's request timeout fails a hung request as a network fault", async () => {
		await withFaults({hangRate: 1}, async () => {
			const slow = source({requestTimeoutMs: 100});
			const fault = slow.classify(await failureOf(slow.fetchTasks(new AbortController().signal)));
			assert.equal(fault.kind, 'network');
			assert.match(fault.message, /100 ms requestTimeout/);
		});
	});
});

describe('ec2-source: real SDK errors from the simulator', () => {
	const cases: Array<[string, FaultOptions, string]> = [
		['throttle', {throttle: 1}, 'throttled'],
		['deny', {deny: true}, 'permission'],
		['garbage', {garbageRate: 1}, 'server'],
		['truncate', {truncateRate: 1}, 'server'],
		['fail', {failRate: 1}, 'server'],
		['expired credentials', {expireCredentialsAfter: 0}, 'credentials'],
	];
	for (const [name, faults, kind] of cases) {
		test(`${name} → ${kind}`, async () => {
			await withFaults(faults, async () => {
				const ec2 = source({profile: 'ops'});
				const fault = ec2.classify(await failureOf(ec2.fetchTasks(new AbortController().signal)));
				assert.equal(fault.kind, kind, fault.message);
				assert.doesNotMatch(fault.message, /\n/);
				assert.ok(fault.message.length <= 200);
				if (kind === 'credentials') assert.match(fault.hint ?? '', /aws sso login --profile ops/);
			});
		});
	}

	test('a closed port → network', async () => {
		const server = createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const {port} = addressOf(server);
		await new Promise<void>((resolve) => server.close(() => resolve()));
		const closed = source({endpoint: `http://127.0.0.1:${port}`});
		const fault = closed.classify(await failureOf(closed.fetchTasks(new AbortController().signal)));
		assert.equal(fault.kind, 'network');
		assert.equal(fault.code, 'ECONNREFUSED');
	});

	test('dry run: allowed, then denied; a call per kind watched', async () => {
		assert.deepEqual(await source().dryRunCheck(new AbortController().signal), [
			{action: 'ec2:DescribeImportImageTasks', ok: true},
			{action: 'ec2:DescribeImportSnapshotTasks', ok: true},
		]);
		await withFaults({deny: true}, async () => {
			const results = await source().dryRunCheck(new AbortController().signal);
			assert.deepEqual(
				results.map((result) => (result.ok ? 'ok' : result.fault.kind)),
				['permission', 'permission'],
			);
		});
	});

	test('after expired credentials, resetCredentials and a good token the source works again', async () => {
		const ec2 = source();
		await withFaults({expireCredentialsAfter: 0}, async () => {
			assert.equal(ec2.classify(await failureOf(ec2.fetchTasks(new AbortController().signal))).kind, 'credentials');
		});
		ec2.resetCredentials();
		assert.ok((await ec2.fetchTasks(new AbortController().signal)).length > 0);
		ec2.destroy();
	});
});

function addressOf(server: Server): AddressInfo {
	const address = server.address();
	assert.ok(address !== null && typeof address === 'object');
	return address;
}

describe('ec2-source: resetCredentials re-reads the shared credentials file', () => {
	// The simulator accepts any key, so a small server records which key id signed each request.
	const signedBy: string[] = [];
	const recorder = createServer((request, response) => {
		signedBy.push(/Credential=([^/]+)\//.exec(request.headers.authorization ?? '')?.[1] ?? '');
		request.resume();
		request.on('end', () => {
			response.writeHead(200, {'content-type': 'text/xml', 'x-amzn-requestid': 'r'});
			response.end('<DescribeImportImageTasksResponse><importImageTaskSet/></DescribeImportImageTasksResponse>');
		});
	});
	const saved = {...process.env};
	let dir = '';

	before(async () => {
		dir = await mkdtemp(join(tmpdir(), 'watch-creds-'));
		for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) delete process.env[key];
		process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
		process.env.AWS_CONFIG_FILE = join(dir, 'config');
		process.env.AWS_EC2_METADATA_DISABLED = 'true';
		await writeFile(join(dir, 'config'), '[profile watch]\nregion = us-east-1\n');
		await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
	});
	after(async () => {
		process.env = saved;
		await new Promise<void>((resolve) => recorder.close(() => resolve()));
		await rm(dir, {recursive: true, force: true});
	});

	const keys = (id: string) => `[watch]\naws_access_key_id = ${id}\naws_secret_access_key = secret\n`;

	test('a rotated key is used after resetCredentials, not before', async () => {
		const ec2 = createEc2Source({
			region: 'us-east-1',
			profile: 'watch',
			endpoint: `http://127.0.0.1:${addressOf(recorder).port}`,
			maxAttempts: 1,
			// One call per poll: the recorder answers every request as DescribeImportImageTasks.
			kinds: ['image'],
		});
		await writeFile(join(dir, 'credentials'), keys('AKIDOLD'));
		await ec2.fetchTasks(new AbortController().signal);
		await writeFile(join(dir, 'credentials'), keys('AKIDNEW'));
		await ec2.fetchTasks(new AbortController().signal);
		ec2.resetCredentials();
		await ec2.fetchTasks(new AbortController().signal);
		assert.deepEqual(signedBy, ['AKIDOLD', 'AKIDOLD', 'AKIDNEW']);
		ec2.destroy();
	});

	test('a missing profile is a credentials fault naming the profile', async () => {
		await writeFile(join(dir, 'credentials'), keys('AKIDNEW'));
		const ec2 = createEc2Source({
			region: 'us-east-1',
			profile: 'nope',
			endpoint: `http://127.0.0.1:${addressOf(recorder).port}`,
			maxAttempts: 1,
		});
		const fault = ec2.classify(await failureOf(ec2.fetchTasks(new AbortController().signal)));
		assert.equal(fault.kind, 'credentials');
		assert.match(fault.hint ?? '', /--profile nope/);
		ec2.destroy();
	});
});
