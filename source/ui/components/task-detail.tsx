import {Text} from 'ink';
import type {ReactNode} from 'react';
import {formatBytes, formatClock, formatDateTime, formatDuration} from '../../model/format.js';
import {describeEntry} from '../../model/entry-text.js';
import {explainFailure, slowPhaseNote} from '../../model/failure-explanations.js';
import {pace, type TaskHistory} from '../../model/history.js';
import {diskSize, hasEnded, type ImportTask, noIdLabel, resultId, type SnapshotDetail, shownId, statusOf, taskName} from '../../model/import-task.js';
import {effectLabel, keyLabel, scrollKeys} from '../keymap.js';
import {colorOf, defaultTheme, type Role, statusRole, type Theme, useTheme} from '../theme.js';
import {displayWidth, truncateToWidth, wrapText} from '../../text/text-width.js';
import {type Column, layoutColumns, TableHeader, TableRow} from './table.js';
import {progressCell, statusCell} from '../task-columns.js';

// One task: first what it is about (status, message, progress, ETA) and its disks, so that 80×24 shows them
// without scrolling; then every other field EC2 sent, and the timeline. Empty fields get no row. The screen is a
// flat list of lines so that it scrolls as one.

export interface TaskDetailProps {
	task: ImportTask;
	/** What the watcher has seen of this task, for the rate, ETA and timeline. */
	history?: TaskHistory;
	now: number;
	stuckAfterMs: number;
	goneAt?: number;
	stale: boolean;
	/** The last poll failed (not yet stale). */
	failing: boolean;
	paused: boolean;
	width: number;
	height: number;
	scroll: number;
}

type Line =
	/** `link`: a URL, never broken across lines (wrapFields). */
	| {kind: 'field'; label: string; value: string; role?: Role; link?: true}
	| {kind: 'title'; text: string}
	| {kind: 'note'; text: string; role?: Role}
	| {kind: 'disk-header'}
	| {kind: 'disk'; index: number; disk: SnapshotDetail};

const dash = '—';
const orDash = (value: string | undefined): string => (value === undefined || value === '' ? dash : value);

/** Field rows for the values that are there: an empty field gets no row of its own. */
function fields(rows: readonly [string, string | undefined, Role?][]): Line[] {
	return rows.flatMap(([label, value, role]): Line[] => (value === undefined || value === '' ? [] : [{kind: 'field', label, value, role}]));
}

/** The field line of a URL: drawn whole, or cut, never broken (wrapFields). */
const asLink = (lines: Line[]): Line[] => lines.map((line) => (line.kind === 'field' ? {...line, link: true} : line));

/** What a task is about, first, so that it fits 80×24 without scrolling: status, message, progress, ETA, description, image. */
function summaryLines(task: ImportTask, history: TaskHistory | undefined, now: number, stuckAfterMs: number, theme: Theme): Line[] {
	const progress = task.progress === undefined ? task.progressText : progressCell(task.progress, 30, theme).text;
	// A snapshot import is one disk: it says so (it has no AMI, OS or licence fields, so none are listed).
	const kind: [string, string][] = task.kind === 'snapshot' ? [['Kind', 'snapshot import (one disk)']] : [];
	const explanation = explainFailure(task);
	return [
		...fields([
			...kind,
			['Status', statusCell(task.status, theme).text, statusRole(task.status)],
			['Message', task.statusMessage],
			// Why it failed, under what EC2 said, before anything else.
			['Cause', explanation?.cause, 'fault'],
			['Fix', explanation?.fix],
		]),
		...asLink(fields([['Doc', explanation?.doc, 'muted']])),
		...fields([
			['Progress', progress],
			...etaRow(task, history, now, stuckAfterMs),
			// Said as what it is: EC2's description, else a snapshot's disk description, else the Name tag.
			...nameRow(task),
			task.kind === 'snapshot' ? ['Snapshot', resultId(task)] : ['Image', task.imageId],
		]),
	];
}

function nameRow(task: ImportTask): [string, string][] {
	const name = taskName(task);
	return name === undefined ? [] : [[name.source, name.text]];
}

function etaRow(task: ImportTask, history: TaskHistory | undefined, now: number, stuckAfterMs: number): [string, string | undefined, Role?][] {
	if (history === undefined || statusOf(task.status) !== 'active') return [];
	const taskPace = pace(task, history, now, stuckAfterMs);
	if (taskPace.stuckForMs !== undefined) {
		return [
			['ETA', `stuck: no change for ${formatDuration(taskPace.stuckForMs)} (since ${formatClock(history.lastChangeAt)})`, 'fault'],
			['Note', slowPhaseNote(task, taskPace.stuckForMs)],
		];
	}
	return [
		['ETA', taskPace.etaMs === undefined ? '— (not enough history yet)' : `${formatDuration(taskPace.etaMs)} (about ${formatClock(now + taskPace.etaMs)})`],
	];
}

/** The disks, each with its S3 location under it. */
function diskLines(task: ImportTask): Line[] {
	if (task.snapshotDetails.length === 0) {
		const note =
			statusOf(task.status) === 'active' ? 'No snapshot details yet (EC2 lists them once conversion starts).' : 'EC2 lists no snapshot details for this task.';
		return [
			{kind: 'title', text: 'Disks'},
			{kind: 'note', text: note, role: 'muted'},
		];
	}
	return [
		{kind: 'title', text: `Disks (${task.snapshotDetails.length})`},
		{kind: 'disk-header'},
		...task.snapshotDetails.flatMap((disk, index): Line[] => {
			const s3 = disk.s3Bucket === undefined && disk.s3Key === undefined ? undefined : `s3://${disk.s3Bucket ?? ''}/${disk.s3Key ?? ''}`;
			// The size as shown: 0 before validation is not known yet (diskSize).
			return [{kind: 'disk', index, disk: {...disk, diskImageSize: diskSize(task, disk)}}, ...fields([[`disk ${index + 1} S3`, s3]])];
		}),
	];
}

/** Below the fold: every other field EC2 sent, and what the watcher worked out. */
function moreLines(task: ImportTask, history: TaskHistory | undefined, now: number, stuckAfterMs: number): Line[] {
	const taskPace = history === undefined ? undefined : pace(task, history, now, stuckAfterMs);
	const rows = fields([
		['ImportTaskId', task.importTaskId ?? `${noIdLabel} (EC2 sent none)`],
		['Architecture', task.architecture],
		['Platform', task.platform],
		['Hypervisor', task.hypervisor],
		['LicenseType', task.licenseType],
		['UsageOperation', task.usageOperation],
		['BootMode', task.bootMode],
		['Encrypted', task.encrypted === undefined ? undefined : String(task.encrypted)],
		['KmsKeyId', task.kmsKeyId],
		['Tags', task.tags.length === 0 ? undefined : task.tags.map((tag) => `${tag.key}=${tag.value}`).join(', ')],
		['LicenseSpecifications', task.licenseSpecifications?.join(', ')],
		...task.snapshotDetails.flatMap((disk, index): [string, string | undefined][] => [
			[`disk ${index + 1} Url`, disk.url],
			[`disk ${index + 1} Size`, exactSize(task, disk)],
			[`disk ${index + 1} Description`, disk.description],
			[`disk ${index + 1} Message`, disk.statusMessage],
		]),
		['Rate', taskPace?.rate === undefined ? undefined : `${(taskPace.rate * 60_000).toFixed(1)} %/min`],
		['First seen', history === undefined ? undefined : `${clockOrDate(history.firstSeenAt, now)} (the first time a watcher listed it)`],
	]);
	return [{kind: 'note', text: ''}, {kind: 'title', text: 'All fields'}, ...rows];
}

/** A time of today as HH:MM:SS, of another day with its date (a restored history may go back days). */
function clockOrDate(at: number, now: number): string {
	return formatDateTime(at).slice(0, 10) === formatDateTime(now).slice(0, 10) ? formatClock(at) : formatDateTime(at);
}

function timelineLines(history: TaskHistory | undefined): Line[] {
	if (history === undefined) return [];
	return [
		{kind: 'note', text: ''},
		// With the history store, entries of earlier runs too: the timeline is the task's, not this process's.
		{kind: 'title', text: 'Timeline (as recorded by the watcher, oldest first)'},
		...history.timeline.map((entry): Line => ({kind: 'field', label: formatClock(entry.at), value: describeEntry(entry)})),
	];
}

export function detailLines(task: ImportTask, history?: TaskHistory, now = 0, stuckAfterMs = Number.POSITIVE_INFINITY, theme: Theme = defaultTheme): Line[] {
	return [
		...summaryLines(task, history, now, stuckAfterMs, theme),
		{kind: 'note', text: ''},
		...diskLines(task),
		...moreLines(task, history, now, stuckAfterMs),
		...timelineLines(history),
	];
}

/**
 * Long values (a failure message, an ARN, an S3 URL) wrapped onto continuation lines under the value column,
 * rather than cut at the edge. A link is never broken: a terminal finds a link on one line only, so one too wide
 * for the value column goes whole on a line of its own at column 0, and one wider than that is cut with … there
 * (u copies it whole; the guide links are 84–106 columns, none fits 80).
 */
function wrapFields(lines: readonly Line[], labelWidth: number, width: number): Line[] {
	return lines.flatMap((line): Line[] => {
		if (line.kind !== 'field') return [line];
		if (line.link === true && displayWidth(line.value) > width - labelWidth) {
			const fits = displayWidth(line.value) <= width;
			return [
				{...line, value: fits ? '' : `${effectLabel('copy-link') ?? 'u'} copies the whole link`},
				{kind: 'note', text: truncateToWidth(line.value, width), role: line.role},
			];
		}
		return wrapText(line.value, width - labelWidth).map((value, index) => ({...line, label: index === 0 ? line.label : '', value}));
	});
}

/** The line above the details: where the data stands (gone, stale, failing, paused, final or live). */
function bannerOf(task: ImportTask, props: Pick<TaskDetailProps, 'goneAt' | 'stale' | 'failing' | 'paused'>): {text: string; role: Role} {
	const id = shownId(task);
	if (props.goneAt !== undefined)
		return {text: `EC2 no longer returns this task (missing since ${formatClock(props.goneAt)}): the last data seen is shown.`, role: 'fault'};
	if (props.stale) return {text: 'STALE: polls are failing; this is the last good data.', role: 'stale'};
	if (props.failing) return {text: `Task ${id} · the last poll failed (see above); this is the last good data`, role: 'stale'};
	if (hasEnded(task.status)) return {text: `Task ${id} · ${task.status} (final)`, role: 'muted'};
	if (props.paused) return {text: `Task ${id} · polling is paused (p resumes)`, role: 'muted'};
	return {text: `Task ${id} · updating live`, role: 'muted'};
}

type IndexedDisk = {index: number; disk: SnapshotDetail};

function diskProgressCell(disk: SnapshotDetail, width: number, theme: Theme) {
	return disk.progress === undefined && disk.progressText !== undefined ? {text: disk.progressText} : progressCell(disk.progress, width, theme);
}

/** A disk's size to the byte, as EC2 sent it, with the rounded size beside it (the table shows only that). */
function exactSize(task: ImportTask, disk: SnapshotDetail): string | undefined {
	const size = diskSize(task, disk);
	return size === undefined ? undefined : `${size} bytes (${formatBytes(size)})`;
}

function diskColumns(theme: Theme): Column<IndexedDisk>[] {
	return [
		{id: 'n', header: '#', min: 2, ideal: 2, cell: ({index}) => ({text: String(index + 1)})},
		{id: 'device', header: 'DEVICE', min: 9, ideal: 10, cell: ({disk}) => ({text: orDash(disk.deviceName)})},
		{id: 'format', header: 'FORMAT', min: 6, ideal: 6, cell: ({disk}) => ({text: orDash(disk.format)})},
		{
			id: 'size',
			header: 'SIZE',
			min: 8,
			ideal: 9,
			align: 'right',
			cell: ({disk}) => ({text: disk.diskImageSize === undefined ? dash : formatBytes(disk.diskImageSize)}),
		},
		// Flexible, so that at 80 columns it narrows (to the percent) rather than go; EC2's text when not a number.
		{id: 'progress', header: 'PROGRESS', min: 4, ideal: 12, flex: 1, hideOrder: 2, cell: ({disk}, width) => diskProgressCell(disk, width, theme)},
		{id: 'status', header: 'STATUS', min: 9, ideal: 11, cell: ({disk}) => statusCell(orDash(disk.status), theme)},
		{id: 'message', header: 'MESSAGE', min: 8, ideal: 14, flex: 1, hideOrder: 3, cell: ({disk}) => ({text: disk.statusMessage ?? ''})},
		{id: 'snapshot', header: 'SNAPSHOT', min: 22, ideal: 22, hideOrder: 1, cell: ({disk}) => ({text: orDash(disk.snapshotId)})},
	];
}

export function TaskDetail({task, history, now, stuckAfterMs, goneAt, stale, failing, paused, width, height, scroll}: TaskDetailProps): ReactNode {
	const theme = useTheme();
	const unwrapped = detailLines(task, history, now, stuckAfterMs, theme);
	// As wide as the longest label shown anywhere in the details, so the values line up.
	const labelWidth = unwrapped.reduce((widest, line) => (line.kind === 'field' ? Math.max(widest, line.label.length + 2) : widest), 10);
	const lines = wrapFields(unwrapped, labelWidth, width);
	const bodyHeight = Math.max(1, height - 1);
	const top = Math.max(0, Math.min(scroll, lines.length - bodyHeight));
	const layout = layoutColumns(diskColumns(theme), width);
	const banner = bannerOf(task, {goneAt, stale, failing, paused});
	return (
		<>
			<Text color={colorOf(theme, banner.role)} bold={banner.role !== 'muted'} wrap="truncate">
				{banner.text}
				{lines.length > bodyHeight
					? `  (${top + 1}–${Math.min(lines.length, top + bodyHeight)} of ${lines.length}, ${keyLabel(scrollKeys, theme.unicode)} scroll)`
					: ''}
			</Text>
			{lines.slice(top, top + bodyHeight).map((line, index) => {
				const key = `${top + index}`;
				switch (line.kind) {
					case 'field':
						return (
							<Text key={key} wrap="truncate">
								<Text color={colorOf(theme, 'muted')}>{line.label.padEnd(labelWidth)}</Text>
								<Text color={line.role === undefined ? undefined : colorOf(theme, line.role)}>{line.value}</Text>
							</Text>
						);
					case 'title':
						return (
							<Text key={key} bold wrap="truncate">
								{line.text}
							</Text>
						);
					case 'note':
						return (
							<Text key={key} color={line.role === undefined ? undefined : colorOf(theme, line.role)} wrap="truncate">
								{line.text === '' ? ' ' : line.text}
							</Text>
						);
					case 'disk-header':
						return <TableHeader key={key} layout={layout} />;
					case 'disk':
						return <TableRow key={key} layout={layout} row={{index: line.index, disk: line.disk}} dim={stale} />;
					default: {
						const unreachable: never = line;
						return unreachable;
					}
				}
			})}
		</>
	);
}
