import {useEffect, useMemo} from 'react';
import type {TaskCanceller} from '../model/task-source.js';
import {type CancelCommand, createCancelCommand} from './cancel-command.js';

/** One cancel command for the life of the app (it remembers whether cancelling is allowed); quitting aborts its call. */
export function useCancelCommand(canceller: TaskCanceller | undefined): CancelCommand | undefined {
	const command = useMemo(() => (canceller === undefined ? undefined : createCancelCommand(canceller)), [canceller]);
	useEffect(() => () => command?.stop(), [command]);
	return command;
}
