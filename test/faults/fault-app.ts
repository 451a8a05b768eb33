// The whole app against the simulator through the real SDK, with the poller on fake timers: helpers that
// let one poll happen and wait for its real HTTP to end, so a test can read the screen after each poll.

import assert from 'node:assert/strict';
import type {ImportTask} from '../../source/model/import-task.js';
import type {TaskSource} from '../../source/ui/use-watch.js';
import {createEc2Source, type Ec2SourceOptions} from '../../source/watch/ec2-source.js';
import {settle} from '../helpers/fake-timers.js';
import {type AppHarness, renderApp, waitFor} from '../helpers/render-app.js';
import {testCredentials} from '../helpers/simulator.js';

/** The base interval of these tests: short, so a backoff of a few intervals is few ticks of the header's clock. */
export const interval = 2000;

/** A source that knows whether a request is in flight. */
export function trackedSource(inner: TaskSource): TaskSource & {inFlight(): boolean; resets: number} {
	let started = 0;
	let ended = 0;
	return {
		resets: 0,
		inFlight: () => started !== ended,
		async fetchTasks(signal): Promise<ImportTask[]> {
			started += 1;
			try {
				return await inner.fetchTasks(signal);
			} finally {
				ended += 1;
			}
		},
		resetCredentials() {
			this.resets += 1;
			inner.resetCredentials?.();
		},
	};
}

export interface FaultApp extends AppHarness {
	tracked: ReturnType<typeof trackedSource>;
	/** Runs the fake clock to the next poll and waits until its real HTTP ended and the screen shows it. */
	nextPoll(): Promise<string>;
	/** Runs the fake clock (timer by timer) until the screen passes `check`; for deadlines on hung requests. */
	runUntil(check: (frame: string) => boolean, what: string): Promise<string>;
	/** The time of the fake clock. */
	now(): number;
	destroy(): void;
}

export async function renderFaultApp(url: string, options: Partial<Ec2SourceOptions> = {}, intervalMs = interval): Promise<FaultApp> {
	const ec2 = createEc2Source({region: 'us-east-1', endpoint: url, credentials: testCredentials, maxAttempts: 1, ...options});
	const tracked = trackedSource(ec2);
	const app = await renderApp([], {realSource: tracked, intervalMs, rows: 30, columns: 160});
	const ended = async (): Promise<string> => {
		await waitFor(() => !tracked.inFlight(), 'the request to end');
		await settle(10);
		await waitFor(() => !app.frame().includes('polling…'), 'the screen to show the poll');
		return app.frame();
	};
	await ended();
	return {
		...app,
		tracked,
		now: () => app.timers.now(),
		async nextPoll() {
			assert.equal(tracked.inFlight(), false, 'no request in flight before the next poll');
			await app.poll();
			return ended();
		},
		async runUntil(check, what) {
			for (let step = 0; step < 10_000 && !check(app.frame()); step++) {
				assert.ok(await app.timers.runNext(), `no timer left while waiting for ${what}`);
				await settle(3);
			}
			assert.ok(check(app.frame()), what);
			return app.frame();
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
