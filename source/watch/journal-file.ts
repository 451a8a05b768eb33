import {closeSync, constants, fstatSync, openSync, readSync, type Stats, statfsSync, statSync, writeSync} from 'node:fs';
import type {JournalEntry} from '../model/history.js';
import {journalLine} from '../model/journal-line.js';

// --journal FILE: every transition appended as a JSON line. Opened for appending only, so a restarted watcher
// continues the same file. Checked at start-up, so a path that cannot be written is a one-line error, not a
// surprise hours later: only a regular file will do (a FIFO, a device such as /dev/full, a directory or a file
// of /proc or /sys would swallow the lines, fail on every write, or hang the start). Nothing here can block: the
// path is looked at before it is opened, and opened non-blocking (a FIFO with no reader fails instead of
// waiting). A write that fails later is said once, through `failure`, and the journal stops there.
// The one writer of JSON lines: the --journal file and the history store (watch/history-store.ts) alike. Each
// batch of lines is one write() to a file opened O_APPEND, so two watchers appending at once never interleave
// inside a line; a half line left by a crash or a full disk is ended with a newline before the next line, so every
// line starts on a line of its own. A file deleted or moved away while running (rm, mv, logrotate) is noticed at
// the next append (the path's inode is no longer the open file's) and opened again at its path.

export interface Journal {
	append(entries: readonly JournalEntry[]): void;
	/** Set once a write failed: one line saying so (the shell shows it and exits non-zero). */
	readonly failure: string | undefined;
	close(): Promise<void>;
}

export interface JournalOptions {
	/** Told the failure line once, when a write first fails. */
	onFailure?: (line: string) => void;
	/** Told each time the file was deleted or moved away and is opened again at its path. */
	onReopen?: (line: string) => void;
	/** For the failure line's time; default Date.now. */
	now?: () => number;
	/** Permissions of a file this creates (an existing file keeps its own); default 0644. */
	mode?: number;
	/** What the file is, in the lines said about it; default "the journal". */
	label?: string;
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

/** An error's code (ENOENT, EACCES …), or the error as text: for one-line messages about files. */
export function codeOf(error: unknown): string {
	return error instanceof Error && 'code' in error ? String(error.code) : String(error);
}

/** Why openChecked refused, in its own words. */
function reasonOf(error: unknown): string {
	return error instanceof Error && 'reason' in error ? String(error.reason) : codeOf(error);
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
	const label = options.label ?? 'the journal';
	let fd = openChecked(path, options.mode ?? 0o644, label);
	// A file size limit (ulimit -f) must fail the write with EFBIG, as Node arranges, not end the watcher: Ink's
	// signal-exit listens to SIGXFSZ and re-raises it when it is the only listener. Kept to the end (Node's
	// compile cache is written at exit, under the same limit).
	if (!process.listeners('SIGXFSZ').includes(keepGoing)) process.on('SIGXFSZ', keepGoing);
	let failure: string | undefined;
	/** Still appending (not after close, nor once the file could not be made again). */
	let open = true;
	let closed = false;
	const now = options.now ?? Date.now;
	const at = () => new Date(now()).toISOString();
	const fail = (line: string) => {
		failure = line;
		options.onFailure?.(line);
	};
	/** The file at the path is still the one open; else it is opened again there. False when it cannot be. */
	const follow = (): boolean => {
		if (samePlace(fd.fd, path)) return true;
		closeSync(fd.fd);
		try {
			fd = openChecked(path, options.mode ?? 0o644, label);
		} catch (error) {
			// Its descriptor is closed already.
			open = false;
			closed = true;
			fail(`${label} ${path} was moved or deleted, and cannot be made again (${reasonOf(error)}) at ${at()}: transitions since then are not in it`);
			return false;
		}
		options.onReopen?.(`${label} ${path} was moved or deleted at ${at()}: appending to a new file at that path`);
		return true;
	};
	return {
		append(entries) {
			if (failure !== undefined || !open || entries.length === 0) return;
			try {
				if (!follow()) return;
				const text = entries.map(journalLine).join('');
				writeWhole(fd.fd, endsHalfLine(fd) ? `\n${text}` : text);
			} catch (error) {
				fail(`${label} ${path} could not be written (${codeOf(error)}) at ${at()}: transitions since then are not in it`);
			}
		},
		get failure() {
			return failure;
		},
		close: async () => {
			if (closed) return;
			closed = true;
			open = false;
			closeSync(fd.fd);
		},
	};
}

interface OpenFile {
	fd: number;
	/** Opened for reading too, so the last byte can be looked at (not when the file is write-only to us). */
	readable: boolean;
}

/** Opens `path` for appending after checking it is a regular file; throws a one-line Error otherwise. */
function openChecked(path: string, mode: number, label: string): OpenFile {
	const refuse = (reason: string): never => {
		throw Object.assign(new Error(`cannot append to ${label} ${path} (${reason})`), {reason});
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
	const flags = constants.O_APPEND | constants.O_CREAT | constants.O_NONBLOCK;
	let file: OpenFile;
	try {
		file = {fd: openSync(path, constants.O_RDWR | flags, mode), readable: true};
	} catch (error) {
		if (codeOf(error) !== 'EACCES') return refuse(codeOf(error));
		try {
			file = {fd: openSync(path, constants.O_WRONLY | flags, mode), readable: false};
		} catch (again) {
			return refuse(codeOf(again));
		}
	}
	// And after: the path may have been swapped in between.
	const after = notRegular(fstatSync(file.fd));
	if (after !== undefined) {
		closeSync(file.fd);
		refuse(after);
	}
	return file;
}

/** Whether the path still names the open file (not deleted, not moved away and replaced). */
function samePlace(fd: number, path: string): boolean {
	const open = fstatSync(fd);
	try {
		const there = statSync(path);
		return there.ino === open.ino && there.dev === open.dev;
	} catch {
		return false;
	}
}

/** Whether the file ends inside a line (a crash or a full disk cut the last write short). */
function endsHalfLine(file: OpenFile): boolean {
	if (!file.readable) return false;
	const {size} = fstatSync(file.fd);
	if (size === 0) return false;
	const last = Buffer.alloc(1);
	return readSync(file.fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a;
}

/** One write() for the whole batch; only a short write (a signal, a disk filling up) takes another. */
function writeWhole(fd: number, text: string): void {
	const bytes = Buffer.from(text);
	let written = 0;
	while (written < bytes.length) written += writeSync(fd, bytes, written);
}
