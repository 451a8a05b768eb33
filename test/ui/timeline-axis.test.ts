import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {axisFor, axisLine, columnOf, tickStep, ticksFor, zoneOffset} from '../../source/ui/timeline-axis.js';
import {barCells, barLine} from '../../source/ui/timeline-bar.js';

// The timeline's pure part: the scale, the column each time falls in, the ticks and each task's bar cells.

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;
/** 2026-05-28 10:00 UTC. */
const ten = Date.UTC(2026, 4, 28, 10);

describe('the scale', () => {
	it('a fresh start: the shortest column (10 s), from the first task', () => {
		assert.deepEqual(axisFor(ten, ten, 55), {origin: ten, step: 10 * second, columns: 55});
	});

	it('40 minutes in 95 columns: 30 s a column, the origin on a whole column', () => {
		assert.deepEqual(axisFor(ten + 7 * second, ten + 40 * minute, 95), {origin: ten, step: 30 * second, columns: 95});
		assert.equal(columnOf(axisFor(ten + 7 * second, ten + 40 * minute, 95), ten + 40 * minute), 80);
	});

	it('holds still as now moves, and steps up only when now would run off the right edge', () => {
		assert.equal(axisFor(ten, ten + 47 * minute, 95).step, 30 * second, 'column 94, the last');
		assert.equal(axisFor(ten, ten + 47 * minute + 29 * second, 95).step, 30 * second);
		assert.deepEqual(axisFor(ten, ten + 47 * minute + 30 * second, 95), {origin: ten, step: 45 * second, columns: 95});
	});

	it('a wave of three days in 55 columns: 1 h 30 m a column', () => {
		const axis = axisFor(ten, ten + 3 * day, 55);
		assert.equal(axis.step, 1.5 * hour);
		assert.equal(axis.origin, Math.floor(ten / (1.5 * hour)) * 1.5 * hour);
		assert.equal(columnOf(axis, ten + 3 * day), 48);
	});

	it('past the ladder (100 days in 10 columns): whole days, still fitting', () => {
		const axis = axisFor(ten, ten + 100 * day, 10);
		assert.equal(axis.step, 11 * day);
		assert.equal(columnOf(axis, ten + 100 * day), 9);
	});

	it('a time outside the axis is held to its edge columns', () => {
		const axis = axisFor(ten, ten + 40 * minute, 95);
		assert.equal(columnOf(axis, ten - hour), 0);
		assert.equal(columnOf(axis, ten + day), 94);
		assert.equal(columnOf(axis, ten + 29 * second), 0);
		assert.equal(columnOf(axis, ten + 30 * second), 1);
	});
});

describe('the ticks', () => {
	const axis = {origin: ten, step: 30 * second, columns: 95};

	it('every 5 minutes at 30 s a column, labelled HH:MM at their column', () => {
		assert.equal(tickStep(axis), 5 * minute);
		assert.deepEqual(
			ticksFor(axis, 'UTC').map(({column, label}) => `${column} ${label}`),
			['0 10:00', '10 10:05', '20 10:10', '30 10:15', '40 10:20', '50 10:25', '60 10:30', '70 10:35', '80 10:40', '90 10:45'],
		);
		assert.equal(
			axisLine(axis, ticksFor(axis, 'UTC')),
			`${['10:00', '10:05', '10:10', '10:15', '10:20', '10:25', '10:30', '10:35', '10:40', '10:45'].join('     ')}`,
		);
	});

	it('a label that would run past the right edge is left out', () => {
		assert.deepEqual(
			ticksFor({...axis, columns: 94}, 'UTC')
				.map(({label}) => label)
				.slice(-2),
			['10:35', '10:40'],
		);
	});

	it('in local time: round local minutes and hours, also in a zone 5 h 45 m from UTC', () => {
		assert.deepEqual(
			ticksFor(axis, 'Asia/Kolkata')
				.map(({label}) => label)
				.slice(0, 3),
			['15:30', '15:35', '15:40'],
		);
		const eight = {origin: ten, step: 8 * minute, columns: 60};
		assert.equal(tickStep(eight), hour);
		assert.deepEqual(
			ticksFor(eight, 'Asia/Kathmandu').map(({column, label}) => `${column} ${label}`),
			['1 16:00', '9 17:00', '16 18:00', '24 19:00', '31 20:00', '39 21:00', '46 22:00', '54 23:00'],
		);
	});

	it('a wave of days: ticks every 12 hours, and midnight says the date (MM-DD)', () => {
		const days = {origin: Date.UTC(2026, 4, 28), step: hour, columns: 60};
		assert.deepEqual(
			ticksFor(days, 'UTC').map(({column, label}) => `${column} ${label}`),
			['0 05-28', '12 12:00', '24 05-29', '36 12:00', '48 05-30'],
		);
	});

	it('minutes to days: the step grows with the column so labels never touch', () => {
		const steps = [10 * second, 45 * second, 4 * minute, 20 * minute, 3 * hour, 18 * hour, 6 * day].map((step) => tickStep({origin: ten, step, columns: 80}));
		assert.deepEqual(steps, [2 * minute, 10 * minute, 30 * minute, 3 * hour, 1 * day, 7 * day, 42 * day]);
	});

	it('across the change to summer time the round local hours keep their labels', () => {
		// Berlin, 2026-03-29: 02:00 local does not happen (01:00 UTC is 03:00 CEST).
		const night = {origin: Date.UTC(2026, 2, 28, 23), step: 8 * minute, columns: 40};
		assert.deepEqual(
			ticksFor(night, 'Europe/Berlin').map(({column, label}) => `${column} ${label}`),
			['0 03-29', '7 01:00', '15 03:00', '22 04:00', '30 05:00'],
		);
		assert.equal(zoneOffset(Date.UTC(2026, 2, 29, 0, 59), 'Europe/Berlin'), hour);
		assert.equal(zoneOffset(Date.UTC(2026, 2, 29, 1), 'Europe/Berlin'), 2 * hour);
	});
});

describe('a task’s bar', () => {
	const axis = {origin: ten, step: 30 * second, columns: 95};

	it('from its first sight to its end: the cells before the end glyph filled as far as its progress', () => {
		assert.deepEqual(barCells({start: ten, end: ten + 20 * minute, state: 'failed', progress: 30}, axis, ten + 40 * minute), {from: 0, to: 40, filled: 12});
		assert.deepEqual(barCells({start: ten, end: ten + 20 * minute, state: 'completed', progress: 100}, axis, ten + 40 * minute), {from: 0, to: 40, filled: 40});
	});

	it('an active bar runs to now', () => {
		assert.deepEqual(barCells({start: ten + 10 * minute, state: 'active', progress: 3}, axis, ten + 40 * minute), {from: 20, to: 80, filled: 1});
		assert.deepEqual(barCells({start: ten + 10 * minute, state: 'active'}, axis, ten + 40 * minute), {from: 20, to: 80, filled: 0});
	});

	it('a span within one column is the end glyph alone', () => {
		assert.deepEqual(barCells({start: ten + 5 * second, end: ten + 20 * second, state: 'cancelled', progress: 50}, axis, ten + hour), {
			from: 0,
			to: 0,
			filled: 0,
		});
	});

	const small = {origin: ten, step: minute, columns: 20};
	const failed = {start: ten + 3 * minute, end: ten + 8 * minute, state: 'failed' as const, progress: 50};

	it('drawn on the tick grid, glyph and colour by state', () => {
		const ticks = ticksFor(small, 'UTC');
		assert.deepEqual(
			ticks.map(({column}) => column),
			[0, 10],
		);
		assert.deepEqual(barLine(failed, small, ten + 10 * minute, ticks, {color: true, unicode: true}), [
			{text: '┊  ', role: 'muted'},
			{text: '██', role: 'status.deleted'},
			{text: '░░░', role: 'muted'},
			{text: '✖', role: 'status.deleted'},
			{text: ' ┊         ', role: 'muted'},
		]);
	});

	it('in ASCII each state has its own end glyph: o active, + completed, x failed, / cancelled', () => {
		const ascii = {color: false, unicode: false};
		const ticks = ticksFor(small, 'UTC');
		const line = (span: Parameters<typeof barLine>[0]) =>
			barLine(span, small, ten + 12 * minute, ticks, ascii)
				.map(({text}) => text)
				.join('');
		assert.equal(line(failed), ':  ##---x :         ');
		assert.equal(line({start: ten, state: 'active', progress: 25}), '###---------o       ');
		assert.equal(line({start: ten + 2 * minute, end: ten + 6 * minute, state: 'completed', progress: 100}), ': ####+   :         ');
		assert.equal(line({start: ten + 14 * minute, end: ten + 14 * minute, state: 'cancelled'}), ':         :   /     ');
		assert.equal(line(undefined), ':         :         ');
	});
});
