import {displayWidth, truncateToWidth} from '../text/text-width.js';
import {formatClock} from './format.js';
import type {JournalEntry} from './history.js';

// A transition in words, for the details' timeline, the events view (e) and plain lines (one line per change).
// One seen after the fact (at a restart) says so: its time is when it was noticed, not when it happened.

/** A status message as a change shows it: `(none)` for one EC2 cleared. */
const messageText = (message: string | undefined): string => (message === '' ? '(none)' : (message ?? ''));

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
			return `${messageText(entry.from)} → ${messageText(entry.to)}`;
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

/** The fewest columns an old value is shortened to before a line gives up and wraps. */
const oldValueMin = 6;

/**
 * What changed within `width` columns where it can be: the old value of a message change is shortened first (the
 * new one is the news); undefined when even so it does not fit (the caller wraps the whole, losing nothing).
 */
export function describeEntryWithin(entry: JournalEntry, width: number): string | undefined {
	const whole = describeEntry(entry);
	if (displayWidth(whole) <= width) return whole;
	if (entry.type !== 'message') return undefined;
	const to = ` → ${messageText(entry.to)}`;
	const room = width - displayWidth(to);
	return room < oldValueMin ? undefined : `${truncateToWidth(messageText(entry.from), room)}${to}`;
}
