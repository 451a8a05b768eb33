import {Box, useApp, useInput, useWindowSize} from 'ink';
import {type ReactNode, useEffect, useMemo} from 'react';
import type {ImportTask} from './model/import-task.js';
import {formatDuration} from './model/format.js';
import type {PollFault} from './model/poll-events.js';
import {isStale, visibleTasks} from './model/state.js';
import {runCommand} from './ui/commands.js';
import {Header, headerHeight} from './ui/components/header.js';
import {HelpScreen} from './ui/components/help-screen.js';
import {HintBar} from './ui/components/hint-bar.js';
import {TaskDetail} from './ui/components/task-detail.js';
import {TaskList} from './ui/components/task-list.js';
import {commandFor, keyName} from './ui/keymap.js';
import {type Theme, ThemeContext} from './ui/theme.js';
import {type TaskSource, useWatch} from './ui/use-watch.js';
import {useNow} from './ui/use-now.js';
import type {Timers} from './watch/poller.js';

export interface AppProps<Handle> {
	source: TaskSource;
	/** Region or endpoint, for the header. */
	where: string;
	intervalMs: number;
	timers: Timers<Handle>;
	classify: (error: unknown) => PollFault;
	theme: Theme;
	deadlineMs?: number;
	/** Terminal size when Ink cannot tell (tests); the real size wins when known. */
	size?: {columns: number; rows: number};
	/** Told the latest good tasks, for the summary left in the scrollback on exit. */
	onTasks?: (tasks: readonly ImportTask[]) => void;
	/** Told of a fault that happened before any data arrived (the shell may decide it was started wrong). */
	onStartupFault?: (fault: PollFault) => void;
}

/** Picks the screen for the current mode. No I/O here: the source and the clock come in as props. */
export function App<Handle>({source, where, intervalMs, timers, classify, theme, deadlineMs, size, onTasks, onStartupFault}: AppProps<Handle>): ReactNode {
	const {exit} = useApp();
	const {state, dispatch, poller} = useWatch({source, intervalMs, timers, classify, deadlineMs});
	const now = useNow(timers);
	const window = useWindowSize();
	const columns = size?.columns ?? window.columns;
	const rows = size?.rows ?? window.rows;
	const {tasks, stateFilter, textFilter, fault, polls, sort, history, lastGoodAt} = state;
	// biome-ignore lint/correctness/useExhaustiveDependencies: these are the fields visibleTasks reads
	const visible = useMemo(() => visibleTasks(state), [tasks, stateFilter, textFilter, sort, history, lastGoodAt]);
	useEffect(() => onTasks?.(tasks), [onTasks, tasks]);
	useEffect(() => {
		if (polls === 0 && fault !== undefined) onStartupFault?.(fault);
	}, [onStartupFault, polls, fault]);
	const bodyHeight = Math.max(3, rows - headerHeight(state) - 1);

	useInput((input, key) => {
		const name = keyName(input, key);
		const command = name === undefined ? undefined : commandFor(state.mode, name);
		if (command === undefined) {
			if (state.mode === 'search' && name !== undefined && name.length === 1) dispatch({type: 'search-type', text: name});
			return;
		}
		if (state.notice !== undefined) dispatch({type: 'notice', text: undefined});
		const result = runCommand(command, {pageSize: Math.max(1, bodyHeight - 2), mode: state.mode});
		if (result.kind === 'action') {
			dispatch(result.action);
			return;
		}
		const current = poller();
		switch (result.effect) {
			case 'quit':
				exit();
				return;
			case 'refresh': {
				const outcome = current?.pollNow();
				if (outcome === 'throttled' && current !== undefined) {
					const wait = Math.max(0, (current.state.throttledUntil ?? now) - timers.now());
					dispatch({type: 'notice', text: `EC2 is throttling: r waits for the backoff (next poll in ${formatDuration(wait)}).`});
				}
				return;
			}
			case 'pause':
				if (current?.state.status === 'paused') current.resume();
				else current?.pause();
				return;
			default: {
				const unreachable: never = result.effect;
				return unreachable;
			}
		}
	});

	const screen = (() => {
		switch (state.mode) {
			case 'help':
				return <HelpScreen height={bodyHeight} scroll={state.scroll} />;
			case 'detail':
				return state.detailLast === undefined ? null : (
					<TaskDetail task={state.detailLast} goneAt={state.detailGoneAt} stale={isStale(state)} width={columns} height={bodyHeight} scroll={state.scroll} />
				);
			case 'list':
			case 'search':
				return <TaskList state={state} now={now} visible={visible} width={columns} height={bodyHeight} />;
			default: {
				const unreachable: never = state.mode;
				return unreachable;
			}
		}
	})();

	return (
		<ThemeContext.Provider value={theme}>
			<Box flexDirection="column" width={columns} height={Math.min(rows, headerHeight(state) + bodyHeight + 1)} overflow="hidden">
				<Header state={state} now={now} where={where} intervalMs={intervalMs} />
				<Box flexDirection="column" height={bodyHeight} overflow="hidden">
					{screen}
				</Box>
				<HintBar mode={state.mode} notice={state.notice} />
			</Box>
		</ThemeContext.Provider>
	);
}
