import type {Timers} from '../model/clock.js';
import type {JournalEntry} from '../model/history.js';
import {createNotifier} from '../terminal/notifier.js';
import {forTerminal, osc52} from '../terminal/osc.js';
import {type HistoryStore, openHistoryStore} from '../watch/history-store.js';
import {openJournal} from '../watch/journal-file.js';
import {afterSummary} from './exit-lines.js';
import type {WatchConfig} from './options.js';

// What the shell does with a watch's transitions and copies: the journal file, the history store, notifications,
// the clipboard. The same hooks serve the TUI and plain lines.

export interface ShellHooks {
	/** The journal and the history get every transition, the first poll's too; notifications what deserves one. */
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
	/** The lines left after the summary: a write that failed, history that was off. */
	afterwards(): string;
	close(): Promise<void>;
}

export function createShellHooks<Handle>(config: WatchConfig, write: (bytes: string) => void, inTmux: boolean, timers: Timers<Handle>): ShellHooks {
	const now = () => timers.now();
	const journal = config.journal === undefined ? undefined : openJournal(config.journal, {onFailure: (line) => hooks.onJournalFailure?.(line), onReopen: (line) => say(line), now});
	const notifier = createNotifier({methods: config.notify, write, inTmux, timers});
	const unsaid: string[] = [];
	const kept: string[] = [];
	let show: ((line: string) => void) | undefined;
	const say = (line: string) => {
		if (line.startsWith('history is off')) kept.push(line);
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
			// What the first poll finds is no news, unless it changed while no watcher ran (late) or is stuck.
			notifier.add(first ? entries.filter((entry) => entry.late === true || entry.type === 'stuck') : entries);
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
		afterwards: () => `${afterSummary(journal?.failure)}${[historyFailure, ...kept].flatMap((line) => (line === undefined ? [] : [`ec2-import-watch: ${line}\n`])).join('')}`,
		async close() {
			notifier.stop();
			await journal?.close();
			await history.close();
		},
	};
	return hooks;
}
