import type {Timers} from '../model/clock.js';
import type {PollEvent, PollFault} from '../model/poll-events.js';
import {pollOf, type TaskSource} from '../model/task-source.js';
import {foldPoll, initialData, pollStartShownAt, type WatchData} from '../model/watch-data.js';
import {createPoller, type PollerState, type PollNowResult} from './poller.js';

// The headless watch session: it owns the poller and the data. Each poll's result (which carries everything the
// poll learned) is folded into the data once, here, outside any view; subscribers (the screen through React's
// useSyncExternalStore, plain lines, the journal and history writer, notifications, hooks, --until-done) are told
// it changed and read the snapshot. Nothing here knows of Ink or React.

export interface WatchSessionOptions<Handle> {
	source: TaskSource;
	intervalMs: number;
	timers: Timers<Handle>;
	classify: (error: unknown) => PollFault;
	deadlineMs?: number;
	/** An active task unchanged for this long is stuck (--stuck-after). */
	stuckAfterMs?: number;
}

export interface WatchSession {
	/** Told after the data changed (read it with getSnapshot); returns the unsubscribe. */
	subscribe(listener: () => void): () => void;
	/** The data now: an immutable snapshot, the same object until the data changes. */
	getSnapshot(): WatchData;
	/** Polls at once, then on the poller's pace. Once only. */
	start(): void;
	/** Final: aborts the poll in flight, clears every timer, tells nobody anything more. */
	stop(): void;
	/** Poll now (r, after a cancel); refused while a poll runs or while EC2's throttling backoff lasts. */
	refresh(): PollNowResult;
	/** Pause, or resume, the polling (p). */
	togglePause(): void;
	/** The poller's own state (when a throttling backoff ends, whether it is paused). */
	pollerState(): PollerState;
}

export function createWatchSession<Handle>({source, intervalMs, timers, classify, deadlineMs, stuckAfterMs}: WatchSessionOptions<Handle>): WatchSession {
	let data = initialData(stuckAfterMs === undefined ? {} : {stuckAfterMs});
	const listeners = new Set<() => void>();
	// A poll's start is told only after a fault ("retrying now…") or once the poll is slow (pollStartShownAt);
	// until then it is in the snapshot without a word, so a quick poll redraws nothing.
	let untold: Handle | undefined;
	const tell = () => {
		for (const listener of [...listeners]) listener();
	};
	const quiet = () => {
		if (untold !== undefined) timers.clearTimeout(untold);
		untold = undefined;
	};
	const onEvent = (event: PollEvent) => {
		quiet();
		const before = data;
		data = foldPoll(data, event);
		if (event.type !== 'poll-started' || before.fault !== undefined) {
			tell();
			return;
		}
		untold = timers.setTimeout(() => {
			untold = undefined;
			tell();
		}, pollStartShownAt(event.at) - timers.now());
	};
	const poller = createPoller({
		fetchPoll: pollOf(source),
		intervalMs,
		timers,
		onEvent,
		classify,
		deadlineMs,
		onCredentialsFault: () => source.resetCredentials?.(),
	});
	return {
		subscribe(listener) {
			listeners.add(listener);
			return () => {
				listeners.delete(listener);
			};
		},
		getSnapshot: () => data,
		start: () => poller.start(),
		stop() {
			poller.stop();
			quiet();
			listeners.clear();
		},
		refresh: () => poller.pollNow(),
		togglePause() {
			if (poller.state.status === 'paused') poller.resume();
			else poller.pause();
		},
		pollerState: () => poller.state,
	};
}
