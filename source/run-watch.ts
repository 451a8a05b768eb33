import {formatClock, formatDuration} from './model/format.js';
import {allEnded, type ImportTask} from './model/import-task.js';
import type {PollFault} from './model/poll-events.js';
import {faultHeadline} from './model/fault-text.js';
import {countByState, stateFilters} from './model/task-filter.js';
import type {WatchConfig} from './options.js';
import type {Capabilities} from './terminal/capabilities.js';
import {toAscii} from './terminal/ascii-glyphs.js';
import {errorLine} from './terminal/screen-guard.js';
import {plainTable} from './ui/plain-table.js';
import {plainColumns} from './ui/task-columns.js';
import {classifyError} from './watch/classify-error.js';
import {observe, type History} from './model/history.js';
import {createShellHooks, createSource, type ShellHooks, untilDoneCode, type WatchSource} from './shell-hooks.js';
import {createPoller, realTimers} from './watch/poller.js';

// Runs the watcher in the way the terminal allows: once, as plain lines, or as the TUI (run-tui.tsx, loaded only
// then: Ink and React are not needed for --once). Returns the exit code.

export interface Io {
	stdout: NodeJS.WriteStream;
	stderr: NodeJS.WriteStream;
	stdin: NodeJS.ReadStream;
}

/** A whole import plays out in about two minutes in --demo. */
const demoImportMs = 120_000;

async function startDemo(): Promise<{endpoint: string; stop: () => Promise<void>}> {
	const {createSimulator, typicalImportMs} = await import('./simulator/server.js');
	const simulator = createSimulator({seed: Date.now() % 100_000, speed: typicalImportMs / demoImportMs, tasks: 16});
	const endpoint = await simulator.listen();
	return {endpoint, stop: () => simulator.close()};
}

/** What was watched: time and the tasks per state (states with none are left out). */
export function watchedLine(tasks: readonly ImportTask[], watchedMs: number): string {
	const counts = countByState(tasks);
	const parts = stateFilters.filter((state) => state !== 'all' && counts[state] > 0).map((state) => `${counts[state]} ${state}`);
	const total = `${counts.all} task${counts.all === 1 ? '' : 's'}`;
	return `watched ${formatDuration(watchedMs)} · ${total}${parts.length === 0 ? '' : ` (${parts.join(', ')})`}`;
}

/** The line left in the scrollback; named for the tool when that still fits on one line of the terminal. */
export function summaryLine(tasks: readonly ImportTask[], watchedMs: number, width = Number.POSITIVE_INFINITY): string {
	const line = watchedLine(tasks, watchedMs);
	const named = `ec2-import-watch: ${line}`;
	return named.length <= width ? named : line;
}

export function faultLine(fault: PollFault): string {
	return `${fault.message}${fault.hint === undefined ? '' : ` — ${fault.hint}`}`;
}

/** Faults that mean the watcher was started wrong: before any data, they end it with exit code 2. */
const fatalBeforeData: ReadonlySet<PollFault['kind']> = new Set(['credentials', 'network', 'timeout', 'request']);

/** Under --until-done a script waits on us: a missing permission at the start will not get better either. */
export function fatalAtStart(config: WatchConfig, kind: PollFault['kind']): boolean {
	return fatalBeforeData.has(kind) || (config.untilDone && kind === 'permission');
}

export async function runWatch(config: WatchConfig, capabilities: Capabilities, io: Io): Promise<number> {
	let hooks: ShellHooks;
	try {
		hooks = createShellHooks(config, (bytes) => io.stdout.write(bytes), capabilities.tmux, realTimers);
	} catch (error) {
		// Our own one-line message (e.g. the journal cannot be written), without the error's class name.
		io.stderr.write(`ec2-import-watch: ${error instanceof Error ? error.message : errorLine(error)}\n`);
		return 2;
	}
	const demo = config.demo ? await startDemo() : undefined;
	const classify = (error: unknown) => classifyError(error, config.errorContext);
	const credentials = demo === undefined ? undefined : {accessKeyId: 'demo', secretAccessKey: 'demo'};
	const source = createSource(config, demo?.endpoint ?? config.endpoint, credentials, realTimers);
	const where = demo === undefined ? source.describe : `demo simulator at ${demo.endpoint}`;
	try {
		// Plain output (--once, no TTY) is for logs, pipes and grep: ASCII whatever the locale.
		if (config.once) return await runOnce(source, config, classify, toAscii, io);
		if (!capabilities.tui) return await runPlain(source, config, classify, hooks, toAscii, io);
		const {runTui} = await import('./run-tui.js');
		return await runTui({source, config, capabilities, classify, where, hooks, io});
	} finally {
		source.destroy();
		await hooks.close();
		await demo?.stop();
	}
}

async function runOnce(source: WatchSource, config: WatchConfig, classify: (error: unknown) => PollFault, text: (line: string) => string, io: Io): Promise<number> {
	const controller = new AbortController();
	const deadline = setTimeout(() => controller.abort(), 60_000);
	try {
		const tasks = await source.fetchTasks(controller.signal);
		if (config.json) {
			io.stdout.write(`${JSON.stringify(tasks, null, 2)}\n`);
		} else {
			const width = io.stdout.columns ?? 160;
			io.stdout.write(text(`${plainTable(plainColumns({color: false, unicode: false}), tasks, width).join('\n')}\n`));
		}
		return 0;
	} catch (error) {
		io.stderr.write(`ec2-import-watch: ${faultLine(classify(error))}\n`);
		return 2;
	} finally {
		clearTimeout(deadline);
	}
}

/** The TUI's own lines after it ends (the summary), in ASCII where the locale is not UTF-8. */
export function textFor(capabilities: Capabilities): (text: string) => string {
	return capabilities.unicode ? (text) => text : toAscii;
}

export function onSignals(handler: () => void): () => void {
	const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
	for (const signal of signals) process.on(signal, handler);
	return () => {
		for (const signal of signals) process.off(signal, handler);
	};
}

async function runPlain(
	source: WatchSource,
	config: WatchConfig,
	classify: (error: unknown) => PollFault,
	hooks: ShellHooks,
	text: (line: string) => string,
	io: Io,
): Promise<number> {
	const started = Date.now();
	let last: ImportTask[] = [];
	let hadData = false;
	let exitCode = 0;
	let history: History = new Map();
	const several = config.pairs.length > 1;
	const columns = plainColumns({color: false, unicode: false}, several && new Set(config.pairs.map((pair) => pair.region)).size > 1, several && new Set(config.pairs.map((pair) => pair.profile)).size > 1);
	return new Promise<number>((resolve) => {
		const poller = createPoller({
			fetchTasks: (signal) => source.fetchTasks(signal),
			intervalMs: config.intervalMs,
			timers: realTimers,
			classify,
			onCredentialsFault: () => source.resetCredentials(),
			onEvent: (event) => {
				if (event.type === 'poll-succeeded') {
					const seen = observe(history, event.tasks, event.at, !hadData, config.stuckAfterMs);
					history = seen.history;
					hooks.onTransitions(seen.entries, !hadData);
					// A table when something changed (and at the start); a quiet poll writes nothing, so a log stays short.
					if (!hadData || seen.entries.length > 0) {
						const lines = plainTable(columns, event.tasks, io.stdout.columns ?? 160);
						io.stdout.write(text(`[${formatClock(event.at)}] ${watchedLine(event.tasks, event.at - started)}\n${lines.join('\n')}\n`));
					}
					hadData = true;
					last = event.tasks;
					for (const pair of source.partialFaults?.() ?? []) {
						io.stdout.write(text(`[${formatClock(event.at)}] ${pair.label}: ${faultLine(pair.fault)} (its last good tasks are listed)\n`));
					}
					if (config.untilDone && allEnded(event.tasks)) {
						exitCode = untilDoneCode(event.tasks);
						finish();
					}
				} else if (event.type === 'poll-failed') {
					if (!hadData && fatalAtStart(config, event.fault.kind)) {
						// Started wrong: one line saying so, as for a bad flag.
						io.stderr.write(text(`ec2-import-watch: ${faultLine(event.fault)}\n`));
						exitCode = 2;
						finish(false);
						return;
					}
					const fault = {...event.fault, since: event.at};
					io.stdout.write(text(`[${formatClock(event.at)}] ${faultHeadline(fault, event.at, event.nextPollAt)}: ${faultLine(event.fault)}\n`));
				}
			},
		});
		const finish = (summary = true) => {
			poller.stop();
			removeSignals();
			if (summary) io.stderr.write(text(`${summaryLine(last, Date.now() - started)}\n`));
			resolve(exitCode);
		};
		const removeSignals = onSignals(() => finish());
		poller.start();
	});
}

