import {formatClock, formatDuration} from './format.js';
import type {Fault} from './state.js';

// The one wording of faults. A headline per fault class, in the words an operator needs: what is wrong, since
// when, what happens next; and the fault's own line (its message, then what to do about it).

type FaultWords = {readonly message: string; readonly hint?: string | undefined; readonly retryNote?: string | undefined};

/** What to do, and (`watching`: the watcher runs on) what happens by itself; undefined when there is neither. */
export function faultHint(fault: FaultWords, watching: boolean): string | undefined {
	const parts = [fault.hint, watching ? fault.retryNote : undefined].filter((part) => part !== undefined);
	return parts.length === 0 ? undefined : parts.join('; ');
}

/**
 * A fault as one line: the message, then the hint after a dash. Used by plain output, --once, --check and exits;
 * `watching` when the watcher carries on after it (only then is "the next poll retries" true).
 */
export function faultLine(fault: FaultWords, watching = false): string {
	const hint = faultHint(fault, watching);
	return `${fault.message}${hint === undefined ? '' : ` — ${hint}`}`;
}

export function faultHeadline(fault: Fault, now: number, nextPollAt: number | undefined): string {
	const next = nextPollAt === undefined ? '' : ` — next poll in ${formatDuration(Math.max(0, nextPollAt - now))}`;
	switch (fault.kind) {
		case 'throttled':
			return `throttled${next}`;
		case 'network':
			return `endpoint unreachable since ${formatClock(fault.since)}${next}`;
		case 'credentials':
			return `credentials rejected or missing since ${formatClock(fault.since)}${next}`;
		case 'permission':
			return `not authorized: this needs the IAM action ${fault.action ?? 'ec2:DescribeImportImageTasks'}${next}`;
		case 'server':
			return `EC2 answered with a server fault since ${formatClock(fault.since)}${next}`;
		case 'timeout':
			return `endpoint not answering since ${formatClock(fault.since)}${next}`;
		case 'request':
			return `EC2 refused the request${next}`;
		default: {
			const unreachable: never = fault.kind;
			return unreachable;
		}
	}
}
