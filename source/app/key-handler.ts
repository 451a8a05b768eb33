import type {Timers} from '../model/clock.js';
import {copyTarget} from '../model/copy-target.js';
import {formatDuration} from '../model/format.js';
import {type Action, selectedRow, visibleTasks, type WatchState} from '../model/state.js';
import {runCommand} from '../ui/commands.js';
import {commandFor, type KeyEvent, keyName} from '../ui/keymap.js';
import type {Poller} from '../watch/poller.js';

// What a key does: the keymap names the command; a command is an action for the reducer, or an effect carried
// out here (quit, poll now, pause, copy).

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
}

export function keyHandler<Handle>({latest, dispatch, poller, exit, timers, onCopy, onRepaint, onSuspend, pageSize}: KeyContext<Handle>): (input: string, key: KeyEvent) => void {
	return (input, key) => {
		// The state as of the last key, not the last render: keys can come faster than frames.
		const live = latest();
		const name = keyName(input, key);
		const command = name === undefined ? undefined : commandFor(live.mode, name);
		if (command === undefined) {
			if (live.mode === 'search' && name !== undefined && name.length === 1) dispatch({type: 'search-type', text: name});
			return;
		}
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
				const inDetail = live.mode === 'detail';
				const shown = visibleTasks(live);
				const copy = copyTarget(result.effect, inDetail ? live.detailLast : shown[selectedRow(live, shown)], inDetail);
				if (copy.value !== undefined) onCopy?.(copy.value);
				dispatch({type: 'notice', text: copy.notice});
				return;
			}
			default: {
				const unreachable: never = result.effect;
				return unreachable;
			}
		}

	};
}
