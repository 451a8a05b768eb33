import type {TaskKind} from './import-task.js';
import type {LeftTask} from './left-tasks.js';

// What a good poll says besides its tasks: the list was cut by --max-items, or a kind of task is not listed
// because its Describe call is not allowed. Said in one header line (and once in plain output).

export interface DisabledKind {
	kind: TaskKind;
	/** The IAM action that was refused. */
	action: string;
	/** With several regions or profiles: where. */
	label?: string;
}

export interface PollNotes {
	/** Set when --max-items cut the list: the limit. */
	cutAt?: number;
	/** Kinds the watcher stopped asking for (UnauthorizedOperation while the other kind was allowed). */
	disabled: DisabledKind[];
	/** Tasks that left the list in this poll, each looked up by its id or said to be unknown. */
	left?: LeftTask[];
}

export const describeAction: Record<TaskKind, string> = {image: 'DescribeImportImageTasks', snapshot: 'DescribeImportSnapshotTasks'};

export function disabledKindText({kind, action, label}: DisabledKind): string {
	return `${kind} imports not shown${label === undefined ? '' : ` in ${label}`}: not authorized for ec2:${action}`;
}

/** The notes as one line, or undefined when there is nothing to say. */
export function pollNotesLine(notes: PollNotes | undefined): string | undefined {
	if (notes === undefined) return undefined;
	const parts = [...(notes.cutAt === undefined ? [] : [`first ${notes.cutAt} tasks (--max-items)`]), ...notes.disabled.map(disabledKindText)];
	return parts.length === 0 ? undefined : parts.join(' · ');
}

/** The notes of several sources (regions or profiles) as one. */
export function mergeNotes(all: readonly PollNotes[]): PollNotes {
	const cuts = all.flatMap((notes) => (notes.cutAt === undefined ? [] : [notes.cutAt]));
	const left = all.flatMap((notes) => notes.left ?? []);
	return {...(cuts.length === 0 ? {} : {cutAt: Math.max(...cuts)}), disabled: all.flatMap((notes) => notes.disabled), ...(left.length === 0 ? {} : {left})};
}
