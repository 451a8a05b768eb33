import {closeSync, createWriteStream, openSync} from 'node:fs';
import type {JournalEntry} from '../model/history.js';
import {journalLine} from '../model/journal-line.js';

// --journal FILE: every transition appended as a JSON line. Opened for appending only, so a restarted watcher
// continues the same file. Checked at start-up, so a path that cannot be written is a one-line error, not a
// surprise hours later.

export interface Journal {
	append(entries: readonly JournalEntry[]): void;
	close(): Promise<void>;
}

/** Throws an Error whose message is fit for one line when the file cannot be opened for appending. */
export function openJournal(path: string): Journal {
	try {
		closeSync(openSync(path, 'a'));
	} catch (error) {
		const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
		throw new Error(`cannot append to the journal ${path} (${reason})`);
	}
	const stream = createWriteStream(path, {flags: 'a'});
	let failed = false;
	stream.on('error', () => {
		failed = true;
	});
	return {
		append(entries) {
			if (failed || entries.length === 0) return;
			stream.write(entries.map(journalLine).join(''));
		},
		close: () => new Promise<void>((resolve) => stream.end(resolve)),
	};
}
