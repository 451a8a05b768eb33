import type {JournalEntry} from './history.js';

// One transition as one line of JSON (JSON Lines). The schema is in the README; keys are stable and absent ones
// are left out, so `jq` filters stay simple.

export interface JournalRecord {
	time: string;
	event: JournalEntry['type'];
	taskId: string;
	region?: string;
	profile?: string;
	status?: string;
	from?: string;
	to?: string;
	progress?: number;
	message?: string;
	since?: string;
}

export function journalRecord(entry: JournalEntry): JournalRecord {
	return {
		time: new Date(entry.at).toISOString(),
		event: entry.type,
		taskId: entry.taskId,
		...(entry.region === undefined ? {} : {region: entry.region}),
		...(entry.profile === undefined ? {} : {profile: entry.profile}),
		...(entry.status === undefined ? {} : {status: entry.status}),
		...(entry.from === undefined ? {} : {from: entry.from}),
		...(entry.to === undefined ? {} : {to: entry.to}),
		...(entry.progress === undefined ? {} : {progress: entry.progress}),
		...(entry.message === undefined ? {} : {message: entry.message}),
		...(entry.since === undefined ? {} : {since: new Date(entry.since).toISOString()}),
	};
}

export function journalLine(entry: JournalEntry): string {
	return `${JSON.stringify(journalRecord(entry))}\n`;
}
