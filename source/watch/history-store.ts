import {
	accessSync,
	closeSync,
	constants,
	fsyncSync,
	linkSync,
	mkdirSync,
	openSync,
	renameSync,
	rmSync,
	type Stats,
	statSync,
	unlinkSync,
	writeSync,
} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {formatBytes} from '../model/format.js';
import type {JournalEntry} from '../model/history.js';
import type {ImportTask} from '../model/import-task.js';
import {type JournalScan, lineTime, parseJournalLine, parseJournalTextFor} from '../model/journal-read.js';
import {historyFile} from './history-paths.js';
import {codeOf, type Journal, openJournal} from './journal-file.js';

// The history store: every transition, kept in the XDG state directory (history-paths.ts) so that a restart picks
// up where the last run left off. The same JSON lines as --journal, written by the same writer (journal-file.ts).
// Private (the directory 0700, the file 0600: descriptions, buckets and ARNs are the customer's; an existing one
// more open is said, never changed) and bounded (compacted at start when over the cap). Anything wrong with it
// (a directory that cannot be written, a path that is not a regular file, a file of a later schema) is one line,
// and the watcher runs on without history; nothing of the user's is ever deleted or cut.

/** Over this, the store is compacted at start. */
export const historyCapBytes = 10 * 1024 * 1024;
/** A store larger than this is not read at all: it is rotated aside whole and a new one started. */
export const historyReadLimitBytes = 64 * 1024 * 1024;
/** Entries of tasks EC2 no longer lists are dropped at compaction once the task's last entry is this old. */
export const historyKeepMs = 30 * 86_400_000;

export interface HistoryOptions {
	/** The state directory; undefined with --no-history (then only an existing --journal file is read back). */
	directory?: string;
	/** Why there is no directory although history was not turned off: said as the first line. */
	offBecause?: string;
	/** --journal FILE: read back too when it exists (never compacted: it is the user's file). */
	journal?: string;
	now: () => number;
	/**
	 * Lines said once: what was skipped, compacted or found too open; history turned off. `keep`: a line to say
	 * again after the watch ends (history turned off, lines that could not be read).
	 */
	onNotice?: (line: string, keep?: boolean) => void;
	/** A write that failed while running (said as a journal's failure is). */
	onFailure?: (line: string) => void;
	capBytes?: number;
}

export interface HistoryStore {
	/** Reads the store and an existing --journal file from disk. Once; begun by the first poll, after the first frame. */
	read(): Promise<void>;
	/**
	 * After the first good poll, with its tasks: the entries read back for them (only their lines are parsed), said
	 * once what could not be read; then the store is compacted if over the cap (knowing what EC2 still lists) and
	 * opened for appending.
	 */
	load(listed: readonly ImportTask[]): JournalEntry[];
	/** After load: the newest entry's time of any task in the store or the --journal file; undefined when both are empty. */
	lastAt(): number | undefined;
	append(entries: readonly JournalEntry[]): void;
	readonly failure: string | undefined;
	close(): Promise<void>;
}

function statOrUndefined(path: string): Stats | undefined {
	try {
		return statSync(path);
	} catch (error) {
		if (codeOf(error) === 'ENOENT') return undefined;
		throw error;
	}
}

const modeText = (stats: Stats) => (stats.mode & 0o777).toString(8).padStart(3, '0');

/** The directory made ready (created 0700), or why history is off; notes what is more open than it should be. */
function prepare(directory: string, note: (line: string) => void): string | undefined {
	try {
		mkdirSync(directory, {recursive: true, mode: 0o700});
		const stats = statSync(directory);
		if (!stats.isDirectory()) return `${directory} is not a directory`;
		accessSync(directory, constants.R_OK | constants.W_OK | constants.X_OK);
		if ((stats.mode & 0o077) !== 0) note(`history: ${directory} is open to other users (mode ${modeText(stats)}); chmod 700 it to keep the history private`);
		const file = statOrUndefined(historyFile(directory));
		if (file === undefined) return undefined;
		if (!file.isFile()) return `${historyFile(directory)} is not a regular file`;
		accessSync(historyFile(directory), constants.R_OK | constants.W_OK);
		if ((file.mode & 0o077) !== 0) note(`history: ${historyFile(directory)} is open to other users (mode ${modeText(file)}); chmod 600 it to keep it private`);
		return undefined;
	} catch (error) {
		return `${directory} cannot be used (${codeOf(error)})`;
	}
}

/** A file's text, or '' when it does not exist; a file over the limit is not read (undefined). */
async function readText(path: string, limit: number): Promise<string | undefined> {
	const stats = statOrUndefined(path);
	if (stats === undefined) return '';
	if (!stats.isFile()) throw Object.assign(new Error('not a regular file'), {code: 'not a regular file'});
	if (stats.size > limit) return undefined;
	return readFile(path, 'utf8');
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** A path as its last three parts (`…/state/ec2-import-watch/history.jsonl`): a notice keeps its end, the file's name. */
export function shortPath(path: string): string {
	const parts = path.split('/');
	return parts.length <= 4 ? path : `…/${parts.slice(-3).join('/')}`;
}

/** Lines at the end of a file read to find its newest time (two watchers may leave the last few out of order). */
const tailLines = 32;

/** The newest time among the last lines of a file (each line's time read as the compaction reads it). */
function newestTime(lines: readonly string[]): number | undefined {
	let newest: number | undefined;
	for (const line of lines.slice(-tailLines)) {
		const at = lineTime(line);
		if (at !== undefined && (newest === undefined || at > newest)) newest = at;
	}
	return newest;
}

export function openHistoryStore(options: HistoryOptions): HistoryStore {
	const note = options.onNotice ?? (() => {});
	const cap = options.capBytes ?? historyCapBytes;
	let directory = options.directory;
	let lastAt: number | undefined;
	const off = (reason: string) => {
		note(`history is off: ${reason}; the watcher runs on without it (nothing there was changed)`, true);
		directory = undefined;
	};
	if (options.offBecause !== undefined) off(options.offBecause);
	if (directory !== undefined) {
		const problem = prepare(directory, note);
		if (problem !== undefined) off(problem);
	}
	const journal = options.journal;
	let reading: Promise<void> | undefined;
	let storeText: string | undefined;
	let journalText: string | undefined;
	let writer: Journal | undefined;
	let loaded = false;

	const readStore = async (from: string): Promise<void> => {
		const file = historyFile(from);
		try {
			const text = await readText(file, historyReadLimitBytes);
			if (text !== undefined) {
				storeText = text;
				return;
			}
			rotateAside(from);
			note(`history: ${file} was over ${formatBytes(historyReadLimitBytes)}, so it was not read: kept whole as history.1.jsonl, a new one started`);
		} catch (error) {
			off(`${file} cannot be read (${codeOf(error)})`);
		}
	};
	const readJournal = async (path: string): Promise<void> => {
		const text = await readText(path, historyReadLimitBytes).catch((error: unknown) => {
			note(`the journal ${path} cannot be read back (${codeOf(error)})`);
			return '';
		});
		if (text === undefined) note(`the journal ${path} is over ${formatBytes(historyReadLimitBytes)}: not read back`);
		journalText = text;
	};
	/** The listed tasks' entries in a file's text (and its lines); undefined for a file of a later schema. */
	const scan = (text: string, label: string, path: string, wanted: (taskId: string | null) => boolean): JournalScan | undefined => {
		const parsed = parseJournalTextFor(text, wanted);
		if (parsed.future > 0) return undefined;
		const newest = newestTime(parsed.lines);
		if (newest !== undefined && (lastAt === undefined || newest > lastAt)) lastAt = newest;
		// The label first and the count at the end: a narrow notice bar cuts the middle, so the path from its left.
		if (parsed.unreadable > 0) note(`${label}: ${shortPath(path)}, left in the file: ${plural(parsed.unreadable, 'torn or foreign line')} skipped`, true);
		return parsed;
	};

	/** The entries of the listed tasks; compacts and opens the store. */
	const loadFor = (listed: readonly ImportTask[]): JournalEntry[] => {
		const ids = new Set(listed.map((task) => task.importTaskId ?? null));
		const wanted = (taskId: string | null) => ids.has(taskId);
		let store: JournalScan | undefined;
		if (directory !== undefined && storeText !== undefined) {
			const file = historyFile(directory);
			store = scan(storeText, 'history', file, wanted);
			if (store === undefined) off(`${file} was written by a newer ec2-import-watch (a later schema)`);
		}
		let fromJournal: JournalEntry[] = [];
		if (journal !== undefined && journalText !== undefined) {
			const found = scan(journalText, 'the journal', journal, wanted);
			if (found === undefined) note(`the journal ${journal} was written by a newer ec2-import-watch (a later schema): not read back`);
			else fromJournal = found.entries;
		}
		journalText = undefined;
		if (directory !== undefined) {
			const file = historyFile(directory);
			if (store !== undefined && storeText !== undefined && Buffer.byteLength(storeText) > cap) {
				try {
					note(compact(directory, store, ids, options.now(), cap));
				} catch (error) {
					note(`history: ${file} could not be compacted (${codeOf(error)}); it is left as it was`);
				}
			}
			try {
				writer = openJournal(file, {mode: 0o600, label: 'the history', now: options.now, onFailure: options.onFailure, onReopen: note});
			} catch (error) {
				off(error instanceof Error ? error.message : String(error));
			}
		}
		storeText = undefined;
		return mergeEntries(store?.entries ?? [], fromJournal);
	};

	return {
		read() {
			reading ??= Promise.all([directory === undefined ? undefined : readStore(directory), journal === undefined ? undefined : readJournal(journal)]).then(
				() => {},
			);
			return reading;
		},
		load(listed) {
			if (loaded) return [];
			loaded = true;
			// Never a reason for the poll to fail: whatever goes wrong here is said, and the watcher runs on without.
			try {
				return loadFor(listed);
			} catch (error) {
				off(`it could not be read back (${error instanceof Error ? error.message : String(error)})`);
				return [];
			}
		},
		lastAt: () => lastAt,
		append(entries) {
			writer?.append(entries);
		},
		get failure() {
			return writer?.failure;
		},
		async close() {
			loaded = true;
			await writer?.close();
		},
	};
}

/** The store's entries, then those of the journal the store does not have (both are written with the same lines). */
function mergeEntries(store: JournalEntry[], journal: JournalEntry[]): JournalEntry[] {
	if (journal.length === 0) return store;
	if (store.length === 0) return journal;
	const known = new Set(store.map((entry) => JSON.stringify(entry)));
	return [...store, ...journal.filter((entry) => !known.has(JSON.stringify(entry)))];
}

/** history.jsonl → history.1.jsonl (replacing an older rotation), without a moment where history.jsonl is missing. */
function rotateAside(directory: string, replacement?: string): void {
	const file = historyFile(directory);
	const rotated = join(directory, 'history.1.jsonl');
	const link = join(directory, `.history.1.${process.pid}.tmp`);
	linkSync(file, link);
	renameSync(link, rotated);
	if (replacement === undefined) unlinkSync(file);
	else renameSync(replacement, file);
}

/**
 * Keeps the lines of tasks still listed and of the last 30 days (at most half the cap of them, the newest), written
 * to a new file 0600 that is renamed over the store; the whole old file stays as history.1.jsonl. Tasks are told
 * apart by their id here (a line is kept when any task of that id is listed or recent: never fewer). Returns the
 * line that says so.
 */
function compact(directory: string, {lines, ids}: Pick<JournalScan, 'lines' | 'ids'>, listed: ReadonlySet<string | null>, now: number, cap: number): string {
	// Each line's task (a line not in our writer's shape is parsed; one that cannot be is dropped: it stays in
	// history.1.jsonl), and each task's newest time, from its last line (a line's time is read once per task).
	const tasks = lines.map((line, index) => {
		const peeked = ids[index];
		if (peeked !== undefined) return peeked;
		const entry = parseJournalLine(line);
		return entry === undefined ? undefined : (entry.taskId ?? null);
	});
	const recent = new Map<string | null, boolean>();
	const kept: string[] = [];
	let bytes = 0;
	for (let index = lines.length - 1; index >= 0; index--) {
		const task = tasks[index];
		const line = lines[index];
		if (task === undefined || line === undefined) continue;
		let young = recent.get(task);
		if (young === undefined) {
			young = (lineTime(line) ?? 0) >= now - historyKeepMs;
			recent.set(task, young);
		}
		if (!listed.has(task) && !young) continue;
		bytes += Buffer.byteLength(line) + 1;
		if (bytes > cap / 2) break;
		kept.push(line);
	}
	kept.reverse();
	const temp = join(directory, `.history.${process.pid}.tmp`);
	const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
	try {
		const body = Buffer.from(kept.length === 0 ? '' : `${kept.join('\n')}\n`);
		let written = 0;
		while (written < body.length) written += writeSync(fd, body, written);
		fsyncSync(fd);
		closeSync(fd);
		rotateAside(directory, temp);
	} catch (error) {
		rmSync(temp, {force: true});
		throw error;
	}
	return `history: ${historyFile(directory)} was over ${formatBytes(cap)}: kept ${kept.length} of ${lines.length} lines (tasks still listed, the last 30 days); the whole old file is kept as history.1.jsonl`;
}
