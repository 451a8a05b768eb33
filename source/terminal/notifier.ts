import type {JournalEntry} from '../model/history.js';
import {collect, due, emptyNotifier, hasPending, type NotifierState, notifyQuietMs} from '../model/notifications.js';
import type {Timers} from '../model/clock.js';
import {forTerminal, type NotifyMethod, notification} from './osc.js';

// --notify: sends what model/notifications.ts decides, by every method asked for, raw and (under tmux) wrapped.
// What arrives during the quiet period is summed up in one message when it ends.

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
