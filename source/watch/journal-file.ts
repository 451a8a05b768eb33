import {closeSync, constants, fstatSync, openSync, type Stats, statfsSync, statSync, writeSync} from 'node:fs';
import type {JournalEntry} from '../model/history.js';
import {journalLine} from '../model/journal-line.js';

// --journal FILE: every transition appended as a JSON line. Opened for appending only, so a restarted watcher
// continues the same file. Checked at start-up, so a path that cannot be written is a one-line error, not a
// surprise hours later: only a regular file will do (a FIFO, a device such as /dev/full, a directory or a file
// of /proc or /sys would swallow the lines, fail on every write, or hang the start). Nothing here can block: the
// path is looked at before it is opened, and opened non-blocking (a FIFO with no reader fails instead of
// waiting). A write that fails later is said once, through `failure`, and the journal stops there.

export interface Journal {
	append(entries: readonly JournalEntry[]): void;
	/** Set once a write failed: one line saying so (the shell shows it and exits non-zero). */
	readonly failure: string | undefined;
	close(): Promise<void>;
}

export interface JournalOptions {
	/** Told the failure line once, when a write first fails. */
	onFailure?: (line: string) => void;
	/** For the failure line's time; default Date.now. */
	now?: () => number;
}

/** Filesystems whose "files" are not storage: writes go to the kernel, or nowhere. */
const pseudoFilesystems: ReadonlyMap<number, string> = new Map([
	[0x9fa0, '/proc'],
	[0x62656572, '/sys'],
	[0x64626720, 'debugfs'],
	[0x63677270, 'cgroup'],
	[0x27e0eb, 'cgroup'],
]);

const keepGoing = () => {};

function codeOf(error: unknown): string {
	return error instanceof Error && 'code' in error ? String(error.code) : String(error);
}

/** Why a path that exists is not a journal, or undefined when it is a regular file. */
function notRegular(stats: Stats): string | undefined {
	if (stats.isFile()) return undefined;
	if (stats.isFIFO()) return 'a FIFO, not a regular file';
	if (stats.isDirectory()) return 'a directory, not a regular file';
	if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device, not a regular file';
	if (stats.isSocket()) return 'a socket, not a regular file';
	return 'not a regular file';
}

function onPseudoFilesystem(path: string): string | undefined {
	try {
		const where = pseudoFilesystems.get(statfsSync(path).type);
		return where === undefined ? undefined : `a file of ${where}, not a regular file`;
	} catch {
		return undefined;
	}
}

/** Throws an Error whose message is fit for one line when the file cannot be a journal. */
export function openJournal(path: string, options: JournalOptions = {}): Journal {
	const refuse = (reason: string): never => {
		throw new Error(`cannot append to the journal ${path} (${reason})`);
	};
	// Before opening (follows symlinks: a link to /dev/full is a device): opening a FIFO could block.
	let existing: Stats | undefined;
	try {
		existing = statSync(path);
	} catch (error) {
		if (codeOf(error) !== 'ENOENT') refuse(codeOf(error));
	}
	const before = existing === undefined ? undefined : (notRegular(existing) ?? onPseudoFilesystem(path));
	if (before !== undefined) refuse(before);
	let fd: number;
	try {
		fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NONBLOCK, 0o644);
	} catch (error) {
		return refuse(codeOf(error));
	}
	// And after: the path may have been swapped in between.
	const after = notRegular(fstatSync(fd));
	if (after !== undefined) {
		closeSync(fd);
		refuse(after);
	}
	// A file size limit (ulimit -f) must fail the write with EFBIG, as Node arranges, not end the watcher: Ink's
	// signal-exit listens to SIGXFSZ and re-raises it when it is the only listener. Kept to the end (Node's
	// compile cache is written at exit, under the same limit).
	if (!process.listeners('SIGXFSZ').includes(keepGoing)) process.on('SIGXFSZ', keepGoing);
	let failure: string | undefined;
	let open = true;
	const now = options.now ?? Date.now;
	const write = (text: string) => {
		const bytes = Buffer.from(text);
		let written = 0;
		while (written < bytes.length) written += writeSync(fd, bytes, written);
	};
	return {
		append(entries) {
			if (failure !== undefined || !open || entries.length === 0) return;
			try {
				write(entries.map(journalLine).join(''));
			} catch (error) {
				failure = `the journal ${path} could not be written (${codeOf(error)}) at ${new Date(now()).toISOString()}: transitions since then are not in it`;
				options.onFailure?.(failure);
			}
		},
		get failure() {
			return failure;
		},
		close: async () => {
			if (!open) return;
			open = false;
			closeSync(fd);
		},
	};
}
