import {useEffect} from 'react';
import type {JournalEntry} from '../model/history.js';
import {allEnded, type ImportTask} from '../model/import-task.js';
import type {PollFault} from '../model/poll-events.js';
import type {WatchState} from '../model/state.js';

// What the shell is told as the state changes: the latest tasks, each poll's transitions, the end of every
// task (--until-done), and a fault before any data (the shell may decide it was started wrong).

export interface ShellCallbacks {
	onTasks?: (tasks: readonly ImportTask[]) => void;
	onTransitions?: (entries: readonly JournalEntry[], first: boolean) => void;
	onAllDone?: (tasks: readonly ImportTask[]) => void;
	onStartupFault?: (fault: PollFault) => void;
}

export function useShellCallbacks(state: WatchState, {onTasks, onTransitions, onAllDone, onStartupFault}: ShellCallbacks): void {
	const {tasks, polls, lastEntries, fault} = state;
	useEffect(() => onTasks?.(tasks), [onTasks, tasks]);
	useEffect(() => {
		if (polls > 0 && lastEntries.length > 0) onTransitions?.(lastEntries, polls === 1);
	}, [onTransitions, lastEntries, polls]);
	useEffect(() => {
		if (polls > 0 && allEnded(tasks)) onAllDone?.(tasks);
	}, [onAllDone, tasks, polls]);
	useEffect(() => {
		if (polls === 0 && fault !== undefined) onStartupFault?.(fault);
	}, [onStartupFault, polls, fault]);
}
