// Injected faults as the real SDK sees them: error names, statuses, retries, broken bodies, hangs.

import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {DescribeImportImageTasksCommand, EC2ServiceException} from '@aws-sdk/client-ec2';
import {createSimulator, type SimulatorOptions} from '../../source/simulator/server.js';
import {draws, postForm, startTestSimulator} from '../helpers/simulator.js';

const describeAll = new DescribeImportImageTasksCommand({});

async function withSimulator(
	options: SimulatorOptions,
	maxAttempts: number,
	body: (sim: Awaited<ReturnType<typeof startTestSimulator>>) => Promise<void>,
): Promise<void> {
	const sim = await startTestSimulator({tasks: 3, arrivals: false, ...options}, {maxAttempts});
	try {
		await body(sim);
	} finally {
		await sim.close();
	}
}

async function failure(promise: Promise<unknown>): Promise<Error & {$metadata?: {httpStatusCode?: number; attempts?: number}}> {
	try {
		await promise;
	} catch (error) {
		assert.ok(error instanceof Error);
		return error;
	}
	assert.fail('expected the call to fail');
}

describe('faults through the real SDK', () => {
	for (const [options, code, status] of [
		[{throttle: 1}, 'RequestLimitExceeded', 503],
		[{failRate: 1}, 'InternalError', 500],
		[{deny: true}, 'UnauthorizedOperation', 403],
		[{expireCredentialsAfter: 0}, 'ExpiredToken', 400],
	] as const) {
		it(`arrives as ${code} with HTTP ${status}`, () =>
			withSimulator(options, 1, async (sim) => {
				const error = await failure(sim.client.send(describeAll));
				assert.ok(error instanceof EC2ServiceException);
				assert.equal(error.name, code);
				assert.equal(error.$metadata.httpStatusCode, status);
				assert.equal(error.$fault, status >= 500 ? 'server' : 'client');
			}));
	}

	it('denies a dry run too', () =>
		withSimulator({deny: true}, 1, async (sim) => {
			const error = await failure(sim.client.send(new DescribeImportImageTasksCommand({DryRun: true})));
			assert.equal(error.name, 'UnauthorizedOperation');
			assert.equal(error.$metadata?.httpStatusCode, 403);
		}));

	it('lets the SDK absorb a throttled first request by retrying', () =>
		withSimulator({throttle: 0.5, random: draws([0])}, 3, async (sim) => {
			const output = await sim.client.send(describeAll);
			assert.equal(output.ImportImageTasks?.length, 3);
			assert.equal(output.$metadata.attempts, 2);
			assert.equal(sim.simulator.requestCount, 2);
		}));

	it('lets the SDK retry an InternalError too', () =>
		withSimulator({failRate: 0.5, random: draws([0.2])}, 3, async (sim) => {
			const output = await sim.client.send(describeAll);
			assert.equal(output.$metadata.attempts, 2);
		}));

	it('expires credentials after N requests', () =>
		withSimulator({expireCredentialsAfter: 2}, 1, async (sim) => {
			await sim.client.send(describeAll);
			await sim.client.send(describeAll);
			const error = await failure(sim.client.send(describeAll));
			assert.equal(error.name, 'ExpiredToken');
			assert.equal(error.message, 'The security token included in the request is expired');
		}));

	it('answers a garbage HTML page with 200 that the SDK cannot parse', () =>
		withSimulator({garbageRate: 1}, 1, async (sim) => {
			const error = await failure(sim.client.send(describeAll));
			assert.ok(!(error instanceof EC2ServiceException));
			assert.match(error.message, /XML parse error/);
			assert.equal(error.$metadata?.httpStatusCode, 200);
			const raw = await postForm(sim.url, 'Action=DescribeImportImageTasks&Version=2016-11-15');
			assert.equal(raw.headers.get('content-type'), 'text/html');
			assert.match(raw.text, /^<!DOCTYPE html>/);
		}));

	it('cuts the XML in half, with the Content-Length of the cut body', () =>
		withSimulator({truncateRate: 0.5, random: draws([0.99, 0.1])}, 1, async (sim) => {
			const whole = await postForm(sim.url, 'Action=DescribeImportImageTasks&Version=2016-11-15');
			const cut = await postForm(sim.url, 'Action=DescribeImportImageTasks&Version=2016-11-15');
			const wholeBytes = Buffer.byteLength(whole.text);
			assert.equal(Number(cut.headers.get('content-length')), Math.floor(wholeBytes / 2));
			assert.equal(Buffer.byteLength(cut.text), Math.floor(wholeBytes / 2));
			sim.simulator.configure({truncateRate: 1});
			const error = await failure(sim.client.send(describeAll));
			assert.match(error.message, /XML parse error/);
		}));

	it('leaves a hung request open until close(), which ends it', async () => {
		const sim = await startTestSimulator({hangRate: 0.5, random: draws([0]), tasks: 1, arrivals: false}, {maxAttempts: 1});
		const hung = sim.client.send(describeAll).then(
			() => 'answered',
			(error: unknown) => (error instanceof Error ? `failed: ${error.message}` : String(error)),
		);
		while (sim.simulator.requestCount === 0) await new Promise((resolve) => setImmediate(resolve));
		// A later request is answered, so the server is not stuck; the first one still is not.
		assert.equal((await sim.client.send(describeAll)).ImportImageTasks?.length, 1);
		assert.equal(await Promise.race([hung, Promise.resolve('still open')]), 'still open');
		await sim.close();
		assert.match(await hung, /^failed: /);
	});

	it('adds latency to every answer', () =>
		withSimulator({latencyMs: 120}, 1, async (sim) => {
			const started = performance.now();
			await sim.client.send(describeAll);
			assert.ok(performance.now() - started >= 110);
		}));

	it('changes faults while running, and a fault set to undefined goes back to none', () =>
		withSimulator({throttle: 1}, 1, async (sim) => {
			assert.equal((await failure(sim.client.send(describeAll))).name, 'RequestLimitExceeded');
			sim.simulator.configure({throttle: undefined, deny: true});
			assert.equal((await failure(sim.client.send(describeAll))).name, 'UnauthorizedOperation');
			sim.simulator.configure({deny: false});
			assert.equal((await sim.client.send(describeAll)).ImportImageTasks?.length, 3);
		}));

	it('takes each fraction as its own slice of one draw per request', () =>
		withSimulator(
			{hangRate: 0, garbageRate: 0.1, truncateRate: 0.1, throttle: 0.1, failRate: 0.1, random: draws([0.05, 0.15, 0.25, 0.35, 0.45])},
			1,
			async (sim) => {
				const statuses: string[] = [];
				for (let index = 0; index < 5; index++) {
					const response = await postForm(sim.url, 'Action=DescribeImportImageTasks&Version=2016-11-15');
					const code = /<Code>([^<]+)<\/Code>/.exec(response.text)?.[1];
					statuses.push(
						`${response.status} ${code ?? (response.text.includes('<!DOCTYPE html>') ? 'html' : response.text.endsWith('Response>\n') ? 'xml' : 'cut')}`,
					);
				}
				assert.deepEqual(statuses, ['200 html', '200 cut', '503 RequestLimitExceeded', '500 InternalError', '200 xml']);
			},
		));

	it('refuses impossible fault settings as a programming error', () => {
		assert.throws(() => createSimulator({throttle: 1.5}), RangeError);
		assert.throws(() => createSimulator({latencyMs: -1}), RangeError);
		assert.throws(() => createSimulator({speed: 0}), RangeError);
		assert.throws(() => createSimulator({tasks: 1.5}), RangeError);
		assert.throws(() => createSimulator().configure({hangRate: -0.1}), RangeError);
	});
});
