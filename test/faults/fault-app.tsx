// The whole app against the simulator through the real SDK, with the poller on fake timers: one poll at a
// time, waiting for its real HTTP to end, so a test can read the screen after each poll. The app gets the
// source's own classify (with its profile), as run-watch gives it, so credential hints read as in use.

import assert from 'node:assert/strict';
import type {ImportTask} from '../../source/model/import-task.js';
import {createEc2Source, type Ec2SourceOptions} from '../../source/watch/ec2-source.js';
import {mountApp, start} from '../helpers/app-harness.js';
import {createFakeTimers, type FakeTimers, settle} from '../helpers/fake-timers.js';
import {waitFor} from '../helpers/render-app.js';
import {testCredentials} from '../helpers/simulator.js';

/** The base interval of these tests: short, so a backoff of a few intervals is few ticks of the header's clock. */
export const interval = 2000;

export interface FaultApp {
	timers: FakeTimers;
	frame(): string;
	press(...keys: string[]): Promise<void>;
	/** Requests the app has made. */
	fetches(): number;
	/** Times the app asked the source to rebuild its credentials. */
	resets(): number;
	/** Runs the fake clock to the next poll and waits until its real HTTP ended and the screen shows it. */
	nextPoll(): Promise<string>;
	/** Runs the fake clock (timer by timer) until the screen passes `check` (for deadlines on hung requests), then waits for the request to end. */
	runUntil(check: (frame: string) => boolean, what: string): Promise<string>;
	now(): number;
	destroy(): void;
}

export async function renderFaultApp(url: string, options: Partial<Ec2SourceOptions> = {}, rows = 30, columns = 160): Promise<FaultApp> {
	const timers = createFakeTimers(start);
	const ec2 = createEc2Source({region: 'us-east-1', endpoint: url, credentials: testCredentials, maxAttempts: 1, timers, intervalMs: interval, ...options});
	let started = 0;
	let ended = 0;
	let resets = 0;
	const source = {
		async fetchTasks(signal: AbortSignal): Promise<ImportTask[]> {
			started += 1;
			try {
				return await ec2.fetchTasks(signal);
			} finally {
				ended += 1;
			}
		},
		resetCredentials() {
			resets += 1;
			ec2.resetCredentials();
		},
		partialFaults: () => ec2.partialFaults(),
	};
	const app = await mountApp({source, intervalMs: interval, classify: ec2.classify, size: {columns, rows}, timers});
	const {frame} = app;
	const shown = async (): Promise<string> => {
		await waitFor(() => started === ended, 'the request to end');
		await settle(10);
		await waitFor(() => !frame().includes('polling…'), 'the screen to show the poll');
		return frame();
	};
	await shown();
	return {
		timers,
		frame,
		fetches: () => started,
		resets: () => resets,
		now: () => timers.now(),
		press: app.press,
		async nextPoll() {
			assert.equal(started, ended, 'no request in flight before the next poll');
			const before = started;
			while (started === before && (await timers.runNext())) {}
			return shown();
		},
		async runUntil(check, what) {
			for (let step = 0; step < 10_000 && !check(frame()); step++) {
				assert.ok(await timers.runNext(), `no timer left while waiting for ${what}`);
				await settle(3);
			}
			assert.ok(check(frame()), what);
			// An aborted request ends soon after the deadline; the next poll should not overlap it.
			await waitFor(() => started === ended, 'the aborted request to end');
			return frame();
		},
		destroy() {
			app.unmount();
			ec2.destroy();
		},
	};
}

/** The first "next poll in …" of the header, in seconds. */
export function nextPollSeconds(frame: string): number {
	const match = /next poll in (?:(\d+)m )?(\d+)s/.exec(frame);
	assert.ok(match, `no "next poll in" on the screen:\n${frame}`);
	return Number(match[1] ?? 0) * 60 + Number(match[2]);
}
