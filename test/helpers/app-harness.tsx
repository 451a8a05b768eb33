// The one way tests put the whole App on a screen. `appElement` is <App> on a watch session of the test's source,
// its shell news subscribed as run-tui does, with what a test leaves out filled in (the plain classifier,
// us-east-1, no colour, a 10 s interval); `mountApp` renders it with ink-testing-library
// on a fake clock and gives the frame and a keyboard. render-app.tsx (scripted or real sources), the fault
// tests' fault-app.tsx and the screen-fidelity test (Ink's own render, real streams) all build on these.

import {render} from 'ink-testing-library';
import type {ReactElement} from 'react';
import {App, type AppProps} from '../../source/app/app.js';
import type {PollFault} from '../../source/model/poll-events.js';
import type {ShellCallbacks} from '../../source/model/shell-news.js';
import type {TaskSource} from '../../source/model/task-source.js';
import {subscribeShellNews} from '../../source/shell/session-news.js';
import {classifyError} from '../../source/watch/classify-error.js';
import {createWatchSession} from '../../source/watch/watch-session.js';
import {createFakeTimers, type FakeTimerHandle, type FakeTimers, settle} from './fake-timers.js';

/** A fixed moment, so clocks print the same on every run. */
export const start = 1_780_000_000_000;

/**
 * The App's props, and what its watch session is made of (the source, the classifier, the pace) with the shell's
 * news as the shell subscribes it; those with a usual value for tests may be left out.
 */
export type TestAppProps = Omit<AppProps<FakeTimerHandle>, 'session' | 'where' | 'intervalMs' | 'theme'> &
	Partial<Pick<AppProps<FakeTimerHandle>, 'where' | 'intervalMs' | 'theme'>> &
	ShellCallbacks & {
		source: TaskSource;
		classify?: (error: unknown) => PollFault;
		deadlineMs?: number;
		stuckAfterMs?: number;
	};

export function appElement({
	where,
	intervalMs,
	classify,
	theme,
	source,
	deadlineMs,
	stuckAfterMs,
	onTasks,
	onTransitions,
	onAllDone,
	onStartupFault,
	...rest
}: TestAppProps): ReactElement {
	const session = createWatchSession({
		source,
		intervalMs: intervalMs ?? 10_000,
		timers: rest.timers,
		classify: classify ?? ((error) => classifyError(error, {})),
		deadlineMs,
		stuckAfterMs,
	});
	subscribeShellNews(session, {onTasks, onTransitions, onAllDone, onStartupFault});
	return <App session={session} where={where ?? 'us-east-1'} intervalMs={intervalMs ?? 10_000} theme={theme ?? {color: false, unicode: true}} {...rest} />;
}

export interface MountedApp {
	timers: FakeTimers;
	/** The last frame Ink drew. */
	frame(): string;
	/** Types each string as one read of the terminal, letting the app settle after each. */
	press(...sequence: string[]): Promise<void>;
	unmount(): void;
}

/** Renders the App (ink-testing-library) on a fake clock starting at `start`, unless `timers` are given. */
export async function mountApp(props: Omit<TestAppProps, 'timers'> & {timers?: FakeTimers}): Promise<MountedApp> {
	const timers = props.timers ?? createFakeTimers(start);
	const instance = render(appElement({...props, timers}));
	await settle(10);
	return {
		timers,
		frame: () => instance.lastFrame() ?? '',
		async press(...sequence) {
			for (const data of sequence) {
				instance.stdin.write(data);
				// A lone ESC could start an escape sequence: Ink waits 20 ms (its own fixed delay) before it
				// takes it as the Escape key. That is Ink's input parsing, not our timing, so we wait it out.
				if (data === '\u001B') await new Promise((resolve) => setTimeout(resolve, 30));
				await settle(3);
			}
		},
		unmount: () => instance.unmount(),
	};
}
