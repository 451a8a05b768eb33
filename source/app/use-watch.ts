import {useCallback, useEffect, useRef, useState} from 'react';
import type {PollEvent, PollFault} from '../model/poll-events.js';
import type {TaskState} from '../model/import-task.js';
import {type Action, initialState, pollStartShownAt, reduce, type WatchState} from '../model/state.js';
import type {Timers} from '../model/clock.js';
import {type ShellCallbacks, tellShell} from '../model/shell-news.js';
import {type TaskSource, withSourceNews} from '../model/task-source.js';
import {createPoller, type Poller} from '../watch/poller.js';

// The poller feeds the reducer (model/state.ts) its events; React gets the state to render.

export interface WatchOptions<Handle> {
	source: TaskSource;
	intervalMs: number;
	timers: Timers<Handle>;
	classify: (error: unknown) => PollFault;
	deadlineMs?: number;
	stuckAfterMs?: number;
	/** --state: the only states fetched. */
	fetchedStates?: readonly TaskState[];
	/** Told what changed after each action (tellShell), outside React's renders and effects. */
	shell?: ShellCallbacks;
}

export function useWatch<Handle>({source, intervalMs, timers, classify, deadlineMs, stuckAfterMs, fetchedStates, shell}: WatchOptions<Handle>): {
	state: WatchState;
	dispatch: (action: Action) => void;
	/** The state after every action dispatched so far, even those not rendered yet (keys typed quickly, a paste). */
	latest: () => WatchState;
	poller: () => Poller | undefined;
} {
	// The reducer runs here, synchronously, so a key handled right after '/' already sees the search mode;
	// React only gets the result to render.
	const current = useRef<WatchState | undefined>(undefined);
	current.current ??= initialState({...(stuckAfterMs === undefined ? {} : {stuckAfterMs}), ...(fetchedStates === undefined ? {} : {fetchedStates})});
	const [state, setState] = useState(current.current);
	const callbacks = useRef(shell);
	callbacks.current = shell;
	const dispatch = useCallback((action: Action) => {
		const before = current.current ?? initialState();
		const next = reduce(before, action);
		current.current = next;
		setState(next);
		if (callbacks.current !== undefined) tellShell(before, next, callbacks.current);
	}, []);
	// The start of a poll shows on screen only after a fault ("retrying now…") or once the poll is slow
	// (pollStartShownAt); until then it is recorded without a render.
	const onPollEvent = useCallback(
		(event: PollEvent, unseen: {handle?: Handle}) => {
			if (unseen.handle !== undefined) timers.clearTimeout(unseen.handle);
			unseen.handle = undefined;
			const before = current.current ?? initialState();
			if (event.type !== 'poll-started' || before.fault !== undefined) {
				dispatch(event.type === 'poll-succeeded' ? withSourceNews(event, source) : event);
				return;
			}
			current.current = reduce(before, event);
			const shownAt = pollStartShownAt(event.at);
			unseen.handle = timers.setTimeout(() => {
				unseen.handle = undefined;
				setState(current.current ?? before);
			}, shownAt - timers.now());
		},
		[timers, source, dispatch],
	);
	const poller = useRef<Poller | undefined>(undefined);
	useEffect(() => {
		const unseen: {handle?: Handle} = {};
		const created = createPoller({
			fetchTasks: (signal) => source.fetchTasks(signal),
			intervalMs,
			timers,
			onEvent: (event: PollEvent) => onPollEvent(event, unseen),
			classify,
			deadlineMs,
			onCredentialsFault: () => source.resetCredentials?.(),
		});
		poller.current = created;
		created.start();
		return () => {
			created.stop();
			if (unseen.handle !== undefined) timers.clearTimeout(unseen.handle);
			poller.current = undefined;
		};
	}, [source, intervalMs, timers, classify, deadlineMs, onPollEvent]);
	return {state, dispatch, latest: () => current.current ?? state, poller: () => poller.current};
}
