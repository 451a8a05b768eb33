import {toAscii} from '../text/ascii-glyphs.js';
import type {Capabilities} from '../terminal/capabilities.js';
import {notifyDroppedLine, notifyMethodsFor} from '../terminal/notifier.js';
import {errorLine} from '../terminal/screen-guard.js';
import {classifyError} from '../watch/classify-error.js';
import {withHistory} from '../watch/history-source.js';
import {realTimers} from '../watch/poller.js';
import {exitOnClosedPipe} from './closed-pipe.js';
import {hookLines, type Io, textFor} from './exit-lines.js';
import {placeOf, type WatchConfig} from './options.js';
import {runOnce} from './run-once.js';
import {runPlain} from './plain-lines.js';
import {createShellHooks, type ShellHooks} from './shell-hooks.js';
import {createSource} from './sources.js';

// Picks the way of running the terminal allows: once, as plain lines, or as the TUI (run-tui.tsx, loaded only
// then: Ink and React are not needed for --once). Returns the exit code.

/** A whole import plays out in about two minutes in --demo. */
const demoImportMs = 120_000;

async function startDemo(): Promise<{endpoint: string; stop: () => Promise<void>}> {
	const {createSimulator, typicalImportMs} = await import('../simulator/server.js');
	// Image imports and, for the data disks, snapshot imports: the watcher lists both.
	const simulator = createSimulator({seed: Date.now() % 100_000, speed: typicalImportMs / demoImportMs, tasks: 16, snapshotTasks: 5});
	const endpoint = await simulator.listen();
	return {endpoint, stop: () => simulator.close()};
}

export async function runWatch(config: WatchConfig, capabilities: Capabilities, io: Io): Promise<number> {
	let hooks: ShellHooks;
	// Notifications only where a terminal shows them (plain lines into a file stay plain).
	const output = {tty: io.stdout.isTTY === true, escapes: capabilities.tui};
	const notify = notifyMethodsFor(config.notify, output);
	if (notify.dropped.length > 0) io.stderr.write(`${notifyDroppedLine(notify.dropped, output)}\n`);
	try {
		hooks = createShellHooks({...config, notify: notify.methods}, (bytes) => io.stdout.write(bytes), capabilities.tmux, realTimers);
	} catch (error) {
		// Our own one-line message (e.g. the journal cannot be written), without the error's class name.
		io.stderr.write(`ec2-import-watch: ${error instanceof Error ? error.message : errorLine(error)}\n`);
		return 2;
	}
	const demo = config.demo ? await startDemo() : undefined;
	const classify = (error: unknown) => classifyError(error, config.errorContext);
	const credentials = demo === undefined ? undefined : {accessKeyId: 'demo', secretAccessKey: 'demo'};
	const source = createSource(config, demo?.endpoint ?? config.endpoint, credentials, realTimers);
	const where = demo === undefined ? placeOf(config, source.describe) : `demo simulator at ${demo.endpoint}`;
	try {
		// Plain output (no TTY, --once into a file or a pipe) is for logs, pipes and grep: ASCII whatever the locale;
		// `--once` on a terminal follows its locale, as the TUI does. `| head` ends it quietly (the journal written
		// to its end first).
		if (config.once || !capabilities.tui) exitOnClosedPipe([io.stdout, io.stderr], (code) => void hooks.close().finally(() => process.exit(code)));
		if (config.once) return await runOnce(source, config, classify, toAscii, io, capabilities.unicode && io.stdout.isTTY === true);
		// What is polled: the source, its first good poll carrying the history read back.
		const polled = withHistory(source, hooks.history);
		if (!capabilities.tui) return await runPlain(polled, config, classify, hooks, toAscii, io);
		const {runTui} = await import('./run-tui.js');
		return await runTui({source, polled, config, capabilities, classify, where, hooks, io});
	} finally {
		source.destroy();
		// Under --until-done the last events are what a script waits for: their hooks may finish first.
		await hooks.close(config.untilDone);
		io.stderr.write((capabilities.tui ? textFor(capabilities) : toAscii)(hookLines(hooks.hookSummary())));
		await demo?.stop();
	}
}
