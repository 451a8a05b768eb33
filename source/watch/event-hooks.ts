import {type ChildProcess, spawn} from 'node:child_process';
import type {Timers} from '../model/clock.js';
import type {JournalEntry} from '../model/history.js';
import {
	hookDroppedLine,
	hookEnv,
	hookFailure,
	hookFailureLine,
	hookInput,
	type HookOutcome,
	type HookStats,
	lastLine,
	noHookStats,
} from '../model/hook-event.js';

// --on-event CMD: each transition runs `/bin/sh -c CMD` (the operator's own text; the event goes to stdin and
// the environment only). At most `maxRunning` at once, the rest wait in a bounded queue; each in a process group
// of its own (detached), so its time limit ends the whole group (a `sleep` it started too), and quitting ends
// every group still running without waiting on them for long. stdout is dropped; the tail of stderr is kept.

export interface EventHooksOptions<Handle> {
	command: string;
	timeoutMs: number;
	timers: Timers<Handle>;
	/** The watcher's environment, which hooks inherit (the event's variables are added). */
	env: NodeJS.ProcessEnv;
	/** Told one line when a hook fails or times out, or when events start being dropped. */
	onProblem?: (line: string) => void;
	maxRunning?: number;
	queueLimit?: number;
	/** Between SIGTERM and SIGKILL, at a time limit and at exit. */
	graceMs?: number;
	shell?: string;
}

export interface EventHooks {
	/** Queues a hook for each entry. */
	add(entries: readonly JournalEntry[]): void;
	stats(): HookStats;
	/** The process ids of the hooks running now (for tests and the exit). */
	running(): number[];
	/**
	 * Stops taking events. Waits up to `drainMs` for the hooks running and waiting (0: none), then ends those
	 * still running (SIGTERM, SIGKILL after the grace) and resolves once they are gone or the grace has passed twice.
	 */
	close(drainMs?: number): Promise<void>;
}

interface Job<Handle> {
	child: ChildProcess;
	entry: JournalEntry;
	stderr: string;
	timedOut: boolean;
	endedAtExit: boolean;
	timer?: Handle;
	killTimer?: Handle;
}

const stderrTail = 4096;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// Already gone (ESRCH): nothing to end.
	}
}

function codeOf(error: unknown): string {
	return error instanceof Error && 'code' in error ? String(error.code) : error instanceof Error ? error.message : String(error);
}

export function createEventHooks<Handle>(options: EventHooksOptions<Handle>): EventHooks {
	const {command, timeoutMs, timers} = options;
	const maxRunning = options.maxRunning ?? 4;
	const queueLimit = options.queueLimit ?? 1000;
	const graceMs = options.graceMs ?? 2000;
	const shell = options.shell ?? '/bin/sh';
	const queue: JournalEntry[] = [];
	const jobs = new Set<Job<Handle>>();
	let stats: HookStats = {...noHookStats};
	let closed = false;
	let droppingSaid = false;
	let idle: (() => void) | undefined;

	const finish = (job: Job<Handle>, outcome: HookOutcome) => {
		if (!jobs.delete(job)) return;
		if (job.timer !== undefined) timers.clearTimeout(job.timer);
		if (job.killTimer !== undefined) timers.clearTimeout(job.killTimer);
		const failure = hookFailure(outcome, job.entry);
		if (outcome.kind === 'timeout') stats = {...stats, timedOut: stats.timedOut + 1};
		else if (outcome.kind === 'ended') stats = {...stats, ended: stats.ended + 1};
		else if (failure !== undefined) stats = {...stats, failed: stats.failed + 1};
		if (failure !== undefined) {
			stats = {...stats, lastFailure: failure};
			options.onProblem?.(hookFailureLine(failure));
		}
		pump();
		if (jobs.size === 0 && (closed || queue.length === 0)) idle?.();
	};

	const outcomeOf = (job: Job<Handle>, code: number | null, signal: NodeJS.Signals | null): HookOutcome => {
		const stderr = lastLine(job.stderr);
		const said = stderr === undefined ? {} : {stderr};
		if (job.endedAtExit) return {kind: 'ended'};
		if (job.timedOut) return {kind: 'timeout', limitMs: timeoutMs, ...said};
		if (code === 0) return {kind: 'ok'};
		if (code !== null) return {kind: 'exit', code, ...said};
		return {kind: 'signal', signal: signal ?? 'a signal', ...said};
	};

	const start = (entry: JournalEntry) => {
		stats = {...stats, ran: stats.ran + 1};
		let child: ChildProcess;
		try {
			child = spawn(shell, ['-c', command], {detached: true, stdio: ['pipe', 'ignore', 'pipe'], env: {...options.env, ...hookEnv(entry)}});
		} catch (error) {
			stats = {...stats, failed: stats.failed + 1};
			const failure = hookFailure({kind: 'unstarted', reason: codeOf(error)}, entry);
			if (failure !== undefined) options.onProblem?.(hookFailureLine(failure));
			return;
		}
		const job: Job<Handle> = {child, entry, stderr: '', timedOut: false, endedAtExit: false};
		jobs.add(job);
		child.on('error', (error) => finish(job, {kind: 'unstarted', reason: codeOf(error)}));
		child.on('close', (code, signal) => finish(job, outcomeOf(job, code, signal)));
		child.stderr?.setEncoding('utf8');
		child.stderr?.on('data', (chunk: string) => {
			job.stderr = (job.stderr + chunk).slice(-stderrTail);
		});
		// A hook need not read its stdin (notify-send does not): EPIPE is no failure of the hook.
		child.stdin?.on('error', () => {});
		child.stdin?.end(hookInput(entry));
		job.timer = timers.setTimeout(() => {
			job.timedOut = true;
			end(job);
		}, timeoutMs);
	};

	/** SIGTERM to the group, SIGKILL after the grace; its stderr is let go so that a child it left cannot keep it open. */
	const end = (job: Job<Handle>) => {
		killGroup(job.child, 'SIGTERM');
		if (job.killTimer !== undefined) return;
		job.killTimer = timers.setTimeout(() => {
			killGroup(job.child, 'SIGKILL');
			job.child.stderr?.destroy();
		}, graceMs);
	};

	const pump = () => {
		while (!closed && jobs.size < maxRunning && queue.length > 0) {
			const next = queue.shift();
			if (next !== undefined) start(next);
		}
		if (queue.length < queueLimit) droppingSaid = false;
	};

	const settled = (limitMs: number) =>
		new Promise<void>((resolve) => {
			if (jobs.size === 0 && (closed || queue.length === 0)) {
				resolve();
				return;
			}
			const handle = timers.setTimeout(() => {
				idle = undefined;
				resolve();
			}, limitMs);
			idle = () => {
				timers.clearTimeout(handle);
				idle = undefined;
				resolve();
			};
		});

	return {
		add(entries) {
			if (closed) return;
			for (const entry of entries) {
				if (queue.length >= queueLimit) {
					stats = {...stats, dropped: stats.dropped + 1};
					if (!droppingSaid) options.onProblem?.(hookDroppedLine(queueLimit));
					droppingSaid = true;
					continue;
				}
				queue.push(entry);
				pump();
			}
		},
		stats: () => stats,
		running: () => [...jobs].flatMap((job) => (job.child.pid === undefined ? [] : [job.child.pid])),
		async close(drainMs = 0) {
			if (drainMs > 0) await settled(drainMs);
			closed = true;
			stats = {...stats, unrun: stats.unrun + queue.length};
			queue.length = 0;
			if (jobs.size === 0) return;
			for (const job of jobs) {
				job.endedAtExit = true;
				end(job);
			}
			await settled(2 * graceMs);
			// What would not die even by SIGKILL (a process stuck in the kernel) must not keep the watcher up.
			for (const job of jobs) {
				if (job.timer !== undefined) timers.clearTimeout(job.timer);
				if (job.killTimer !== undefined) timers.clearTimeout(job.killTimer);
				job.child.unref();
			}
		},
	};
}
