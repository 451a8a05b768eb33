// Starts the simulator in-process on port 0 with a real EC2Client pointed at it.

import assert from 'node:assert/strict';
import {EC2Client, type EC2ClientConfig, EC2ServiceException} from '@aws-sdk/client-ec2';
import {createSimulator, type Simulator, type SimulatorOptions} from '../../source/simulator/server.js';

export interface TestSimulator {
	url: string;
	client: EC2Client;
	simulator: Simulator;
	close(): Promise<void>;
}

export const testCredentials = {accessKeyId: 'test', secretAccessKey: 'test'};

export async function startTestSimulator(options: SimulatorOptions = {}, clientConfig: EC2ClientConfig = {}): Promise<TestSimulator> {
	const simulator = createSimulator(options);
	const url = await simulator.listen();
	const client = new EC2Client({region: 'us-east-1', endpoint: url, credentials: testCredentials, ...clientConfig});
	return {
		url,
		client,
		simulator,
		async close() {
			client.destroy();
			await simulator.close();
		},
	};
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.UTC(2026, 0, 1)): {now: () => number; advance(ms: number): void} {
	let time = start;
	return {
		now: () => time,
		advance(ms) {
			time += ms;
		},
	};
}

/** A PRNG that returns the given draws, then `rest` for ever (to aim faults at exact requests). */
export function draws(values: number[], rest = 0.999): () => number {
	const queue = [...values];
	return () => queue.shift() ?? rest;
}

/** A raw Query-protocol POST, for what the SDK will not send. */
export async function postForm(url: string, body: string, init: RequestInit = {}): Promise<{status: number; text: string; headers: Headers}> {
	const response = await fetch(url, {
		method: 'POST',
		headers: {'content-type': 'application/x-www-form-urlencoded; charset=utf-8'},
		body,
		...init,
	});
	return {status: response.status, text: await response.text(), headers: response.headers};
}

/** The EC2 error a call fails with; fails the test when it succeeds or fails otherwise. */
export async function ec2Error(promise: Promise<unknown>): Promise<EC2ServiceException> {
	try {
		await promise;
	} catch (error) {
		assert.ok(error instanceof EC2ServiceException, `expected an EC2ServiceException, got ${String(error)}`);
		return error;
	}
	assert.fail('expected the call to fail');
}
