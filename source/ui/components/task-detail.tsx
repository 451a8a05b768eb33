import {Text} from 'ink';
import type {ReactNode} from 'react';
import {formatBytes, formatClock, formatDuration} from '../../model/format.js';
import {describeEntry} from '../../model/entry-text.js';
import {pace, type TaskHistory} from '../../model/history.js';
import {type ImportTask, type SnapshotDetail, shownId, statusOf} from '../../model/import-task.js';
import {colorOf, type Role, statusRole, type Theme, useTheme} from '../theme.js';
import {type Column, layoutColumns, TableHeader, TableRow} from './table.js';
import {progressCell, statusCell} from '../task-columns.js';

// Every field of one task, then its disks. The screen is a flat list of lines so that it scrolls as one.

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
	| {kind: 'field'; label: string; value: string; role?: Role}
	| {kind: 'title'; text: string}
	| {kind: 'note'; text: string; role?: Role}
	| {kind: 'disk-header'}
	| {kind: 'disk'; index: number; disk: SnapshotDetail};

const dash = '—';
const orDash = (value: string | undefined): string => (value === undefined || value === '' ? dash : value);

function fieldLines(task: ImportTask): Line[] {
	const fields: [string, string | undefined][] = [
		['ImportTaskId', shownId(task)],
		['Status', task.status],
		['StatusMessage', task.statusMessage],
		['Progress', task.progress === undefined ? task.progressText : `${task.progress}%`],
		['Description', task.description],
		['Architecture', task.architecture],
		['Platform', task.platform],
		['Hypervisor', task.hypervisor],
		['LicenseType', task.licenseType],
		['UsageOperation', task.usageOperation],
		['BootMode', task.bootMode],
		['Encrypted', task.encrypted === undefined ? undefined : String(task.encrypted)],
		['KmsKeyId', task.kmsKeyId],
		['ImageId', task.imageId],
		['Tags', task.tags.length === 0 ? undefined : task.tags.map((tag) => `${tag.key}=${tag.value}`).join(', ')],
		['LicenseSpecifications', task.licenseSpecifications.length === 0 ? undefined : task.licenseSpecifications.join(', ')],
	];
	return fields.map(([label, value]) => ({kind: 'field', label, value: orDash(value), role: label === 'Status' ? statusRole(task.status) : undefined}));
}

function diskLines(task: ImportTask): Line[] {
	if (task.snapshotDetails.length === 0) {
		return [{kind: 'title', text: 'Disks'}, {kind: 'note', text: 'No snapshot details yet (EC2 lists them once conversion starts).', role: 'muted'}];
	}
	const locations = task.snapshotDetails.flatMap((disk, index): Line[] => {
		const s3 = disk.s3Bucket === undefined && disk.s3Key === undefined ? undefined : `s3://${disk.s3Bucket ?? ''}/${disk.s3Key ?? ''}`;
		const fields: [string, string | undefined][] = [
			['S3', s3],
			['Url', disk.url],
			['Description', disk.description],
		];
		return fields.flatMap(([label, value]): Line[] => (value === undefined ? [] : [{kind: 'field', label: `disk ${index + 1} ${label}`, value}]));
	});
	return [
		{kind: 'title', text: `Disks (${task.snapshotDetails.length})`},
		{kind: 'disk-header'},
		...task.snapshotDetails.map((disk, index): Line => ({kind: 'disk', index, disk})),
		...locations,
	];
}

function paceLines(task: ImportTask, history: TaskHistory | undefined, now: number, stuckAfterMs: number): Line[] {
	if (history === undefined) return [];
	const taskPace = pace(task, history, now, stuckAfterMs);
	const active = statusOf(task.status) === 'active';
	const eta =
		taskPace.stuckForMs !== undefined
			? {value: `stuck: no change for ${formatDuration(taskPace.stuckForMs)} (since ${formatClock(history.lastChangeAt)})`, role: 'fault' as const}
			: {value: !active ? dash : taskPace.etaMs === undefined ? '— (not enough history yet)' : `${formatDuration(taskPace.etaMs)} (about ${formatClock(now + taskPace.etaMs)})`};
	return [
		{kind: 'field', label: 'Rate', value: taskPace.rate === undefined ? dash : `${(taskPace.rate * 60_000).toFixed(1)} %/min`},
		{kind: 'field', label: 'ETA', value: eta.value, role: eta.role},
		{kind: 'field', label: 'First seen', value: `${formatClock(history.firstSeenAt)} (by this watcher)`},
	];
}

function timelineLines(history: TaskHistory | undefined): Line[] {
	if (history === undefined) return [];
	return [
		{kind: 'note', text: ''},
		{kind: 'title', text: 'Timeline (as seen by this watcher)'},
		...history.timeline.map((entry): Line => ({kind: 'field', label: formatClock(entry.at), value: describeEntry(entry)})),
	];
}

export function detailLines(task: ImportTask, history?: TaskHistory, now = 0, stuckAfterMs = Number.POSITIVE_INFINITY): Line[] {
	return [...fieldLines(task), ...paceLines(task, history, now, stuckAfterMs), {kind: 'note', text: ''}, ...diskLines(task), ...timelineLines(history)];
}

type IndexedDisk = {index: number; disk: SnapshotDetail};

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
		{id: 'progress', header: 'PROGRESS', min: 4, ideal: 12, hideOrder: 2, cell: ({disk}, width) => progressCell(disk.progress, width, theme)},
		{id: 'status', header: 'STATUS', min: 9, ideal: 11, cell: ({disk}) => statusCell(orDash(disk.status), theme)},
		{id: 'message', header: 'MESSAGE', min: 8, ideal: 14, flex: 1, hideOrder: 3, cell: ({disk}) => ({text: disk.statusMessage ?? ''})},
		{id: 'snapshot', header: 'SNAPSHOT', min: 22, ideal: 22, hideOrder: 1, cell: ({disk}) => ({text: orDash(disk.snapshotId)})},
	];
}

export function TaskDetail({task, history, now, stuckAfterMs, goneAt, stale, failing, paused, width, height, scroll}: TaskDetailProps): ReactNode {
	const theme = useTheme();
	const lines = detailLines(task, history, now, stuckAfterMs);
	const bodyHeight = Math.max(1, height - 1);
	const top = Math.max(0, Math.min(scroll, lines.length - bodyHeight));
	const layout = layoutColumns(diskColumns(theme), width);
	const labelWidth = 22;
	const banner =
		goneAt !== undefined
			? {text: `EC2 no longer returns this task (missing since ${formatClock(goneAt)}): the last data seen is shown.`, role: 'fault' as const}
			: stale
				? {text: 'STALE: polls are failing; this is the last good data.', role: 'stale' as const}
				: failing
					? {text: `Task ${shownId(task)} · the last poll failed (see above); this is the last good data`, role: 'stale' as const}
					: paused
						? {text: `Task ${shownId(task)} · polling is paused (p resumes)`, role: 'muted' as const}
						: {text: `Task ${shownId(task)} · updating live`, role: 'muted' as const};
	return (
		<>
			<Text color={colorOf(theme, banner.role)} bold={banner.role !== 'muted'} wrap="truncate">
				{banner.text}
				{lines.length > bodyHeight ? `  (${top + 1}–${Math.min(lines.length, top + bodyHeight)} of ${lines.length}, ↑↓ scroll)` : ''}
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
