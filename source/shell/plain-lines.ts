import {faultHeadline, faultLine} from '../model/fault-text.js';
import {formatClock} from '../model/format.js';
import {allEnded, type ImportTask} from '../model/import-task.js';
import type {PollFault} from '../model/poll-events.js';
import {initialState, reduce, type WatchState} from '../model/state.js';
import {plainTable} from '../ui/plain-table.js';
import {plainColumns} from '../ui/task-columns.js';
import {createPoller, realTimers} from '../watch/poller.js';
import {fatalAtStart, type Io, onSignals, summaryLine, untilDoneCode, watchedLine} from './exit-lines.js';
import type {WatchConfig} from './options.js';
import type {ShellHooks} from './shell-hooks.js';
import type {WatchSource} from './sources.js';

// Plain lines (no TTY): a table when something changed, one line per fault, the summary on stderr at the end.

export async function runPlain(
	source: WatchSource,
	config: WatchConfig,
	classify: (error: unknown) => PollFault,
	hooks: ShellHooks,
	text: (line: string) => string,
	io: Io,
): Promise<number> {
	const started = Date.now();
	let last: ImportTask[] = [];
	let exitCode = 0;
	// The same fold as the TUI's (model/state.ts): transitions and history come from the reducer.
	let state: WatchState = initialState({stuckAfterMs: config.stuckAfterMs});
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
				const hadData = state.polls > 0;
				state = reduce(state, event);
				if (event.type === 'poll-succeeded') {
					hooks.onTransitions(state.lastEntries, !hadData);
					// A table when something changed (and at the start); a quiet poll writes nothing, so a log stays short.
					if (!hadData || state.lastEntries.length > 0) {
						const lines = plainTable(columns, event.tasks, io.stdout.columns ?? 160);
						io.stdout.write(text(`[${formatClock(event.at)}] ${watchedLine(event.tasks, event.at - started)}\n${lines.join('\n')}\n`));
					}
					last = event.tasks;
					for (const pair of source.partialFaults?.() ?? []) {
						io.stdout.write(text(`[${formatClock(event.at)}] ${pair.label}: ${faultLine(pair.fault, true)} (its last good tasks are listed)\n`));
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
					io.stdout.write(text(`[${formatClock(event.at)}] ${faultHeadline(fault, event.at, event.nextPollAt)}: ${faultLine(event.fault, true)}\n`));
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
