import {describeEntry, describeEntryWithin} from '../model/entry-text.js';
import {faultHeadline, faultLine} from '../model/fault-text.js';
import {formatDateTime, formatDuration} from '../model/format.js';
import {type JournalEntry, pace} from '../model/history.js';
import {awayLine} from '../model/history-restore.js';
import {type ImportTask, noIdLabel, statusOf, taskKey} from '../model/import-task.js';
import type {PollFault} from '../model/poll-events.js';
import {pollNotesLine} from '../model/poll-notes.js';
import type {Fault, WatchData} from '../model/watch-data.js';
import {displayWidth, wrapText} from '../text/text-width.js';
import {plainTable} from '../ui/plain-table.js';
import {plainColumns} from '../ui/task-columns.js';
import {realTimers} from '../watch/poller.js';
import {createWatchSession} from '../watch/watch-session.js';
import {exitCodeWith, fatalAtStart, type Io, nothingToWaitFor, onSignals, summaryLine, tasksLine} from './exit-lines.js';
import type {WatchConfig} from './options.js';
import {outputWidth} from './output-width.js';
import {subscribeShellNews} from './session-news.js';
import type {ShellHooks} from './shell-hooks.js';
import type {TaskSource} from '../model/task-source.js';

// Plain lines (no TTY, or TERM=dumb), for logs, pipes and grep: the table once, at the first data; then one line
// per change (date and time, task, what changed, ETA; on a terminal its old value shortened first, or the change
// wrapped); a fault wrapped onto as many lines as it takes; the summary on stderr at the end. On a terminal (TERM=dumb) every line fits its width; into a file or a pipe nothing
// is cut (output-width.ts). `q` quits when stdin is a terminal.

function taskOf(entry: JournalEntry, tasks: readonly ImportTask[]): ImportTask | undefined {
	return tasks.find(
		(task) => task.importTaskId === entry.taskId && task.kind === (entry.kind ?? task.kind) && task.region === entry.region && task.profile === entry.profile,
	);
}

/** The ETA (or how long it has been stuck) of a task still active, once known; nothing for one that has ended. */
function etaText(task: ImportTask | undefined, state: WatchData, now: number): string {
	if (task === undefined || statusOf(task.status) !== 'active') return '';
	const known = state.history.get(taskKey(task));
	const taskPace = pace(task, known, now, state.stuckAfterMs);
	if (taskPace.stuckForMs !== undefined) return ` · stuck ${formatDuration(taskPace.stuckForMs)}`;
	return taskPace.etaMs === undefined ? '' : ` · ETA ${formatDuration(taskPace.etaMs)}`;
}

/**
 * One change as one line: when (with the date), which task, what changed, and the ETA once known. Within
 * `width`: the old value is shortened first (entry-text.ts); when the new one still does not fit, the change is
 * wrapped onto indented lines as a fault is, nothing cut, the ETA at its end.
 */
export function changeLines(entry: JournalEntry, state: WatchData, width: number, timeZone?: string): string[] {
	const task = taskOf(entry, state.tasks);
	const where = [entry.profile, entry.region].filter((part) => part !== undefined).join('/');
	const head = `${formatDateTime(entry.at, timeZone)} ${where === '' ? '' : `${where} `}${entry.taskId ?? noIdLabel} `;
	const eta = etaText(task, state, entry.at);
	const within = describeEntryWithin(entry, width - displayWidth(head) - displayWidth(eta));
	return within === undefined ? wrapText(`${head}${describeEntry(entry)}${eta}`, width, {indent: 2}) : [`${head}${within}${eta}`];
}

/** What one good poll prints: the table at the first data, else a line per change (nothing when nothing changed). */
export function pollLines(state: WatchData, first: boolean, at: number, columns: ReturnType<typeof plainColumns>, width: number): string[] {
	// The heading says what was found (how long it has watched belongs to the summary at the end); wrapped, not cut.
	if (first) {
		// After a restart: what changed while no watcher ran, summed up, then each change (seen after the fact).
		// A task that had already failed gets its cause, fix and doc after the table, under the line of its first sight.
		const away = state.away === undefined ? [] : wrapToWidth(`${formatDateTime(at)} ${awayLine(state.away, at)}`, width);
		const late = state.lastEntries.filter((entry) => entry.late === true).flatMap((entry) => entryLines(entry, state, width));
		return [
			...wrapToWidth(`${formatDateTime(at)} ${tasksLine(state.tasks)}`, width),
			...plainTable(columns, state.tasks, width),
			...failedAtStart(state, width),
			...away,
			...late,
		];
	}
	return state.lastEntries.flatMap((entry) => entryLines(entry, state, width));
}

/** A change's lines, and under a failure its explanation. */
function entryLines(entry: JournalEntry, state: WatchData, width: number): string[] {
	return [...changeLines(entry, state, width), ...explanationLines(entry, width)];
}

/** Each task that had already failed when first seen (not a change noticed after a restart): its line, then its explanation. */
function failedAtStart(state: WatchData, width: number): string[] {
	return state.lastEntries.flatMap((entry) => (entry.explanation === undefined || entry.late === true ? [] : entryLines(entry, state, width)));
}

/** After the line that shows a failure: its cause, the fix and the guide's page, indented, wrapped, never cut. */
function explanationLines(entry: JournalEntry, width: number): string[] {
	const explanation = entry.explanation;
	if (explanation === undefined) return [];
	const indented = (text: string, spacesOnly: boolean) => wrapText(text, width - 2, {indent: 2, spacesOnly}).map((line) => `  ${line}`);
	return [...indented(`cause: ${explanation.cause}`, true), ...indented(`fix: ${explanation.fix}`, true), ...indented(`doc: ${explanation.doc}`, false)];
}

/** A fault's line, which must not lose its end (what to do about it): wrapped at spaces onto lines indented by two. */
export function wrapToWidth(text: string, width: number): string[] {
	return wrapText(text, width, {indent: 2, spacesOnly: true});
}

/** `q` (or Ctrl-C, which raw mode turns into a key) ends the watch, when stdin is a terminal. Returns the undo. */
function onQuitKey(stdin: Io['stdin'], quit: () => void): () => void {
	if (stdin.isTTY !== true) return () => {};
	const onData = (data: Buffer | string) => {
		const text = data.toString();
		if (text.includes('q') || text.includes('\u0003')) quit();
	};
	stdin.setRawMode(true);
	stdin.on('data', onData);
	stdin.resume();
	return () => {
		stdin.off('data', onData);
		stdin.setRawMode(false);
		stdin.pause();
	};
}

export async function runPlain(
	/** The source as polled (with the history read back at the first good poll). */
	polled: TaskSource,
	config: WatchConfig,
	classify: (error: unknown) => PollFault,
	hooks: ShellHooks,
	text: (line: string) => string,
	io: Io,
): Promise<number> {
	const started = Date.now();
	let last: readonly ImportTask[] = [];
	let exitCode = 0;
	/** --until-done that saw no import: why it ends with 1. */
	let doneNote = '';
	const width = () => outputWidth(io.stdout);
	const write = (lines: readonly string[]) => {
		if (lines.length > 0) io.stdout.write(text(`${lines.join('\n')}\n`));
	};
	let lastNotes: string | undefined;
	const several = config.pairs.length > 1;
	const regions = several && new Set(config.pairs.map((pair) => pair.region)).size > 1;
	const profiles = several && new Set(config.pairs.map((pair) => pair.profile)).size > 1;
	hooks.onJournalFailure = (line) => write(wrapToWidth(`${formatDateTime(Date.now())} ${line}`, width()));
	hooks.onHookProblem = (line) => write(wrapToWidth(`${formatDateTime(Date.now())} ${line}`, width()));
	hooks.listenNotices((line) => write(wrapToWidth(`${formatDateTime(Date.now())} ${line}`, width())));
	// The same session as the TUI's (watch/watch-session.ts): the data, transitions and history come folded from it;
	// plain lines only read it (no screen, so no visible list is sorted for a selection nobody sees).
	const session = createWatchSession({source: polled, intervalMs: config.intervalMs, timers: realTimers, classify, stuckAfterMs: config.stuckAfterMs});
	return new Promise<number>((resolve) => {
		let before = session.getSnapshot();
		/** A good poll: its lines, what failed in part, what it noted. */
		const polledWell = (data: WatchData, first: boolean, at: number) => {
			// The table's columns fit the tasks (a Kind column when both kinds are listed).
			const columns = plainColumns({color: false, unicode: false}, regions, profiles, data.tasks);
			write(pollLines(data, first, at, columns, width()));
			for (const pair of data.pairFaults) {
				write(wrapToWidth(`${formatDateTime(at)} ${pair.label}: ${faultLine(pair.fault, true)} (its last good tasks are listed)`, width()));
			}
			const notes = pollNotesLine(data.notes);
			if (notes !== undefined && notes !== lastNotes) write(wrapToWidth(`${formatDateTime(at)} ${notes}`, width()));
			lastNotes = notes;
		};
		/** A failed poll: one line (wrapped), or at the start a fault that says the watcher was started wrong. */
		const polledBadly = (fault: Fault, first: boolean, at: number, nextPollAt: number) => {
			if (first && fatalAtStart(config, fault.kind)) {
				// Started wrong: one line saying so, as for a bad flag.
				io.stderr.write(text(`ec2-import-watch: ${faultLine(fault)}\n`));
				exitCode = 2;
				finish(false);
				return;
			}
			write(wrapToWidth(`${formatDateTime(at)} ${faultHeadline(fault, at, nextPollAt)}: ${faultLine(fault, true)}`, width()));
		};
		session.subscribe(() => {
			const data = session.getSnapshot();
			const was = before;
			before = data;
			const first = was.polls === 0;
			if (data.polls !== was.polls) polledWell(data, first, data.lastGoodAt ?? 0);
			else if (data.missedPolls > was.missedPolls && data.fault !== undefined) polledBadly(data.fault, first, data.failedAt ?? 0, data.nextPollAt ?? 0);
		});
		// The shell's news as the TUI gets it (after the poll's lines, so --until-done ends below them): the summary's
		// tasks, transitions to the journal, history, notifications and hooks, the --until-done verdict.
		subscribeShellNews(session, {
			onTasks: (tasks) => {
				last = tasks;
			},
			onTransitions: (entries, first) => hooks.onTransitions(entries, first),
			...(config.untilDone
				? {
						onAllDone: (_tasks: readonly ImportTask[], code: number, nothing: boolean) => {
							exitCode = code;
							doneNote = nothingToWaitFor(config, nothing);
							finish();
						},
					}
				: {}),
		});
		let finished = false;
		const finish = (summary = true) => {
			if (finished) return;
			finished = true;
			session.stop();
			removeSignals();
			removeQuitKey();
			if (summary) io.stderr.write(text(`${summaryLine(last, Date.now() - started)}\n${doneNote}${hooks.afterwards()}`));
			resolve(summary ? exitCodeWith(exitCode, hooks.journalFailure()) : exitCode);
		};
		const removeSignals = onSignals(() => finish());
		const removeQuitKey = onQuitKey(io.stdin, () => finish());
		session.start();
	});
}
