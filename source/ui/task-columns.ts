import {formatBytes, formatDuration, formatDurationShort, formatPercent, progressBar} from '../model/format.js';
import {type History, type Pace, pace} from '../model/history.js';
import {type ImportTask, noIdLabel, resultId, statusOf, taskKey, taskName, totalDiskBytes} from '../model/import-task.js';
import type {Cell, Column} from './column-layout.js';
import {statusGlyph, statusRole, type Theme} from './theme.js';

// The list's columns. Cells get their column's width, so the progress bar fills what it is given.

const dash = '—';

export function progressCell(progress: number | undefined, width: number, theme: Theme): Cell {
	if (progress === undefined) return {text: dash, role: 'muted'};
	const percent = formatPercent(progress).padStart(4);
	const barWidth = width - percent.length - 1;
	return {text: barWidth >= 3 ? `${progressBar(progress, barWidth, {ascii: !theme.unicode})} ${percent}` : percent};
}

export function statusCell(status: string, theme: Theme): Cell {
	return {text: `${statusGlyph(theme, status)} ${status}`, role: statusRole(status)};
}

/** ETA, or how long a task has been stuck; "—" until there is enough history; blank once it is over. */
export function paceCell(status: string, taskPace: Pace): Cell {
	if (statusOf(status) !== 'active') return {text: ''};
	if (taskPace.stuckForMs !== undefined) return {text: `stuck ${formatDurationShort(taskPace.stuckForMs)}`, role: 'fault'};
	if (taskPace.etaMs !== undefined) return {text: formatDuration(taskPace.etaMs)};
	return {text: dash, role: 'muted'};
}

export interface ColumnContext {
	theme: Theme;
	history: History;
	now: number;
	stuckAfterMs: number;
	/** Show Region and Profile columns (several regions or profiles are watched). */
	regions?: boolean;
	profiles?: boolean;
	/** Show the Kind column (image and snapshot imports are listed together). */
	kinds?: boolean;
	/** The id column's width: 28 fits import-ami-…, a snapshot import's id (import-snap-…) needs 29. */
	idWidth?: number;
	/** Snapshot imports are listed: the Image column also shows their snapshot (snap-… is one wider than ami-…). */
	snapshots?: boolean;
	/** The Image column's header: what the rows shown hold (IMAGE, SNAPSHOT, or IMAGE/SNAPSHOT when mixed). */
	resultHeader?: string;
}

/** Whether a list holds both kinds of import (then the Kind column is shown). */
export function mixedKinds(tasks: readonly ImportTask[]): boolean {
	return tasks.some((task) => task.kind !== tasks[0]?.kind);
}

const imageIdWidth = 28;
const snapshotIdWidth = 29;

/** The id column's width for these tasks (ids are useless cut). */
export function idColumnWidth(tasks: readonly ImportTask[]): number {
	return tasks.some((task) => task.kind === 'snapshot') ? snapshotIdWidth : imageIdWidth;
}

/** The result column's header for the rows shown: IMAGE, SNAPSHOT, or IMAGE/SNAPSHOT when both kinds are shown. */
export function resultHeaderFor(shown: readonly ImportTask[]): string {
	if (mixedKinds(shown)) return 'IMAGE/SNAPSHOT';
	return shown[0]?.kind === 'snapshot' ? 'SNAPSHOT' : 'IMAGE';
}

/**
 * The list's column options that depend on the tasks: widths from every task (so they stay put while filtering),
 * the Kind column and the result column's header from the tasks shown (`shown`, every task by default).
 */
export function columnsFor(
	tasks: readonly ImportTask[],
	shown: readonly ImportTask[] = tasks,
): {kinds: boolean; idWidth: number; snapshots: boolean; resultHeader: string} {
	const idWidth = idColumnWidth(tasks);
	const basis = shown.length > 0 ? shown : tasks;
	return {kinds: mixedKinds(basis), idWidth, snapshots: idWidth === snapshotIdWidth, resultHeader: resultHeaderFor(basis)};
}

export function taskColumns(context: ColumnContext): Column<ImportTask>[] {
	const {theme, history, now, stuckAfterMs} = context;
	const where: Column<ImportTask>[] = [
		...(context.profiles === true ? [{id: 'profile', header: 'PROFILE', min: 7, ideal: 12, cell: (task: ImportTask) => ({text: task.profile ?? ''})}] : []),
		...(context.regions === true ? [{id: 'region', header: 'REGION', min: 9, ideal: 14, cell: (task: ImportTask) => ({text: task.region ?? ''})}] : []),
	];
	return [
		...where,
		{
			id: 'id',
			header: 'TASK ID',
			min: context.idWidth ?? imageIdWidth,
			ideal: context.idWidth ?? imageIdWidth,
			cell: (task) => (task.importTaskId === undefined ? {text: noIdLabel, role: 'muted'} : {text: task.importTaskId}),
		},
		// The id's prefix says the kind too (import-ami-, import-snap-): the first column to go when narrow.
		...(context.kinds === true ? [{id: 'kind', header: 'KIND', min: 8, ideal: 8, hideOrder: 4.5, cell: (task: ImportTask) => ({text: task.kind})}] : []),
		{id: 'status', header: 'STATUS', min: 11, ideal: 11, cell: (task) => statusCell(task.status, theme)},
		{
			id: 'message',
			header: 'MESSAGE',
			min: 13,
			ideal: 20,
			flex: 2,
			hideOrder: 1,
			fitContent: true,
			max: 120,
			cell: (task) => ({text: task.statusMessage ?? ''}),
		},
		// At its narrowest a bar of 3 and the percent: the header's width.
		{id: 'progress', header: 'PROGRESS', min: 8, ideal: 13, flex: 1, blankWhen: [dash], cell: (task, width) => progressCell(task.progress, width, theme)},
		// No ETA known in any row shown (— until a minute of history, blank once over): the column says nothing.
		{
			id: 'eta',
			header: 'ETA',
			min: 9,
			ideal: 9,
			hideOrder: 3,
			blankWhen: ['', dash],
			cell: (task) => paceCell(task.status, pace(task, history.get(taskKey(task)), now, stuckAfterMs)),
		},
		{
			id: 'description',
			header: 'DESCRIPTION',
			// Its header whole: at 80 columns beside an id of 29, a status, a message of 13 and a progress of 8.
			min: 11,
			ideal: 16,
			flex: 1,
			hideOrder: 2,
			fitContent: true,
			max: 60,
			outranksText: true,
			cell: (task) => ({text: taskName(task)?.text ?? ''}),
		},
		{
			id: 'disk',
			header: 'DISK',
			min: 8,
			ideal: 8,
			align: 'right',
			hideOrder: 5,
			blankWhen: ['', dash],
			cell: (task) => {
				const bytes = totalDiskBytes(task);
				return {text: bytes === undefined ? dash : formatBytes(bytes)};
			},
		},
		context.snapshots === true
			? {
					id: 'image',
					header: context.resultHeader ?? 'IMAGE/SNAPSHOT',
					min: 22,
					ideal: 22,
					hideOrder: 4,
					fitContent: true,
					outranksText: true,
					cell: (task) => ({text: resultId(task) ?? ''}),
				}
			: {
					id: 'image',
					header: context.resultHeader ?? 'IMAGE',
					min: 21,
					ideal: 21,
					hideOrder: 4,
					fitContent: true,
					outranksText: true,
					cell: (task) => ({text: task.imageId ?? ''}),
				},
	];
}

/** Columns for plain output (--once, no TTY), where there is no history. */
export function plainColumns(theme: Theme, regions = false, profiles = false, tasks: readonly ImportTask[] = []): Column<ImportTask>[] {
	return taskColumns({theme, history: new Map(), now: 0, stuckAfterMs: Number.POSITIVE_INFINITY, regions, profiles, ...columnsFor(tasks)}).filter(
		(column) => column.id !== 'eta',
	);
}
