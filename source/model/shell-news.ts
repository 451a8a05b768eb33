import type {JournalEntry} from './history.js';
import {allEnded, type ImportTask} from './import-task.js';
import type {PollFault} from './poll-events.js';
import type {WatchState} from './state.js';

// What the shell is told when a fold of the state has changed it: the latest tasks, each poll's transitions,
// the end of every task (--until-done), and a fault before any data (the shell may decide it was started wrong).
// Worked out from the state before and after, outside React, so it leaves once per change, not once per render.

export interface ShellCallbacks {
	/** Told the latest good tasks, for the summary left in the scrollback on exit. */
	onTasks?: (tasks: readonly ImportTask[]) => void;
	/** Told the transitions of each poll (journal file, notifications); `first`: what the first poll found. */
	onTransitions?: (entries: readonly JournalEntry[], first: boolean) => void;
	/** Told the tasks after every good poll in which nothing is active any more (--until-done). */
	onAllDone?: (tasks: readonly ImportTask[]) => void;
	/** Told of a fault that happened before any data arrived (the shell may decide it was started wrong). */
	onStartupFault?: (fault: PollFault) => void;
}

export function tellShell(before: WatchState, after: WatchState, callbacks: ShellCallbacks): void {
	const {tasks, polls, lastEntries, fault} = after;
	const polled = polls !== before.polls;
	if (tasks !== before.tasks) callbacks.onTasks?.(tasks);
	if (polls > 0 && lastEntries.length > 0 && (lastEntries !== before.lastEntries || polled)) callbacks.onTransitions?.(lastEntries, polls === 1);
	if (polls > 0 && (tasks !== before.tasks || polled) && allEnded(tasks)) callbacks.onAllDone?.(tasks);
	if (polls === 0 && fault !== undefined && fault !== before.fault) callbacks.onStartupFault?.(fault);
}
