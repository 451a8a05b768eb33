import {render} from 'ink';
import {App} from '../app.js';
import type {ImportTask} from '../model/import-task.js';
import type {PollFault} from '../model/poll-events.js';
import type {WatchConfig} from './options.js';
import {faultLine} from '../model/fault-text.js';
import {afterSummary, exitCodeWith, fatalAtStart, type Io, onSignals, summaryLine, textFor, untilDoneCode} from './exit-lines.js';
import type {ShellHooks} from './shell-hooks.js';
import type {WatchSource} from './sources.js';
import {toAscii} from '../text/ascii-glyphs.js';
import type {Capabilities} from '../terminal/capabilities.js';
import {rewriteStream, streamSize} from '../terminal/output-stream.js';
import {createScreenDiff} from '../terminal/screen-diff.js';
import {errorLine, onFatalError, restoreTerminal} from '../terminal/screen-guard.js';
import {realTimers} from '../watch/poller.js';

// The TUI: Ink on the alternate screen, redrawing only what changed, and every way out restoring the terminal.

export interface TuiOptions {
	source: WatchSource;
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
 */
function screenStream(stdout: NodeJS.WriteStream, capabilities: Capabilities): NodeJS.WriteStream {
	const compact = capabilities.incremental ? createScreenDiff(streamSize(stdout)) : undefined;
	if (compact === undefined && capabilities.unicode) return stdout;
	return rewriteStream(stdout, (text) => {
		const compacted = compact === undefined ? text : compact(text);
		return capabilities.unicode ? compacted : toAscii(compacted);
	});
}

export async function runTui({source, config, capabilities, classify, where, hooks, io}: TuiOptions): Promise<number> {
	const started = Date.now();
	let last: readonly ImportTask[] = [];
	let startupFault: PollFault | undefined;
	let doneCode: number | undefined;
	const app = (alert?: string) => (
		<App
			alert={alert}
			source={source}
			where={where}
			intervalMs={config.intervalMs}
			timers={realTimers}
			classify={classify}
			theme={{color: capabilities.color, unicode: capabilities.unicode}}
			onTasks={(tasks) => {
				last = tasks;
			}}
			onStartupFault={(fault) => {
				if (!fatalAtStart(config, fault.kind)) return;
				startupFault = fault;
				instance.unmount();
			}}
			stuckAfterMs={config.stuckAfterMs}
			canceller={config.allowCancel ? source : undefined}
			onTransitions={hooks.onTransitions}
			onCopy={hooks.onCopy}
			onAllDone={
				config.untilDone
					? (tasks) => {
							doneCode = untilDoneCode(tasks);
							instance.unmount();
						}
					: undefined
			}
		/>
	);
	const instance = render(app(), {
		stdout: screenStream(io.stdout, capabilities),
		stdin: io.stdin,
		stderr: io.stderr,
		interactive: true,
		alternateScreen: true,
		incrementalRendering: capabilities.incremental,
		maxFps: 10,
		exitOnCtrlC: false,
		patchConsole: true,
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
		removeSignals();
		removeFatal();
	}
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
	io.stderr.write(textFor(capabilities)(afterSummary(hooks.journalFailure())));
	return exitCodeWith(doneCode ?? 0, hooks.journalFailure());
}
