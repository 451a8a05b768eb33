import {formatBytes, progressBar} from '../model/format.js';
import {type ImportTask, nameTag, totalDiskBytes} from '../model/import-task.js';
import {statusGlyph, statusRole, type Theme} from './theme.js';
import type {Cell, Column} from './column-layout.js';

// The list's columns. Cells get their column's width, so the progress bar fills what it is given.

const dash = '—';

export function progressCell(progress: number | undefined, width: number, theme: Theme): Cell {
	if (progress === undefined) return {text: dash, role: 'muted'};
	const percent = `${String(Math.round(progress)).padStart(3)}%`;
	const barWidth = width - percent.length - 1;
	return {text: barWidth >= 3 ? `${progressBar(progress, barWidth, {ascii: !theme.unicode})} ${percent}` : percent};
}

export function statusCell(status: string, theme: Theme): Cell {
	return {text: `${statusGlyph(theme, status)} ${status}`, role: statusRole(status)};
}

export function taskColumns(theme: Theme): Column<ImportTask>[] {
	return [
		{id: 'id', header: 'TASK ID', min: 28, ideal: 28, cell: (task) => ({text: task.importTaskId})},
		{id: 'status', header: 'STATUS', min: 11, ideal: 11, cell: (task) => statusCell(task.status, theme)},
		{id: 'message', header: 'MESSAGE', min: 10, ideal: 18, flex: 2, hideOrder: 1, cell: (task) => ({text: task.statusMessage ?? ''})},
		{id: 'progress', header: 'PROGRESS', min: 9, ideal: 14, cell: (task, width) => progressCell(task.progress, width, theme)},
		{
			id: 'description',
			header: 'DESCRIPTION',
			min: 10,
			ideal: 16,
			flex: 1,
			hideOrder: 2,
			cell: (task) => ({text: task.description ?? nameTag(task) ?? ''}),
		},
		{
			id: 'disk',
			header: 'DISK',
			min: 8,
			ideal: 8,
			align: 'right',
			hideOrder: 3,
			cell: (task) => {
				const bytes = totalDiskBytes(task);
				return {text: bytes === undefined ? dash : formatBytes(bytes)};
			},
		},
		{id: 'image', header: 'IMAGE', min: 12, ideal: 21, hideOrder: 4, cell: (task) => ({text: task.imageId ?? ''})},
	];
}
