import {formatDuration} from '../model/format.js';
import type {ImportTask} from '../model/import-task.js';
import type {PollFault} from '../model/poll-events.js';
import {countByState, stateFilters} from '../model/task-filter.js';
import {toAscii} from '../text/ascii-glyphs.js';
import type {Capabilities} from '../terminal/capabilities.js';
import type {WatchConfig} from './options.js';

// How a watch ends, for every way of running: the signals that end it, the exit codes, and the lines left behind.

export interface Io {
	stdout: NodeJS.WriteStream;
	stderr: NodeJS.WriteStream;
	stdin: NodeJS.ReadStream;
}

/** What was watched: time and the tasks per state (states with none are left out). */
/** How many tasks, and how many in each state: `21 tasks (11 active, 8 completed, 1 deleting, 1 deleted)`. */
export function tasksLine(tasks: readonly ImportTask[]): string {
	const counts = countByState(tasks);
	const parts = stateFilters.filter((state) => state !== 'all' && counts[state] > 0).map((state) => `${counts[state]} ${state}`);
	const total = `${counts.all} task${counts.all === 1 ? '' : 's'}`;
	return `${total}${parts.length === 0 ? '' : ` (${parts.join(', ')})`}`;
}

export function watchedLine(tasks: readonly ImportTask[], watchedMs: number): string {
	return `watched ${formatDuration(watchedMs)} · ${tasksLine(tasks)}`;
}

/** The line left in the scrollback; named for the tool when that still fits on one line of the terminal. */
export function summaryLine(tasks: readonly ImportTask[], watchedMs: number, width = Number.POSITIVE_INFINITY): string {
	const line = watchedLine(tasks, watchedMs);
	const named = `ec2-import-watch: ${line}`;
	return named.length <= width ? named : line;
}

/** Faults that mean the watcher was started wrong: before any data, they end it with exit code 2. */
const fatalBeforeData: ReadonlySet<PollFault['kind']> = new Set(['credentials', 'network', 'timeout', 'request']);

/** Under --until-done a script waits on us: a missing permission at the start will not get better either. */
export function fatalAtStart(config: WatchConfig, kind: PollFault['kind']): boolean {
	return fatalBeforeData.has(kind) || (config.untilDone && kind === 'permission');
}

/**
 * --until-done when no import was ever seen (exit 1): the line saying so, with the filters that matched nothing;
 * empty otherwise.
 */
export function nothingToWaitFor(config: Pick<WatchConfig, 'untilDone' | 'states' | 'taskIds' | 'kinds'>, nothingSeen: boolean): string {
	if (!config.untilDone || !nothingSeen) return '';
	const filters = [
		...(config.states === undefined ? [] : [`--state ${config.states.join(',')}`]),
		...(config.taskIds === undefined ? [] : [`--task-ids ${config.taskIds.join(',')}`]),
		...(config.kinds.length === 1 ? [`--kind ${config.kinds.join(',')}`] : []),
	];
	const why = filters.length === 0 ? 'EC2 lists no import' : `no import matched (${filters.join(' ')})`;
	return `ec2-import-watch: nothing to wait for: ${why}\n`;
}

/** A journal that could not be written is an error the exit code says (2), whatever the watch saw. */
export function exitCodeWith(code: number, journalFailure: string | undefined): number {
	return journalFailure === undefined ? code : Math.max(code, 2);
}

/** The lines left after the summary: the journal's failure, if any. */
export function afterSummary(journalFailure: string | undefined): string {
	return journalFailure === undefined ? '' : `ec2-import-watch: ${journalFailure}\n`;
}

/** The line after the summary about --on-event hooks that failed, timed out or were dropped or ended, if any. */
export function hookLines(hookSummary: string | undefined): string {
	return hookSummary === undefined ? '' : `ec2-import-watch: ${hookSummary}\n`;
}

/** The TUI's own lines after it ends (the summary), in ASCII where the locale is not UTF-8. */
export function textFor(capabilities: Capabilities): (text: string) => string {
	return capabilities.unicode ? (text) => text : toAscii;
}

/**
 * What was caught while the screen was up (warnings, library output, console calls), for stderr once the terminal
 * is restored: a line saying how much, then each different message on a line of its own.
 */
export function strayLines(messages: readonly string[], total: number): string[] {
	if (total === 0) return [];
	const repeats = total - messages.length;
	const heading = `ec2-import-watch: caught while the screen was up (${total} message${total === 1 ? '' : 's'}${repeats > 0 ? `, ${messages.length} different` : ''}):`;
	return [heading, ...messages.map((message) => `  ${message}`)];
}

export function onSignals(handler: () => void): () => void {
	const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
	for (const signal of signals) process.on(signal, handler);
	return () => {
		for (const signal of signals) process.off(signal, handler);
	};
}
