import {format} from 'node:util';
import {sanitize} from '../text/sanitize.js';

// While the TUI is up nothing but the renderer may write to the terminal: anything else would stay on screen
// (the diff only redraws what Ink changed) or scroll it. Process warnings (process.emitWarning), library output to
// stderr (the AWS SDK's "Multiple credential sources detected") and console calls are caught here instead, each as
// one sanitised line: told to `onMessage` (the notice line) and kept for the exit summary. Stdout itself is not
// patched: it is the renderer's.

// The rest (table, group, assert, count, timeEnd …) write through log and warn.
const consoleMethods = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'dirxml'] as const;
type ConsoleMethod = (typeof consoleMethods)[number];

/** How many different messages are kept for the summary (a library in a loop must not grow memory). */
const keptMessages = 20;

export interface StrayTargets {
	process: Pick<NodeJS.Process, 'listeners' | 'on' | 'off'>;
	console: Pick<Console, ConsoleMethod>;
	stderr: Pick<NodeJS.WriteStream, 'write'>;
}

export interface StrayCapture {
	/** The different messages caught so far, one line each, in order of first appearance. */
	messages(): readonly string[];
	/** How many messages were caught in all, repeats included. */
	count(): number;
	/** Puts every patched function and Node's own warning printer back. */
	restore(): void;
}

/** One message as one line: whitespace runs (line breaks included) become one space, then the sanitiser. */
export function oneLine(text: string): string {
	return sanitize(text.replace(/\s+/g, ' ').trim());
}

export function captureStrayOutput(onMessage: (line: string) => void, targets: StrayTargets = {process, console, stderr: process.stderr}): StrayCapture {
	const kept: string[] = [];
	let total = 0;
	const take = (text: string) => {
		const line = oneLine(text);
		if (line === '') return;
		total++;
		if (!kept.includes(line) && kept.length < keptMessages) kept.push(line);
		onMessage(line);
	};

	// Node prints warnings through its own 'warning' listener; it is taken off while the TUI is up.
	const printers = targets.process.listeners('warning');
	for (const printer of printers) targets.process.off('warning', printer);
	const onWarning = (warning: Error) => take(`${warning.name}: ${warning.message}`);
	targets.process.on('warning', onWarning);

	const originals = new Map<ConsoleMethod, Console[ConsoleMethod]>();
	for (const method of consoleMethods) {
		originals.set(method, targets.console[method]);
		targets.console[method] = (...data: unknown[]) => take(format(...data));
	}

	const write = targets.stderr.write;
	const caughtWrite = (
		chunk: Uint8Array | string,
		encoding?: BufferEncoding | ((error?: Error | null) => void),
		callback?: (error?: Error | null) => void,
	): boolean => {
		take(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
		const done = typeof encoding === 'function' ? encoding : callback;
		if (done !== undefined) queueMicrotask(() => done(null));
		return true;
	};
	targets.stderr.write = caughtWrite;

	let restored = false;
	return {
		messages: () => kept,
		count: () => total,
		restore() {
			if (restored) return;
			restored = true;
			targets.stderr.write = write;
			for (const [method, original] of originals) targets.console[method] = original;
			targets.process.off('warning', onWarning);
			for (const printer of printers) targets.process.on('warning', printer);
		},
	};
}
