import type {JournalEntry} from './history.js';
import type {ImportTask} from './import-task.js';
import {untilDoneCode} from './left-tasks.js';
import type {PollFault} from './poll-events.js';
import type {WatchData} from './watch-data.js';

// What the shell is told when a poll has changed the watch's data: the latest tasks, each poll's transitions,
// the end of every task (--until-done), and a fault before any data (the shell may decide it was started wrong).
// Worked out from the data before and after, by a subscriber of the watch session (shell/session-news.ts),
// outside React, so it leaves once per change, not once per render.

export interface ShellCallbacks {
	/** Told the latest good tasks, for the summary left in the scrollback on exit. */
	onTasks?: (tasks: readonly ImportTask[]) => void;
	/** Told the transitions of each poll (journal file, notifications); `first`: what the first poll found. */
	onTransitions?: (entries: readonly JournalEntry[], first: boolean) => void;
	/**
	 * Told after every good poll in which no watched import is still going, listed or followed after it left
	 * (--until-done), with the exit code (see untilDoneExit) and whether it is 1 because no import was seen.
	 */
	onAllDone?: (tasks: readonly ImportTask[], code: number, nothingSeen: boolean) => void;
	/** Told of a fault that happened before any data arrived (the shell may decide it was started wrong). */
	onStartupFault?: (fault: PollFault) => void;
}

/**
 * --until-done's exit code once every watched import has ended (undefined until then): the listed tasks and those
 * still followed after they left the list; 0 only when all are known to have completed. When the first poll that
 * every region and profile answered found no import at all, 1: none is known to have completed (an id a script waits on may not exist; with --state active
 * and nothing active yet, waiting could last for ever).
 */
export function untilDoneExit(state: WatchData): number | undefined {
	if (state.polls === 0) return undefined;
	// A region or profile not heard from yet may have imports: nothing is concluded until every part answered.
	if (nothingSeen(state)) return state.pairFaults.length > 0 ? undefined : 1;
	return untilDoneCode(
		[...state.history.values()].map((known) => known.latest),
		state.tasks,
		state.leftTally,
	);
}

/** No good poll has found an import to watch yet (every one seen is logged, first-seen or new). */
export function nothingSeen(state: WatchData): boolean {
	return state.polls > 0 && state.eventLog.nextSeq === 0 && state.history.size === 0 && state.tasks.length === 0;
}

export function tellShell(before: WatchData, after: WatchData, callbacks: ShellCallbacks): void {
	const {tasks, polls, lastEntries, fault} = after;
	const polled = polls !== before.polls;
	if (tasks !== before.tasks) callbacks.onTasks?.(tasks);
	if (polls > 0 && lastEntries.length > 0 && (lastEntries !== before.lastEntries || polled)) callbacks.onTransitions?.(lastEntries, polls === 1);
	// The verdict walks every task's history: worked out only for --until-done (the one listener).
	const code = callbacks.onAllDone !== undefined && polls > 0 && (tasks !== before.tasks || polled) ? untilDoneExit(after) : undefined;
	if (code !== undefined) callbacks.onAllDone?.(tasks, code, nothingSeen(after));
	if (polls === 0 && fault !== undefined && fault !== before.fault) callbacks.onStartupFault?.(fault);
}
