import {useEffect} from 'react';
import type {Timers} from '../model/clock.js';
import type {Action} from '../model/state.js';

/** How long a notice (copied …, throttled …) replaces the key hints. */
export const noticeMs = 5000;

/** A notice stands in for the key hints for a few seconds, then goes: it says what just happened, not what is. */
export function useNotice<Handle>(notice: string | undefined, timers: Timers<Handle>, dispatch: (action: Action) => void): void {
	useEffect(() => {
		if (notice === undefined) return;
		const handle = timers.setTimeout(() => dispatch({type: 'notice', text: undefined}), noticeMs);
		return () => timers.clearTimeout(handle);
	}, [notice, timers, dispatch]);
}
