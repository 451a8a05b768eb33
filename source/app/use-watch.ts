import {useEffect, useState, useSyncExternalStore} from 'react';
import type {TaskState} from '../model/import-task.js';
import type {Selectors} from '../model/selectors.js';
import type {Action, WatchState} from '../model/state.js';
import type {WatchSession} from '../watch/watch-session.js';
import {createScreenStore} from './screen-store.js';

// The screen reads the watch session through its own store (screen-store.ts) with useSyncExternalStore, and runs
// the session for as long as it is up.

/** `fetchedStates`: --state, the only states fetched (the screen's tabs of the others say so). */
export function useWatch(
	session: WatchSession,
	fetchedStates?: readonly TaskState[],
): {
	state: WatchState;
	dispatch: (action: Action) => void;
	/** The state after every action dispatched so far, even those not rendered yet (keys typed quickly, a paste). */
	latest: () => WatchState;
	select: Selectors;
} {
	const [store] = useState(() => createScreenStore(session, fetchedStates === undefined ? {} : {fetchedStates}));
	const state = useSyncExternalStore(store.subscribe, store.getSnapshot);
	useEffect(() => {
		session.start();
		return () => session.stop();
	}, [session]);
	return {state, dispatch: store.dispatch, latest: store.getSnapshot, select: store.select};
}
