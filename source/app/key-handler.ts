import type {Timers} from '../model/clock.js';
import {readOnlyNotice} from '../model/cancel-prompt.js';
import {copyTarget} from '../model/copy-target.js';
import {formatDuration} from '../model/format.js';
import type {ImportTask} from '../model/import-task.js';
import {type Action, selectedRow, visibleTasks, type WatchState} from '../model/state.js';
import {controlMarker, escapeMarker, sanitize} from '../text/sanitize.js';
import {runCommand} from '../ui/commands.js';
import {type CommandId, commandFor, type KeyEvent, keyName} from '../ui/keymap.js';
import type {Poller} from '../watch/poller.js';
import type {CancelCommand} from './cancel-command.js';

// What a key does: the keymap names the command; a command is an action for the reducer, or an effect carried
// out here (quit, poll now, pause, copy, cancel).

export interface KeyContext<Handle> {
	/** The state after every action so far, rendered or not. */
	latest: () => WatchState;
	dispatch: (action: Action) => void;
	poller: () => Poller | undefined;
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
function targetTask(state: WatchState): ImportTask | undefined {
	if (state.mode === 'detail') return state.detailLast;
	const shown = visibleTasks(state);
	return shown[selectedRow(state, shown)];
}

/** Keys that act even before the cancel question can be answered: they answer nothing. */
const beforeAnswer: ReadonlySet<CommandId> = new Set(['quit', 'repaint', 'suspend']);

export function keyHandler<Handle>({latest, dispatch, poller, exit, timers, onCopy, onRepaint, onSuspend, pageSize, cancel}: KeyContext<Handle>): (input: string, key: KeyEvent) => void {
	return (input, key) => {
		// The state as of the last key, not the last render: keys can come faster than frames.
		const live = latest();
		const name = keyName(input, key);
		const command = name === undefined ? undefined : commandFor(live.mode, name);
		// Keys that came before the question could be read (with the x, a paste, typed ahead) answer nothing.
		if (live.mode === 'confirm' && live.confirm?.ready !== true && (command === undefined || !beforeAnswer.has(command))) return;
		if (command === undefined) {
			// The cancel question: any key but y keeps the import.
			if (live.mode === 'confirm') dispatch({type: 'cancel-close', kept: true});
			if (live.mode === 'search' && name !== undefined && name.length === 1) dispatch({type: 'search-type', text: name});
			return;
		}
		// A y after the answer (the cancel under way or just said) is not a copy over its line: the line stays.
		if (command === 'copy-id' && (live.noticeOfCancel === true || cancel?.note() !== undefined)) return;
		if (live.notice !== undefined) dispatch({type: 'notice', text: undefined});
		const result = runCommand(command, {pageSize, mode: live.mode});
		if (result.kind === 'action') {
			dispatch(result.action);
			return;
		}
		const current = poller();
		switch (result.effect) {
			case 'quit':
				exit();
				return;
			case 'repaint':
				onRepaint?.();
				return;
			case 'suspend':
				onSuspend?.();
				return;
			case 'refresh': {
				const outcome = current?.pollNow();
				if (outcome === 'throttled' && current !== undefined) {
					const wait = Math.max(0, (current.state.throttledUntil ?? timers.now()) - timers.now());
					dispatch({type: 'notice', text: `EC2 is throttling: r waits for the backoff (next poll in ${formatDuration(wait)}).`});
				}
				return;
			}
			case 'pause':
				if (current?.state.status === 'paused') current.resume();
				else current?.pause();
				return;
			case 'copy-id':
			case 'copy-image': {
				const copy = copyTarget(result.effect, targetTask(live), live.mode === 'detail');
				if (copy.value !== undefined) onCopy?.(copy.value);
				dispatch({type: 'notice', text: copy.notice});
				return;
			}
			case 'cancel': {
				if (cancel === undefined) {
					dispatch({type: 'notice', text: readOnlyNotice});
					return;
				}
				const asked = cancel.ask(targetTask(live), live.mode === 'detail' ? 'detail' : 'list');
				dispatch('prompt' in asked ? {type: 'cancel-ask', prompt: asked.prompt} : {type: 'notice', text: asked.refusal});
				return;
			}
			case 'cancel-confirm': {
				const prompt = live.confirm;
				dispatch({type: 'cancel-close'});
				if (prompt !== undefined && cancel !== undefined) {
					void cancel.run(
						prompt,
						(line) => dispatch({type: 'notice', text: line, ofCancel: true}),
						() => poller()?.pollNow(),
					);
				}
				return;
			}
			default: {
				const unreachable: never = result.effect;
				return unreachable;
			}
		}

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
