import type {Timers} from '../model/clock.js';
import {readOnlyNotice} from '../model/cancel-prompt.js';
import {copyTarget} from '../model/copy-target.js';
import {formatDuration} from '../model/format.js';
import type {ImportTask} from '../model/import-task.js';
import {type Action, selectedRow, type WatchState} from '../model/state.js';
import {controlMarker, escapeMarker, sanitize} from '../text/sanitize.js';
import {type Effect, intentFor, type KeyEvent, keyName} from '../ui/keymap.js';
import type {WatchSession} from '../watch/watch-session.js';
import type {CancelCommand} from './cancel-command.js';

// What a key does, in one step: the keymap names the reducer action it dispatches, or the effect carried out by
// this file's table of effects (quit, poll now, pause, copy, cancel, repaint, suspend).

export interface KeyContext<Handle> {
	/** The state after every action so far, rendered or not. */
	latest: () => WatchState;
	dispatch: (action: Action) => void;
	/** Refresh now, pause and resume: the session's commands. */
	session: Pick<WatchSession, 'refresh' | 'togglePause' | 'pollerState'>;
	/** The screen's memoised visible list (model/selectors.ts). */
	visible: (state: WatchState) => ImportTask[];
	exit: () => void;
	timers: Timers<Handle>;
	onCopy?: (text: string) => void;
	/** The shell redraws the whole screen (Ctrl-L). */
	onRepaint?: () => void;
	/** The shell gives the terminal back and stops the process until `fg` (Ctrl-Z). */
	onSuspend?: () => void;
	/** Rows a page key moves. */
	pageSize: number;
	/** With --allow-cancel: what y on the cancel question runs. Without it x only says how to allow it. */
	cancel?: CancelCommand;
}

/** The task a key acts on: the one in the details, or the selected row. */
function targetTask(state: WatchState, visible: (state: WatchState) => ImportTask[]): ImportTask | undefined {
	if (state.mode === 'detail') return state.detailLast;
	const shown = visible(state);
	return shown[selectedRow(state, shown)];
}

/** Keys that act even before the cancel question can be answered: they answer nothing. */
const beforeAnswer: ReadonlySet<Effect> = new Set(['quit', 'repaint', 'suspend']);

export function keyHandler<Handle>({
	latest,
	dispatch,
	session,
	visible,
	exit,
	timers,
	onCopy,
	onRepaint,
	onSuspend,
	pageSize,
	cancel,
}: KeyContext<Handle>): (input: string, key: KeyEvent) => void {
	const copy = (which: 'copy-id' | 'copy-image' | 'copy-link', live: WatchState) => {
		const target = copyTarget(which, targetTask(live, visible), live.mode === 'detail');
		if (target.value !== undefined) onCopy?.(target.value);
		dispatch({type: 'notice', text: target.notice});
	};
	/** One handler per effect a binding can name: leaving one out is a type error. */
	const effects: Record<Effect, (live: WatchState) => void> = {
		quit: () => exit(),
		repaint: () => onRepaint?.(),
		suspend: () => onSuspend?.(),
		refresh: () => {
			if (session.refresh() === 'throttled') {
				const wait = Math.max(0, (session.pollerState().throttledUntil ?? timers.now()) - timers.now());
				dispatch({type: 'notice', text: `EC2 is throttling: r waits for the backoff (next poll in ${formatDuration(wait)}).`});
			}
		},
		pause: () => session.togglePause(),
		'copy-id': (live) => copy('copy-id', live),
		'copy-image': (live) => copy('copy-image', live),
		'copy-link': (live) => copy('copy-link', live),
		cancel: (live) => {
			if (cancel === undefined) {
				dispatch({type: 'notice', text: readOnlyNotice});
				return;
			}
			const asked = cancel.ask(targetTask(live, visible), live.mode === 'detail' ? 'detail' : 'list');
			dispatch('prompt' in asked ? {type: 'cancel-ask', prompt: asked.prompt} : {type: 'notice', text: asked.refusal});
		},
		'cancel-confirm': (live) => {
			const prompt = live.confirm;
			dispatch({type: 'cancel-close'});
			if (prompt !== undefined && cancel !== undefined) {
				void cancel.run(
					prompt,
					(line) => dispatch({type: 'notice', text: line, ofCancel: true}),
					() => session.refresh(),
				);
			}
		},
	};
	return (input, key) => {
		// The state as of the last key, not the last render: keys can come faster than frames.
		const live = latest();
		const name = keyName(input, key);
		const intent = name === undefined ? undefined : intentFor(name, {mode: live.mode, pageSize});
		// Keys that came before the question could be read (with the x, a paste, typed ahead) answer nothing.
		if (live.mode === 'confirm' && live.confirm?.ready !== true && (intent === undefined || !('effect' in intent) || !beforeAnswer.has(intent.effect))) return;
		if (intent === undefined) {
			// The cancel question: any key but y keeps the import.
			if (live.mode === 'confirm') dispatch({type: 'cancel-close', kept: true});
			if (live.mode === 'search' && name !== undefined && name.length === 1) dispatch({type: 'search-type', text: name});
			return;
		}
		// A y after the answer (the cancel under way or just said) is not a copy over its line: the line stays.
		if ('effect' in intent && intent.effect === 'copy-id' && (live.noticeOfCancel === true || cancel?.note() !== undefined)) return;
		if (live.notice !== undefined) dispatch({type: 'notice', text: undefined});
		if ('action' in intent) dispatch(intent.action);
		else effects[intent.effect](live);
	};
}

/** The most of a paste that is typed into the text filter. */
const pastedFilterMax = 200;

/**
 * Pasted text (bracketed paste) is never keys: typed into the text filter, sanitised to one line; ignored
 * elsewhere, with a word why (the cancel question stays: a paste answers nothing).
 */
export function pasteHandler({latest, dispatch}: Pick<KeyContext<unknown>, 'latest' | 'dispatch'>): (text: string) => void {
	return (text) => {
		const live = latest();
		if (live.mode === 'confirm') return;
		if (live.mode !== 'search') {
			dispatch({type: 'notice', text: 'Pasted text ignored: keys act one by one (/ filters by text).'});
			return;
		}
		const typed = sanitize(text, {maxLength: pastedFilterMax}).replaceAll(escapeMarker, '').replaceAll(controlMarker, '').trim();
		if (typed !== '') dispatch({type: 'search-type', text: typed});
	};
}
