import type {JournalEntry} from '../model/history.js';
import {collect, due, emptyNotifier, hasPending, type NotifierState, notifyQuietMs} from '../model/notifications.js';
import type {Timers} from '../model/clock.js';
import {forTerminal, type NotifyMethod, notification} from './osc.js';

// --notify: sends what model/notifications.ts decides, by every method asked for, raw and (under tmux) wrapped.
// What arrives during the quiet period is summed up in one message when it ends.

/**
 * The methods that may be sent to this output: notifications are bytes for a terminal. Into a file or a pipe
 * they would be escape sequences and BEL in the middle of a log, so none; on a terminal that takes no escape
 * sequences (TERM=dumb) the bell only. `dropped` is what was asked for and is left out.
 */
export function notifyMethodsFor(
	methods: readonly NotifyMethod[],
	output: {tty: boolean; escapes: boolean},
): {methods: NotifyMethod[]; dropped: NotifyMethod[]} {
	const allowed = (method: NotifyMethod) => output.tty && (output.escapes || method === 'bell');
	return {methods: methods.filter(allowed), dropped: methods.filter((method) => !allowed(method))};
}

/** The one line said on stderr when --notify asked for what this output cannot take. */
export function notifyDroppedLine(dropped: readonly NotifyMethod[], output: {tty: boolean}): string {
	const why = output.tty ? 'the terminal takes no escape sequences (TERM=dumb)' : 'the output is not a terminal';
	return `warning: --notify ${dropped.join(',')} left out: ${why}`;
}

export interface Notifier {
	add(entries: readonly JournalEntry[]): void;
	stop(): void;
}

export function createNotifier<Handle>(options: {
	methods: readonly NotifyMethod[];
	write: (bytes: string) => void;
	inTmux: boolean;
	timers: Timers<Handle>;
}): Notifier {
	let state: NotifierState = emptyNotifier();
	let timer: Handle | undefined;

	const flush = () => {
		timer = undefined;
		const result = due(state, options.timers.now());
		state = result.state;
		if (result.message !== undefined) {
			const {title, body} = result.message;
			options.write(options.methods.map((method) => forTerminal(notification(method, title, body), options.inTmux)).join(''));
		} else if (state.lastSentAt !== undefined && hasPending(state)) {
			timer = options.timers.setTimeout(flush, Math.max(0, state.lastSentAt + notifyQuietMs - options.timers.now()));
		}
	};

	return {
		add(entries) {
			if (options.methods.length === 0) return;
			state = collect(state, entries);
			if (timer === undefined) flush();
		},
		stop() {
			if (timer !== undefined) options.timers.clearTimeout(timer);
			timer = undefined;
		},
	};
}
