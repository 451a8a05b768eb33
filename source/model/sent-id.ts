import {defaultMaxLength, ellipsis} from '../text/sanitize.js';
import type {IdAlteration, ImportTask} from './import-task.js';

// The id shown and the id EC2 sent: when they differ (ImportTask.idAltered) the task is not cancelled and not
// copied, since the id shown is not the one EC2 knows (trimmed, it may even be another task's). The raw id is not
// kept: the model holds sanitised text only, and an id that cannot be shown as sent is used for nothing.

/** How `shown` differs from the id EC2 sent, or undefined when it is the same, byte for byte (or there is none). */
export function idAlteration(sent: unknown, shown: string | undefined): IdAlteration | undefined {
	if (typeof sent !== 'string' || shown === undefined || sent === shown) return undefined;
	if (shown.endsWith(ellipsis) && Array.from(sent).length > defaultMaxLength) return 'cut';
	return sent.trim() === shown ? 'trimmed' : 'replaced';
}

/** Why the id shown is not the id sent, in a few words after "EC2 sent this task's id …". */
export function idNotAsSent(task: Pick<ImportTask, 'idAltered'>): string | undefined {
	const altered = task.idAltered;
	if (altered === undefined) return undefined;
	switch (altered) {
		case 'trimmed':
			return 'with white space at an end (shown trimmed)';
		case 'cut':
			return `longer than ${defaultMaxLength} characters (shown cut)`;
		case 'replaced':
			return 'with characters that cannot be shown as sent';
		default: {
			const unreachable: never = altered;
			return unreachable;
		}
	}
}
