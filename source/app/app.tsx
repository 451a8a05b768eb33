import {Box, useApp, useWindowSize} from 'ink';
import {type ReactNode, useEffect} from 'react';
import type {TaskState} from '../model/import-task.js';
import {isStale, viewOf} from '../model/state.js';
import {Header, headerHeight} from '../ui/components/header.js';
import {EventsView} from '../ui/components/events-view.js';
import {HelpScreen} from '../ui/components/help-screen.js';
import {HintBar} from '../ui/components/hint-bar.js';
import {TaskDetail} from '../ui/components/task-detail.js';
import {TaskList} from '../ui/components/task-list.js';
import {TimelineView} from '../ui/components/timeline-view.js';
import {type Theme, ThemeContext} from '../ui/theme.js';
import {keyHandler, pasteHandler} from './key-handler.js';
import {useQuestionReady} from './use-question-ready.js';
import {cancelQuestion} from '../model/cancel-prompt.js';
import {useCancelCommand, useCancelNote} from './use-cancel-command.js';
import {useKeys} from './use-keys.js';
import {useNotice} from './use-notice.js';
import {useWatch} from './use-watch.js';
import type {TaskCanceller} from '../model/task-source.js';
import type {Timers} from '../model/clock.js';
import type {WatchSession} from '../watch/watch-session.js';

export interface AppProps<Handle> {
	/** The watch session (watch/watch-session.ts): the data, and the commands r and p give. The app runs it while up. */
	session: WatchSession;
	/** Region or endpoint, for the header. */
	where: string;
	intervalMs: number;
	timers: Timers<Handle>;
	theme: Theme;
	/** Terminal size when Ink cannot tell (tests); the real size wins when known. */
	size?: {columns: number; rows: number};
	/** Writes text to the clipboard (the shell sends OSC 52); the app only says what it copied. */
	onCopy?: (text: string) => void;
	/** Ctrl-L and Ctrl-Z: the shell redraws the whole screen, or suspends (both are the terminal's business). */
	onRepaint?: () => void;
	onSuspend?: () => void;
	/** Subscribes to what the shell has to say in the notice line (output it caught while the screen is up). */
	shellNotices?: (show: (text: string) => void) => () => void;
	/** --state: the only states fetched (the other tabs say so). */
	fetchedStates?: readonly TaskState[];
	/** --allow-cancel: what cancels an import; without it the watcher is read-only and x says so. */
	canceller?: TaskCanceller;
	/** A failure of the shell's own, said in the header until the end (a journal that can no longer be written). */
	alert?: string;
}

/** Picks the screen for the current mode. No I/O here: the session and the clock come in as props. */
export function App<Handle>(props: AppProps<Handle>): ReactNode {
	const {session, where, intervalMs, timers, theme, size, onCopy, fetchedStates, canceller, alert, onRepaint, onSuspend, shellNotices} = props;
	const {exit} = useApp();
	const {state, dispatch, latest, select} = useWatch(session, fetchedStates);
	// Rows and details are drawn as of the last good poll, so they change only when the data does.
	const asOf = state.lastGoodAt ?? 0;
	const window = useWindowSize();
	const columns = size?.columns ?? window.columns;
	const rows = size?.rows ?? window.rows;
	// The screen's memoised selector of data + view: the same list as the reducer's while its inputs are the same.
	const visible = select.visible(state);
	useNotice(state.notice, timers, dispatch);
	useEffect(() => shellNotices?.((text) => dispatch({type: 'notice', text})), [shellNotices, dispatch]);
	const header = headerHeight(state, columns, alert);
	const bodyHeight = Math.max(3, rows - header - 1);

	const cancel = useCancelCommand(canceller);
	// A cancel in flight is said until its answer comes, under any notice (which fades).
	const cancelNote = useCancelNote(cancel);
	useKeys(
		keyHandler({latest, dispatch, session, visible: select.visible, exit, timers, onCopy, onRepaint, onSuspend, pageSize: Math.max(1, bodyHeight - 2), cancel}),
		pasteHandler({latest, dispatch}),
	);
	useQuestionReady(state.confirm, timers, dispatch);
	// The cancel question stays on the notice line until it is answered or withdrawn.
	const question = state.mode === 'confirm' && state.confirm !== undefined ? cancelQuestion(state.confirm, columns) : undefined;

	const screen = (() => {
		const view = viewOf(state);
		switch (view) {
			case 'help':
				return <HelpScreen height={bodyHeight} scroll={state.scroll} width={columns} />;
			case 'detail':
				return state.detailLast === undefined ? null : (
					<TaskDetail
						task={state.detailLast}
						history={state.detailId === undefined ? undefined : state.history.get(state.detailId)}
						now={asOf}
						stuckAfterMs={state.stuckAfterMs}
						goneAt={state.detailGoneAt}
						stale={isStale(state)}
						failing={state.fault !== undefined}
						paused={state.paused}
						width={columns}
						height={bodyHeight}
						scroll={state.scroll}
					/>
				);
			case 'list':
				return <TaskList state={state} now={asOf} visible={visible} width={columns} height={bodyHeight} />;
			case 'events':
				return <EventsView state={state} shown={select.shown(state.eventLog, state.textFilter)} width={columns} height={bodyHeight} />;
			case 'timeline':
				return <TimelineView state={state} visible={visible} timers={timers} width={columns} height={bodyHeight} />;
			default: {
				const unreachable: never = view;
				return unreachable;
			}
		}
	})();

	return (
		<ThemeContext.Provider value={theme}>
			<Box flexDirection="column" width={columns} height={Math.min(rows, header + bodyHeight + 1)} overflow="hidden">
				<Header state={state} timers={timers} where={where} intervalMs={intervalMs} width={columns} alert={alert} />
				<Box flexDirection="column" height={bodyHeight} overflow="hidden">
					{screen}
				</Box>
				<HintBar mode={state.mode} notice={question ?? state.notice ?? cancelNote} width={columns} paused={state.paused} />
			</Box>
		</ThemeContext.Provider>
	);
}
