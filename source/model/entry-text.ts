import {formatClock} from './format.js';
import type {JournalEntry} from './history.js';

// A transition in words, for the details' timeline, the events view (e) and plain lines (one line per change).
// One seen after the fact (at a restart) says so: its time is when it was noticed, not when it happened.

export function describeEntry(entry: JournalEntry): string {
	return entry.late === true ? `while away: ${whatChanged(entry)}` : whatChanged(entry);
}

function whatChanged(entry: JournalEntry): string {
	switch (entry.type) {
		case 'first-seen':
			return `seen: ${entry.status ?? ''}${entry.message === undefined ? '' : `, ${entry.message}`}${entry.progress === undefined ? '' : ` ${entry.progress}%`}`;
		case 'new':
			return `new import: ${entry.status ?? ''}${entry.message === undefined ? '' : `, ${entry.message}`}`;
		case 'status':
			return `status ${entry.from ?? ''} → ${entry.to ?? ''}${entry.resultId === undefined ? '' : ` → ${entry.resultId}`}`;
		case 'message':
			return `${entry.from === '' ? '(none)' : entry.from} → ${entry.to === '' ? '(none)' : entry.to}`;
		case 'progress':
			return `passed ${entry.to ?? ''}${entry.from === undefined ? '' : ` (was ${entry.from})`}`;
		case 'stuck':
			return `stuck: no change since ${formatClock(entry.since ?? entry.at)}`;
		case 'gone':
			return 'no longer listed by EC2';
		default: {
			const unreachable: never = entry.type;
			return unreachable;
		}
	}
}
