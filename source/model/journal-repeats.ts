import {eventTaskKey} from './event-log.js';
import type {JournalEntry} from './history.js';

// Two watchers on one history store (two terminals, a second one started by mistake) each record the same
// transitions: the same change of the same task, a few seconds apart. Read back (the restart, the report), a
// transition recorded twice counts once. The file itself is never rewritten: what was written stays.

/** An entry the same as one of the same task at most this much earlier is a second watcher's record of it. */
export const repeatWindowMs = 2 * 60_000;

function sameness(entry: JournalEntry): string {
	return JSON.stringify([eventTaskKey(entry), entry.type, entry.status ?? null, entry.from ?? null, entry.to ?? null, entry.progress ?? null]);
}

/**
 * The entries ordered by time (stable: entries of the same time keep their order) without the repeats: an entry
 * of the same task, type, status, from, to and progress as one kept at most `repeatWindowMs` before it. (A task
 * that truly went back and forth twice within the window the same way counts once: the cost of the rule.)
 */
export function withoutRepeats<Entry extends JournalEntry>(entries: readonly Entry[]): Entry[] {
	const ordered = entries.every((entry, index) => index === 0 || (entries[index - 1]?.at ?? entry.at) <= entry.at)
		? entries
		: [...entries].sort((a, b) => a.at - b.at);
	const lastKept = new Map<string, number>();
	const kept: Entry[] = [];
	for (const entry of ordered) {
		const key = sameness(entry);
		const before = lastKept.get(key);
		if (before !== undefined && entry.at - before <= repeatWindowMs) continue;
		lastKept.set(key, entry.at);
		kept.push(entry);
	}
	return kept;
}
