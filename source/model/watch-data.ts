import {emptyLog, type EventLog, logEntries} from './event-log.js';
import {type History, type JournalEntry, observe} from './history.js';
import {type AwaySummary, resume} from './history-restore.js';
import type {ImportTask} from './import-task.js';
import {addTally, type LeftTally, noLeftTally} from './left-tasks.js';
import {faultSince, type PairFault, type PollEvent, type PollFault} from './poll-events.js';
import type {PollNotes} from './poll-notes.js';
import {changedTaskIds} from './task-changes.js';

// The data of a watch: what the polls said, folded once (by the watch session, watch/watch-session.ts) for every
// view of it: the screen, plain lines, the journal and history, notifications, hooks, --until-done. Nothing here
// is about a screen (modes, selection, filters are the screen's view state, model/state.ts).

export interface Fault extends PollFault {
	/** When this kind of fault began (first failure of the current run of failures). */
	since: number;
}

export interface WatchData {
	tasks: ImportTask[];
	/** Tasks that changed in the last successful poll; marked until the next one. */
	changed: ReadonlySet<string>;
	polls: number;
	lastGoodAt?: number;
	polling: boolean;
	/** When the poll in flight started (the header says "polling…" only for a slow one). */
	pollStartedAt?: number;
	paused: boolean;
	nextPollAt?: number;
	fault?: Fault;
	/** When the last poll failed (this failure, where `fault.since` is the first of the run); none after a good one. */
	failedAt?: number;
	/** Failed polls since the last good one; the data is stale from two on. */
	missedPolls: number;
	/** The slower interval in use while no task is active (said in the header); undefined at the base pace. */
	idleIntervalMs?: number;
	/** Every transition seen, for the events view. */
	eventLog: EventLog;
	/** What the watcher has seen of each task over time (rate, ETA, stalls, timeline). */
	history: History;
	/** The transitions the last successful poll found (for the journal file, notifications, hooks, plain lines). */
	lastEntries: JournalEntry[];
	/** An active task unchanged for this long is stuck. */
	stuckAfterMs: number;
	/** With several regions or profiles: the pairs whose last attempt failed. */
	pairFaults: PairFault[];
	/** What the last good poll said besides its tasks (said in the header). */
	notes?: PollNotes;
	/** What changed while no watcher ran (said in the header until the events view is opened). */
	away?: AwaySummary;
	/** What became of the imports that left the list (for --until-done). */
	leftTally: LeftTally;
}

export const staleAfterMissedPolls = 2;
/** A poll that takes longer than this is said to be under way; quicker ones come and go without a redraw. */
export const slowPollMs = 2000;

/**
 * When the start of a poll must reach the screen: at the header's first tick slowPollMs in ("polling…"). Until
 * then it is recorded without a render: Ink lays out and draws the whole screen on every render, and a quick poll
 * would change nothing.
 */
export function pollStartShownAt(startedAt: number): number {
	return Math.ceil((startedAt + slowPollMs) / 1000) * 1000;
}

export function initialData(overrides: Partial<WatchData> = {}): WatchData {
	return {
		tasks: [],
		changed: new Set(),
		polls: 0,
		polling: false,
		paused: false,
		missedPolls: 0,
		eventLog: emptyLog,
		history: new Map(),
		lastEntries: [],
		stuckAfterMs: 30 * 60_000,
		pairFaults: [],
		leftTally: noLeftTally,
		...overrides,
	};
}

export function isStale(data: Pick<WatchData, 'missedPolls' | 'lastGoodAt'>): boolean {
	return data.missedPolls >= staleAfterMissedPolls && data.lastGoodAt !== undefined;
}

/** One poll event folded into the data. `data` may carry more (a screen's state): it is kept as it is. */
export function foldPoll<D extends WatchData>(data: D, event: PollEvent): D {
	switch (event.type) {
		case 'poll-started':
			return {...data, polling: true, pollStartedAt: event.at};
		case 'poll-succeeded': {
			// The first poll after a restart picks up from the history store; any other from the poll before.
			const seen =
				data.polls === 0 && event.prior !== undefined
					? resume(event.prior, event.tasks, event.at, data.stuckAfterMs, event.notes?.left)
					: {...observe(data.history, event.tasks, event.at, data.polls === 0, data.stuckAfterMs, event.notes?.left), earlier: [], away: undefined};
			return {
				...data,
				history: seen.history,
				leftTally: addTally(data.leftTally, seen.tally),
				lastEntries: seen.entries,
				eventLog: logEntries(logEntries(data.eventLog, seen.earlier), seen.entries),
				away: seen.away ?? data.away,
				pairFaults: event.partialFaults ?? [],
				notes: event.notes,
				tasks: event.tasks,
				changed: data.polls === 0 ? new Set() : changedTaskIds(data.tasks, event.tasks),
				polls: data.polls + 1,
				lastGoodAt: event.at,
				polling: false,
				nextPollAt: event.nextPollAt,
				fault: undefined,
				failedAt: undefined,
				missedPolls: 0,
				idleIntervalMs: event.idleIntervalMs,
			};
		}
		case 'poll-failed':
			return {
				...data,
				polling: false,
				nextPollAt: event.nextPollAt,
				fault: {...event.fault, since: faultSince(data.fault, event.fault.kind, event.at)},
				failedAt: event.at,
				// The whole poll failed: the per-kind (region, profile) faults of the last good poll are old news, and
				// their next-poll times are not the poll's. One fault, one next-poll time.
				pairFaults: [],
				missedPolls: data.missedPolls + 1,
				// The poller retries at the base pace (or slower, backing off) after any fault.
				idleIntervalMs: undefined,
			};
		case 'paused':
			return {...data, paused: true, nextPollAt: undefined};
		case 'resumed':
			return {...data, paused: false, nextPollAt: event.nextPollAt};
		default: {
			const unreachable: never = event;
			return unreachable;
		}
	}
}
