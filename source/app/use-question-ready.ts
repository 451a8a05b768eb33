import {useEffect} from 'react';
import type {CancelPrompt} from '../model/cancel-prompt.js';
import type {Timers} from '../model/clock.js';
import type {Action} from '../model/state.js';

/**
 * How long the cancel question is on screen before a y answers it. The timer starts once React has committed the
 * question; Ink writes a frame within 200 ms of that (at most 10 frames a second, its log throttled the same), so
 * by then it is drawn. A y before it (the same read as the x, a paste, keys typed ahead) is not an answer.
 */
export const questionReadyMs = 300;

export function useQuestionReady<Handle>(prompt: CancelPrompt | undefined, timers: Timers<Handle>, dispatch: (action: Action) => void): void {
	useEffect(() => {
		if (prompt === undefined || prompt.ready === true) return;
		const handle = timers.setTimeout(() => dispatch({type: 'cancel-ready'}), questionReadyMs);
		return () => timers.clearTimeout(handle);
	}, [prompt, timers, dispatch]);
}
