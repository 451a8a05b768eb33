import type {JournalEntry} from '../../source/model/history.js';
import type {ImportTask, TaskState} from '../../source/model/import-task.js';
import type {TaskCanceller, TaskSource} from '../../source/model/task-source.js';
import type {Theme} from '../../source/ui/theme.js';
import {mountApp} from './app-harness.js';
import {createFakeTimers, type FakeTimers, settle} from './fake-timers.js';

export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	pageDown: '\u001B[6~',
	pageUp: '\u001B[5~',
	home: '\u001B[H',
	end: '\u001B[F',
	enter: '\r',
	escape: '\u001B',
	tab: '\t',
	shiftTab: '\u001B[Z',
	backspace: '\u007F',
	ctrlC: '\u0003',
	ctrlL: '\u000C',
	ctrlZ: '\u001A',
} as const;

/** A task source whose answer the test sets; `fail` makes the next polls throw. */
export function scriptedSource(initial: ImportTask[]) {
	let tasks = initial;
	let failure: unknown;
	return {
		fetches: 0,
		set(next: ImportTask[]) {
			tasks = next;
		},
		fail(error: unknown) {
			failure = error;
		},
		async fetchTasks(_signal: AbortSignal): Promise<ImportTask[]> {
			this.fetches += 1;
			if (failure !== undefined) throw failure;
			return tasks;
		},
	};
}

/** Counts the calls to a real source, so the harness knows when a poll has been asked for. */
export function countedSource(inner: TaskSource): TaskSource & {fetches: number} {
	return {
		fetches: 0,
		fetchTasks(signal) {
			this.fetches += 1;
			return inner.fetchTasks(signal);
		},
		resetCredentials: () => inner.resetCredentials?.(),
		...(inner.pollNotes === undefined ? {} : {pollNotes: () => inner.pollNotes?.() ?? {disabled: []}}),
		...(inner.priorHistory === undefined ? {} : {priorHistory: () => inner.priorHistory?.()}),
	};
}

/** Waits (for real I/O, e.g. a request to the simulator) until `check` passes; fails after `limitMs`. */
export async function waitFor(check: () => boolean, what: string, limitMs = 5000): Promise<void> {
	const until = Date.now() + limitMs;
	while (!check()) {
		if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

export interface AppHarness {
	timers: FakeTimers;
	source: ReturnType<typeof scriptedSource>;
	frame(): string;
	press(...sequence: string[]): Promise<void>;
	fetches(): number;
	/** Let the next poll happen: runs the fake clock's timers until the source has been asked once more. */
	poll(): Promise<void>;
	unmount(): void;
}

export {start} from './app-harness.js';

export interface RenderOptions {
	columns?: number;
	rows?: number;
	theme?: Theme;
	intervalMs?: number;
	/** A real source (e.g. ec2-source against the simulator) instead of the scripted one. */
	realSource?: TaskSource;
	onCopy?: (text: string) => void;
	onTransitions?: (entries: readonly JournalEntry[], first: boolean) => void;
	onAllDone?: (tasks: readonly ImportTask[]) => void;
	onRepaint?: () => void;
	onSuspend?: () => void;
	stuckAfterMs?: number;
	/** --state: the only states fetched. */
	fetchedStates?: readonly TaskState[];
	/** --allow-cancel: what x and y cancel with. */
	canceller?: TaskCanceller;
	/** What the header says is watched (default us-east-1). */
	where?: string;
	/** When the fake clock starts (default `start`): a restart comes later. */
	startAt?: number;
	/** What the shell has to say in the notice line (run-tui.tsx: stray output, failing --on-event hooks). */
	shellNotices?: (show: (text: string) => void) => () => void;
}

export async function renderApp(tasks: ImportTask[], options: RenderOptions = {}): Promise<AppHarness> {
	const scripted = scriptedSource(tasks);
	const counted = options.realSource === undefined ? undefined : countedSource(options.realSource);
	const source = counted ?? scripted;
	const app = await mountApp({
		source,
		where: options.where,
		intervalMs: options.intervalMs,
		theme: options.theme,
		size: {columns: options.columns ?? 120, rows: options.rows ?? 30},
		onCopy: options.onCopy,
		onTransitions: options.onTransitions,
		onAllDone: options.onAllDone,
		onRepaint: options.onRepaint,
		onSuspend: options.onSuspend,
		stuckAfterMs: options.stuckAfterMs,
		...(options.fetchedStates === undefined ? {} : {fetchedStates: options.fetchedStates}),
		canceller: options.canceller,
		shellNotices: options.shellNotices,
		...(options.startAt === undefined ? {} : {timers: createFakeTimers(options.startAt)}),
	});
	const {timers} = app;
	return {
		timers,
		source: scripted,
		frame: app.frame,
		press: app.press,
		async poll() {
			const before = source.fetches;
			while (source.fetches === before && (await timers.runNext())) {}
			await settle(10);
		},
		fetches: () => source.fetches,
		unmount: app.unmount,
	};
}

/** Seconds from the header's "last poll HH:MM:SS" to its "next HH:MM:SS" (the interval in use), if both show. */
export function nextPollGap(frame: string): number | undefined {
	const match = /last poll (\d\d):(\d\d):(\d\d) .*· next (\d\d):(\d\d):(\d\d)/.exec(frame);
	if (match === null) return undefined;
	const [, h1, m1, s1, h2, m2, s2] = match.map(Number);
	const seconds = (h: number | undefined, m: number | undefined, s: number | undefined) => (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
	return (seconds(h2, m2, s2) - seconds(h1, m1, s1) + 86_400) % 86_400;
}
