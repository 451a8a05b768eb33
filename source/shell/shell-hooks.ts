import type {Timers} from '../model/clock.js';
import type {JournalEntry} from '../model/history.js';
import {hookSummary} from '../model/hook-event.js';
import {createNotifier} from '../terminal/notifier.js';
import {forTerminal, osc52} from '../terminal/osc.js';
import {createEventHooks} from '../watch/event-hooks.js';
import {type HistoryStore, openHistoryStore} from '../watch/history-store.js';
import {openJournal} from '../watch/journal-file.js';
import {afterSummary} from './exit-lines.js';
import type {WatchConfig} from './options.js';

// What the shell does with a watch's transitions and copies: the journal file, the history store, notifications,
// --on-event hooks, the clipboard. The same hooks serve the TUI and plain lines.

export interface ShellHooks {
	/**
	 * The journal and the history get every transition, the first poll's too; notifications and --on-event hooks
	 * only what is news (see `isNews`).
	 */
	onTransitions(entries: readonly JournalEntry[], first: boolean): void;
	onCopy(text: string): void;
	/** One line once a journal write failed (shown, left in the summary, and the exit code says so). */
	journalFailure(): string | undefined;
	/** Called once when a journal (or history) write first fails. */
	onJournalFailure?: (line: string) => void;
	/** The history store (and an existing --journal file), read back with the first good poll. */
	history: HistoryStore;
	/** Shows what the shell has to say once (history lines); those said before a listener came are kept for it. */
	listenNotices(show: (line: string) => void): void;
	/** The lines left after the summary: a write that failed, history that was off, lines of it that could not be read. */
	afterwards(): string;
	/** Called with one line when an --on-event hook fails or times out, or events start being dropped. */
	onHookProblem?: (line: string) => void;
	/** What went wrong with --on-event hooks over the watch, for the lines after the summary; undefined when nothing did. */
	hookSummary(): string | undefined;
	/**
	 * Ends the journal, the history, notifications and hooks. Hooks still running are ended; with `drainHooks`
	 * (--until-done, whose last events are the ones a script waits for) they first get up to their time limit to finish.
	 */
	close(drainHooks?: boolean): Promise<void>;
}

/**
 * What notifications and --on-event hooks are told of (one rule for both). What the first poll finds was there at
 * start-up and is no news, unless it changed while no watcher ran (late: seen against the history) or is stuck.
 */
function newsOf(entries: readonly JournalEntry[], first: boolean): readonly JournalEntry[] {
	return first ? entries.filter((entry) => entry.late === true || entry.type === 'stuck') : entries;
}

export function createShellHooks<Handle>(
	config: WatchConfig,
	write: (bytes: string) => void,
	inTmux: boolean,
	timers: Timers<Handle>,
	env: NodeJS.ProcessEnv = process.env,
): ShellHooks {
	const now = () => timers.now();
	const journal =
		config.journal === undefined
			? undefined
			: openJournal(config.journal, {onFailure: (line) => hooks.onJournalFailure?.(line), onReopen: (line) => say(line), now});
	const notifier = createNotifier({methods: config.notify, write, inTmux, timers});
	const events =
		config.onEvent === undefined
			? undefined
			: createEventHooks({command: config.onEvent, timeoutMs: config.onEventTimeoutMs, timers, env, onProblem: (line) => hooks.onHookProblem?.(line)});
	const unsaid: string[] = [];
	const kept: string[] = [];
	let show: ((line: string) => void) | undefined;
	const say = (line: string, keep = false) => {
		if (keep) kept.push(line);
		if (show === undefined) unsaid.push(line);
		else show(line);
	};
	let historyFailure: string | undefined;
	const history = openHistoryStore({
		directory: config.historyDirectory,
		...(config.historyOff === undefined ? {} : {offBecause: config.historyOff}),
		journal: config.journal,
		now,
		onNotice: say,
		onFailure: (line) => {
			historyFailure = line;
			hooks.onJournalFailure?.(line);
		},
	});
	const hooks: ShellHooks = {
		onTransitions(entries, first) {
			journal?.append(entries);
			history.append(entries);
			const news = newsOf(entries, first);
			if (news.length === 0) return;
			notifier.add(news);
			events?.add(news);
		},
		onCopy(text) {
			write(forTerminal(osc52(text), inTmux));
		},
		journalFailure: () => journal?.failure,
		history,
		listenNotices(listener) {
			show = listener;
			for (const line of unsaid.splice(0)) listener(line);
		},
		afterwards: () =>
			`${afterSummary(journal?.failure)}${[historyFailure, ...kept].flatMap((line) => (line === undefined ? [] : [`ec2-import-watch: ${line}\n`])).join('')}`,
		hookSummary: () => (events === undefined ? undefined : hookSummary(events.stats())),
		async close(drainHooks = false) {
			notifier.stop();
			await events?.close(drainHooks ? config.onEventTimeoutMs : 0);
			await journal?.close();
			await history.close();
		},
	};
	return hooks;
}
