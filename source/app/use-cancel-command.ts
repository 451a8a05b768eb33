import {useEffect, useMemo, useSyncExternalStore} from 'react';
import type {TaskCanceller} from '../model/task-source.js';
import {type CancelCommand, createCancelCommand} from './cancel-command.js';

/** One cancel command for the life of the app (it remembers whether cancelling is allowed); quitting aborts its call. */
export function useCancelCommand(canceller: TaskCanceller | undefined): CancelCommand | undefined {
	const command = useMemo(() => (canceller === undefined ? undefined : createCancelCommand(canceller)), [canceller]);
	useEffect(() => () => command?.stop(), [command]);
	return command;
}

const noNote = () => undefined;
const noSubscription = () => () => {};

/** The step of a cancel in flight ("Cancelling …"), redrawn as it changes; it stays until the answer comes. */
export function useCancelNote(command: CancelCommand | undefined): string | undefined {
	return useSyncExternalStore(command?.subscribe ?? noSubscription, command?.note ?? noNote);
}
