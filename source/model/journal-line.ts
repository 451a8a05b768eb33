import type {JournalEntry} from './history.js';

// One transition as one line of JSON (JSON Lines). The schema is in the README: the entry's own fields, with
// its times as ISO strings and its type as `event`; absent fields are left out, so `jq` filters stay simple.
// Each line says its schema version (`"v":1`): a reader meeting a higher one knows the file is not for it.

/** The schema of the lines written; lines without `v` (written before it was added) are this version too. */
export const journalSchemaVersion = 1;

export type JournalRecord = Omit<JournalEntry, 'at' | 'type' | 'since' | 'taskId'> & {
	time: string;
	event: JournalEntry['type'];
	/** null for a task EC2 sent without an id. */
	taskId: string | null;
	since?: string;
};

export function journalRecord({at, type, since, taskId, ...fields}: JournalEntry): JournalRecord {
	return {
		time: new Date(at).toISOString(),
		event: type,
		taskId: taskId ?? null,
		...fields,
		...(since === undefined ? {} : {since: new Date(since).toISOString()}),
	};
}

export function journalLine(entry: JournalEntry): string {
	return `${JSON.stringify({v: journalSchemaVersion, ...journalRecord(entry)})}\n`;
}
