import {formatDateTime} from '../model/format.js';

// The timeline's time axis: how long one column stands for, which column a time falls in, and where the tick labels
// go. Pure. The column's length is picked from a ladder of round steps, each at most 1.5 times the one before: the
// axis holds still (same origin, same step) while the window from the first task to now grows, and steps up only
// when now would run off the right edge, so the bars still fill at least two thirds of the width.

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

const columnSteps: readonly number[] = [
	...[10, 15, 20, 30, 45].map((n) => n * second),
	...[1, 1.5, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 30, 45].map((n) => n * minute),
	...[1, 1.5, 2, 3, 4, 6, 8, 12, 18].map((n) => n * hour),
	...[1, 1.5, 2, 3, 4, 6].map((n) => n * day),
];

export interface Axis {
	/** The time at the left edge of column 0. */
	origin: number;
	/** Milliseconds one column stands for. */
	step: number;
	columns: number;
}

/** The axis that shows `first` to `now` in `columns` columns. */
export function axisFor(first: number, now: number, columns: number): Axis {
	const width = Math.max(1, Math.floor(columns));
	const end = Math.max(first, now);
	const fits = (step: number) => Math.floor(end / step) - Math.floor(first / step) < width;
	let step = columnSteps.find(fits);
	if (step === undefined) {
		// Past the ladder (weeks on a narrow terminal): whole days.
		let days = Math.max(1, Math.ceil((end - first) / width / day));
		while (!fits(days * day)) days++;
		step = days * day;
	}
	return {origin: Math.floor(first / step) * step, step, columns: width};
}

/** The column `at` falls in, held to the axis (a time before the origin is column 0, after the end the last one). */
export function columnOf(axis: Axis, at: number): number {
	return Math.min(axis.columns - 1, Math.max(0, Math.floor((at - axis.origin) / axis.step)));
}

/** What the screen shows of the axis at `now`: when it changes, the timeline has something new to draw. */
export function axisKey(axis: Axis): string {
	return `${axis.origin}/${axis.step}/${axis.columns}`;
}

// Between tick labels: minutes to days, in steps a reader counts in.
const tickSteps: readonly number[] = [
	...[1, 2, 5, 10, 15, 30].map((n) => n * minute),
	...[1, 2, 3, 6, 12].map((n) => n * hour),
	...[1, 2, 7].map((n) => n * day),
];

/** HH:MM, or MM-DD for a tick at midnight (a wave lasts days: the day is said where it turns). */
export const labelWidth = 5;
/** Columns from one label's start to the next's at least: the label and two spaces. */
const labelSpacing = labelWidth + 2;

export interface Tick {
	at: number;
	column: number;
	label: string;
}

/** The local time's offset from UTC at `at` in `timeZone` (the local zone unless given), in milliseconds. */
export function zoneOffset(at: number, timeZone?: string): number {
	const whole = Math.floor(at / second) * second;
	const parts = /^(\d+)-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)$/.exec(formatDateTime(whole, timeZone));
	if (parts === null) return 0;
	const [year, month, date, hours, minutes, seconds] = parts.slice(1).map(Number);
	return Date.UTC(year ?? 1970, (month ?? 1) - 1, date ?? 1, hours ?? 0, minutes ?? 0, seconds ?? 0) - whole;
}

function tickLabel(at: number, timeZone?: string): string {
	const stamp = formatDateTime(at, timeZone);
	const clock = stamp.slice(11, 16);
	return clock === '00:00' ? stamp.slice(5, 10) : clock;
}

/** The step between ticks: the shortest that leaves room for each label. */
export function tickStep(axis: Axis): number {
	const least = labelSpacing * axis.step;
	return tickSteps.find((step) => step >= least) ?? Math.ceil(least / (7 * day)) * 7 * day;
}

/**
 * The ticks on the axis, on round local times (10:00, 10:15 …; midnight every day), each labelled where it falls;
 * a label that would run past the right edge or into the one before is left out.
 */
export function ticksFor(axis: Axis, timeZone?: string): Tick[] {
	const step = tickStep(axis);
	const end = axis.origin + axis.columns * axis.step;
	const offset = zoneOffset(axis.origin, timeZone);
	const ticks: Tick[] = [];
	let nextFree = 0;
	for (let local = Math.ceil((axis.origin + offset) / step) * step; local - offset < end; local += step) {
		// Across a change of offset (summer time), the round local time keeps its label.
		const at = local - zoneOffset(local - offset, timeZone);
		if (at < axis.origin || at >= end) continue;
		const column = columnOf(axis, at);
		if (column < nextFree || column + labelWidth > axis.columns) continue;
		ticks.push({at, column, label: tickLabel(at, timeZone)});
		nextFree = column + labelWidth + 1;
	}
	return ticks;
}

/** The axis as one line of `axis.columns` columns: each label starting at its tick's column. */
export function axisLine(axis: Axis, ticks: readonly Tick[]): string {
	let line = '';
	for (const tick of ticks) line = line.padEnd(tick.column) + tick.label;
	return line.padEnd(axis.columns);
}
