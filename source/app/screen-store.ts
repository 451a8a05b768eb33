import {createSelectors, type Selectors} from '../model/selectors.js';
import {type Action, initialState, reducerWith, type ViewState, type WatchState} from '../model/state.js';
import type {WatchSession} from '../watch/watch-session.js';

// One screen's store for React's useSyncExternalStore: its view state over the session's data. The session's news
// is taken in as it comes (the selection re-anchored, the details following their task), and the reducer runs here,
// synchronously, so a key handled right after '/' already sees the search mode; React only gets the result to draw.

export interface ScreenStore {
	subscribe(listener: () => void): () => void;
	/** The state after every action so far, drawn or not (keys typed quickly, a paste). */
	getSnapshot(): WatchState;
	dispatch(action: Action): void;
	/** This screen's memoised selectors (the visible list, the events shown), shared with its reducer. */
	select: Selectors;
}

/** `view`: how the screen starts beyond the usual (--state's tabs). */
export function createScreenStore(session: WatchSession, view: Partial<ViewState> = {}): ScreenStore {
	const select = createSelectors();
	const reduce = reducerWith(select);
	let seen = session.getSnapshot();
	let state = initialState({...seen, ...view});
	const listeners = new Set<() => void>();
	let leave: (() => void) | undefined;
	const tell = () => {
		for (const listener of [...listeners]) listener();
	};
	const take = () => {
		const data = session.getSnapshot();
		if (data === seen) return;
		seen = data;
		state = reduce(state, {type: 'data', data});
		tell();
	};
	return {
		subscribe(listener) {
			listeners.add(listener);
			if (leave === undefined) {
				leave = session.subscribe(take);
				take();
			}
			return () => {
				listeners.delete(listener);
				if (listeners.size > 0) return;
				leave?.();
				leave = undefined;
			};
		},
		getSnapshot: () => state,
		dispatch(action) {
			state = reduce(state, action);
			tell();
		},
		select,
	};
}
