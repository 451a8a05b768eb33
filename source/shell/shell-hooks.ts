import type {Timers} from '../model/clock.js';
import type {JournalEntry} from '../model/history.js';
import {hookSummary} from '../model/hook-event.js';
import {createNotifier} from '../terminal/notifier.js';
import {forTerminal, osc52} from '../terminal/osc.js';
import {createEventHooks} from '../watch/event-hooks.js';
import {openJournal} from '../watch/journal-file.js';
import type {WatchConfig} from './options.js';

// What the shell does with a watch's transitions and copies: the journal file, notifications, --on-event hooks,
// the clipboard. The same hooks serve the TUI and plain lines.

export interface ShellHooks {
	/**
	 * The journal gets every transition, the first poll's 'first-seen' ones too; notifications and --on-event
	 * never the first poll's (what was there at start-up is not news).
	 */
	onTransitions(entries: readonly JournalEntry[], first: boolean): void;
	onCopy(text: string): void;
	/** One line once a journal write failed (shown, left in the summary, and the exit code says so). */
	journalFailure(): string | undefined;
	/** Called once when a journal write first fails. */
	onJournalFailure?: (line: string) => void;
	/** Called with one line when an --on-event hook fails or times out, or events start being dropped. */
	onHookProblem?: (line: string) => void;
	/** What went wrong with --on-event hooks over the watch, for the lines after the summary; undefined when nothing did. */
	hookSummary(): string | undefined;
	/**
	 * Ends the journal, notifications and hooks. Hooks still running are ended; with `drainHooks` (--until-done,
	 * whose last events are the ones a script waits for) they first get up to their time limit to finish.
	 */
	close(drainHooks?: boolean): Promise<void>;
}

export function createShellHooks<Handle>(
	config: WatchConfig,
	write: (bytes: string) => void,
	inTmux: boolean,
	timers: Timers<Handle>,
	env: NodeJS.ProcessEnv = process.env,
): ShellHooks {
	const journal =
		config.journal === undefined ? undefined : openJournal(config.journal, {onFailure: (line) => hooks.onJournalFailure?.(line), now: () => timers.now()});
	const notifier = createNotifier({methods: config.notify, write, inTmux, timers});
	const events =
		config.onEvent === undefined
			? undefined
			: createEventHooks({command: config.onEvent, timeoutMs: config.onEventTimeoutMs, timers, env, onProblem: (line) => hooks.onHookProblem?.(line)});
	const hooks: ShellHooks = {
		onTransitions(entries, first) {
			journal?.append(entries);
			if (first) return;
			notifier.add(entries);
			events?.add(entries);
		},
		onCopy(text) {
			write(forTerminal(osc52(text), inTmux));
		},
		journalFailure: () => journal?.failure,
		hookSummary: () => (events === undefined ? undefined : hookSummary(events.stats())),
		async close(drainHooks = false) {
			notifier.stop();
			await events?.close(drainHooks ? config.onEventTimeoutMs : 0);
			await journal?.close();
		},
	};
	return hooks;
}
