import {render} from 'ink';
import {App} from '../app/app.js';
import type {ImportTask} from '../model/import-task.js';
import type {PollFault} from '../model/poll-events.js';
import type {WatchConfig} from './options.js';
import {faultLine} from '../model/fault-text.js';
import {exitCodeWith, fatalAtStart, type Io, nothingToWaitFor, onSignals, strayLines, summaryLine, textFor} from './exit-lines.js';
import type {ShellHooks} from './shell-hooks.js';
import type {WatchSource} from './sources.js';
import type {TaskSource} from '../model/task-source.js';
import {handleTuiSignals} from './tui-signals.js';
import {toAscii} from '../text/ascii-glyphs.js';
import type {Capabilities} from '../terminal/capabilities.js';
import {rewriteStream, streamSize} from '../terminal/output-stream.js';
import {createScreenDiff} from '../terminal/screen-diff.js';
import {bracketedPasteOff, errorLine, onFatalError, restoreTerminal} from '../terminal/screen-guard.js';
import {captureStrayOutput} from '../terminal/stray-output.js';
import {realTimers} from '../watch/poller.js';
import {createWatchSession} from '../watch/watch-session.js';
import {subscribeShellNews} from './session-news.js';

// The TUI: Ink on the alternate screen, redrawing only what changed, nothing else writing to the terminal meanwhile,
// Ctrl-L / SIGWINCH / SIGCONT repainting, Ctrl-Z / SIGTSTP suspending, and every way out restoring the terminal.

export interface TuiOptions {
	source: WatchSource;
	/** The source as polled (with the history read back at the first good poll). */
	polled: TaskSource;
	config: WatchConfig;
	capabilities: Capabilities;
	classify: (error: unknown) => PollFault;
	where: string;
	hooks: ShellHooks;
	io: Io;
}

/**
 * What Ink writes through: in incremental mode, only the cells that changed on a virtual screen (the baseline,
 * standard mode, gets Ink's bytes untouched so the bench compares like with like), and ASCII-only where the
 * locale is not UTF-8 (after the diff: every stand-in is one column, so the screen's geometry is the same).
 * `repaint` writes the whole screen again (in standard mode Ink's next frame does: it rewrites every line).
 */
function screenStream(stdout: NodeJS.WriteStream, capabilities: Capabilities): {stream: NodeJS.WriteStream; repaint: () => void} {
	const compact = capabilities.incremental ? createScreenDiff(streamSize(stdout)) : undefined;
	const text = capabilities.unicode ? (bytes: string) => bytes : toAscii;
	const repaint = () => {
		const bytes = compact?.repaint() ?? '';
		if (bytes !== '') stdout.write(text(bytes));
	};
	if (compact === undefined && capabilities.unicode) return {stream: stdout, repaint};
	return {stream: rewriteStream(stdout, (bytes) => text(compact === undefined ? bytes : compact(bytes))), repaint};
}

export async function runTui({source, polled, config, capabilities, classify, where, hooks, io}: TuiOptions): Promise<number> {
	const started = Date.now();
	let last: readonly ImportTask[] = [];
	let startupFault: PollFault | undefined;
	let doneCode: number | undefined;
	let doneNote = '';
	const screen = screenStream(io.stdout, capabilities);
	// Caught output goes to the notice line once the app listens; the last one before that is shown then. Told
	// after the current task: a warning printed while React renders must not update state in that render.
	let showNotice: ((text: string) => void) | undefined;
	let unshown: string | undefined;
	const notice = (line: string) =>
		queueMicrotask(() => {
			if (showNotice === undefined) unshown = line;
			else showNotice(line);
		});
	const stray = captureStrayOutput(notice);
	// A failing --on-event hook is said there too (its output never reaches the screen).
	hooks.onHookProblem = notice;
	// The history's lines (what it skipped, compacted or found too open): those said together share the notice line.
	let said: string[] = [];
	hooks.listenNotices((line) => {
		said.push(line);
		if (said.length > 1) return;
		queueMicrotask(() => {
			notice(said.join(' · '));
			said = [];
		});
	});
	const shellNotices = (show: (text: string) => void) => {
		showNotice = show;
		if (unshown !== undefined) show(unshown);
		unshown = undefined;
		return () => {
			showNotice = undefined;
		};
	};
	const signals = handleTuiSignals({
		write: (bytes) => io.stdout.write(bytes),
		setRawMode: (on) => {
			if (io.stdin.isTTY) io.stdin.setRawMode(on);
		},
		repaint: screen.repaint,
		size: () => `${io.stdout.columns}x${io.stdout.rows}`,
	});
	// The session folds the polls; the screen and the shell's news are its subscribers, side by side.
	const session = createWatchSession({source: polled, intervalMs: config.intervalMs, timers: realTimers, classify, stuckAfterMs: config.stuckAfterMs});
	subscribeShellNews(session, {
		onTasks: (tasks) => {
			last = tasks;
		},
		onStartupFault: (fault) => {
			if (!fatalAtStart(config, fault.kind)) return;
			startupFault = fault;
			instance.unmount();
		},
		onTransitions: hooks.onTransitions,
		...(config.untilDone
			? {
					onAllDone: (_tasks, code, nothing) => {
						doneCode = code;
						doneNote = nothingToWaitFor(config, nothing);
						instance.unmount();
					},
				}
			: {}),
	});
	const app = (alert?: string) => (
		<App
			alert={alert}
			session={session}
			where={where}
			intervalMs={config.intervalMs}
			timers={realTimers}
			theme={{color: capabilities.color, unicode: capabilities.unicode}}
			fetchedStates={config.states}
			canceller={config.allowCancel ? source : undefined}
			onCopy={hooks.onCopy}
			onRepaint={screen.repaint}
			onSuspend={signals.suspend}
			shellNotices={shellNotices}
		/>
	);
	const instance = render(app(), {
		stdout: screen.stream,
		stdin: io.stdin,
		stderr: io.stderr,
		interactive: true,
		alternateScreen: true,
		incrementalRendering: capabilities.incremental,
		maxFps: 10,
		exitOnCtrlC: false,
		// Console calls are caught with the rest of the stray output (terminal/stray-output.ts).
		patchConsole: false,
	});
	// A journal write that fails is said in the header from then on.
	hooks.onJournalFailure = (line) => instance.rerender(app(line));
	// SIGHUP means the terminal is gone: writes to it fail (EIO), and that must not become a crash.
	const ignoreWriteErrors = () => {};
	io.stdout.on('error', ignoreWriteErrors);
	const removeSignals = onSignals(() => instance.unmount());
	let fatal: {error: unknown} | undefined;
	let endFatal: () => void = () => {};
	const fatalEnd = new Promise<void>((resolve) => {
		endFatal = resolve;
	});
	const removeFatal = onFatalError((error) => {
		fatal = {error};
		try {
			instance.unmount();
		} catch {
			restoreTerminal(io);
		}
		endFatal();
	});
	try {
		await Promise.race([instance.waitUntilExit(), fatalEnd]);
	} catch (error) {
		// Ink caught an error while rendering; it has already left the alternate screen.
		fatal = {error};
	} finally {
		session.stop();
		removeSignals();
		removeFatal();
		signals.dispose();
		stray.restore();
		// Ink turns it off as it unmounts; said again for every other way out (a crash, a failed unmount).
		if (io.stdout.isTTY) io.stdout.write(bracketedPasteOff);
	}
	for (const line of strayLines(stray.messages(), stray.count())) io.stderr.write(textFor(capabilities)(`${line}\n`));
	if (fatal !== undefined) {
		io.stdout.write(textFor(capabilities)(`${summaryLine(last, Date.now() - started, io.stdout.columns)}\n`));
		io.stderr.write(`ec2-import-watch: stopped by an unexpected error: ${errorLine(fatal.error)}\n`);
		return 1;
	}
	if (startupFault !== undefined) {
		io.stderr.write(textFor(capabilities)(`ec2-import-watch: ${faultLine(startupFault)}\n`));
		return 2;
	}
	io.stdout.write(textFor(capabilities)(`${summaryLine(last, Date.now() - started, io.stdout.columns)}\n`));
	io.stderr.write(textFor(capabilities)(`${doneNote}${hooks.afterwards()}`));
	return exitCodeWith(doneCode ?? 0, hooks.journalFailure());
}
