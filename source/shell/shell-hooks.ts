import type {Timers} from '../model/clock.js';
import type {JournalEntry} from '../model/history.js';
import {createNotifier} from '../terminal/notifier.js';
import {forTerminal, osc52} from '../terminal/osc.js';
import {openJournal} from '../watch/journal-file.js';
import type {WatchConfig} from './options.js';

// What the shell does with a watch's transitions and copies: the journal file, notifications, the clipboard.
// The same hooks serve the TUI and plain lines.

export interface ShellHooks {
	/** The journal gets every transition, the first poll's 'first-seen' ones too; notifications never the first poll's. */
	onTransitions(entries: readonly JournalEntry[], first: boolean): void;
	onCopy(text: string): void;
	/** One line once a journal write failed (shown, left in the summary, and the exit code says so). */
	journalFailure(): string | undefined;
	/** Called once when a journal write first fails. */
	onJournalFailure?: (line: string) => void;
	close(): Promise<void>;
}

export function createShellHooks<Handle>(config: WatchConfig, write: (bytes: string) => void, inTmux: boolean, timers: Timers<Handle>): ShellHooks {
	const journal =
		config.journal === undefined ? undefined : openJournal(config.journal, {onFailure: (line) => hooks.onJournalFailure?.(line), now: () => timers.now()});
	const notifier = createNotifier({methods: config.notify, write, inTmux, timers});
	const hooks: ShellHooks = {
		onTransitions(entries, first) {
			journal?.append(entries);
			if (!first) notifier.add(entries);
		},
		onCopy(text) {
			write(forTerminal(osc52(text), inTmux));
		},
		journalFailure: () => journal?.failure,
		async close() {
			notifier.stop();
			await journal?.close();
		},
	};
	return hooks;
}
