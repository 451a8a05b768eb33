import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {JournalEntry} from '../../source/model/history.js';
import {csvField, formatReport, isoWithOffset, markdownCell} from '../../source/model/report-format.js';
import {filterRows, reportExtrasOf, reportRows, reportTotals} from '../../source/model/report-rows.js';

const minute = 60_000;
const at = (minutes: number) => Date.UTC(2026, 11, 7, 8, 0, 0) + minutes * minute;
const e = (minutes: number, type: JournalEntry['type'], taskId: string | undefined, status: string, extra: Partial<JournalEntry> = {}): JournalEntry => ({
	at: at(minutes),
	type,
	...(taskId === undefined ? {} : {taskId}),
	kind: 'image',
	status,
	...extra,
});

describe('report rows', () => {
	it('ends an import when it is seen leaving active (deleting counts); not one first seen ended; not an unknown status', () => {
		const rows = reportRows([
			e(0, 'first-seen', 'old', 'completed'),
			e(0, 'first-seen', 'a', 'active'),
			e(0, 'new', undefined, 'active'),
			e(0, 'first-seen', 'odd', 'active'),
			e(20, 'status', 'a', 'deleting', {from: 'active', to: 'deleting'}),
			e(21, 'status', 'a', 'deleted', {from: 'deleting', to: 'deleted'}),
			e(30, 'status', 'odd', 'paused', {from: 'active', to: 'paused'}),
		]);
		assert.deepEqual(
			rows.map((row) => [row.taskId, row.status, row.ended === undefined ? undefined : (row.ended - at(0)) / minute, row.durationMs]),
			[
				['old', 'completed', undefined, undefined],
				['a', 'deleted', 20, 20 * minute],
				['odd', 'paused', undefined, undefined],
			],
			'a task without an id is left out',
		);
		assert.deepEqual(
			filterRows(rows, {states: ['active', 'completed']}).map((row) => row.taskId),
			['old'],
			'an unknown status matches no --state',
		);
	});

	it('keeps the latest message, description, size, result and cause; entries out of order are sorted by time', () => {
		const [row] = reportRows([
			e(50, 'message', 'a', 'deleted', {from: 'x', to: 'ClientError: boom'}),
			e(0, 'new', 'a', 'active', {message: 'pending', description: 'web'}),
			e(10, 'status', 'a', 'deleted', {from: 'active', to: 'deleted', diskBytes: 5}),
		]);
		assert.equal(row?.message, 'ClientError: boom');
		assert.equal(row?.description, 'web');
		assert.equal(row?.diskBytes, 5);
		assert.deepEqual(reportExtrasOf({resultId: 'ami-1', explanation: {cause: 'no OS', fix: 'x'}}), {resultId: 'ami-1', cause: 'no OS'});
		assert.deepEqual(reportExtrasOf({resultId: 7, explanation: 'no OS'}), {}, 'fields of another type are not read');
	});

	it('totals: the median of an even count, throughput over the span', () => {
		const gib = 2 ** 30;
		const done = (id: string, from: number, to: number, size: number) => [
			e(from, 'new', id, 'active'),
			e(to, 'status', id, 'completed', {from: 'active', to: 'completed', diskBytes: size * gib}),
		];
		const totals = reportTotals(reportRows([...done('a', 0, 60, 10), ...done('b', 30, 150, 20)]));
		assert.deepEqual(totals, {imports: 2, completed: 2, deleted: 0, completedGib: 30, medianDurationMs: 90 * minute, endedUnwatched: 0, gibPerHour: 30 / 2.5});
	});

	it('an end noticed late (while no watcher ran) has no duration and no rate, and is left out of the median and throughput', () => {
		const gib = 2 ** 30;
		const rows = reportRows([
			e(0, 'new', 'a', 'active'),
			e(60, 'status', 'a', 'completed', {from: 'active', to: 'completed', diskBytes: 10 * gib}),
			e(0, 'new', 'late', 'active'),
			e(500, 'status', 'late', 'completed', {from: 'active', to: 'completed', diskBytes: 10 * gib, late: true}),
		]);
		assert.deepEqual(
			rows.map((row) => [row.taskId, row.ended === undefined ? undefined : (row.ended - at(0)) / minute, row.durationMs, row.gibPerHour, row.endedLate]),
			[
				['a', 60, 60 * minute, 10, undefined],
				['late', 500, undefined, undefined, true],
			],
		);
		const totals = reportTotals(rows);
		assert.deepEqual([totals.medianDurationMs, totals.gibPerHour, totals.endedUnwatched, totals.completed], [60 * minute, 10, 1, 2]);
		const md = formatReport(rows, 'md', () => 0);
		assert.match(md, /\| late \| image \| — \| — \| completed \| [^|]+ \| [^|]+ \| — \| 10737418240 \| — \|/);
		assert.match(md, /- median duration \(completed\): 1h 00m \(1 ended while no watcher ran: no duration\)/);
		assert.match(md, /- throughput \(completed, first seen to last ended\): 10 GiB\/h \(1 ended while no watcher ran: left out\)/);
		const json: unknown = JSON.parse(formatReport(rows, 'json', () => 0));
		assert.deepEqual(Array.isArray(json) ? json.map((row: Record<string, unknown>) => [row.duration_s, row.gib_per_hour]) : json, [
			[3600, 10],
			[null, null],
		]);
		assert.match(formatReport(rows, 'csv', () => 0).split('\r\n')[2] ?? '', /,completed,[^,]+,[^,]+,,10737418240,,/);
	});

	it('a transition two watchers both recorded counts once; the median rounds as duration_s does', () => {
		const rows = reportRows([
			e(0, 'new', 'a', 'active'),
			e(0.001, 'new', 'a', 'active'),
			{...e(1, 'status', 'a', 'completed', {from: 'active', to: 'completed'}), at: at(1) + 14_600},
			{...e(1, 'status', 'a', 'completed', {from: 'active', to: 'completed'}), at: at(1) + 14_665},
		]);
		assert.equal(rows.length, 1);
		assert.equal(rows[0]?.durationMs, 74_600);
		const md = formatReport(rows, 'md', () => 0);
		assert.match(md, /\| 75 \|/);
		assert.match(md, /- median duration \(completed\): 1m 15s$/m);
	});

	it('the result of an import first seen already completed', () => {
		const [row] = reportRows([e(0, 'first-seen', 'a', 'completed', {resultId: 'ami-1'})]);
		assert.equal(row?.resultId, 'ami-1');
	});
});

describe('report cells', () => {
	it('csv: a would-be formula gets a leading quote; comma, quote, CR and LF are quoted', () => {
		for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])
			assert.equal(csvField(text).replace(/^"|"$/g, '').startsWith("'"), true, JSON.stringify(text));
		assert.equal(csvField('a,b'), '"a,b"');
		assert.equal(csvField('say "hi"'), '"say ""hi"""');
		assert.equal(csvField('a\nb'), '"a\nb"');
		assert.equal(csvField('plain'), 'plain');
		assert.equal(csvField(null), '');
		assert.equal(csvField(12), '12');
	});

	it('md: backslashes and pipes escaped', () => {
		assert.equal(markdownCell('a|b\\|c'), 'a\\|b\\\\\\|c');
		assert.equal(markdownCell(null), '—');
	});

	it('ISO 8601 with the offset, east and west and on the half hour', () => {
		const moment = Date.UTC(2026, 11, 7, 8, 5, 9);
		assert.equal(
			isoWithOffset(moment, () => 60),
			'2026-12-07T09:05:09+01:00',
		);
		assert.equal(
			isoWithOffset(moment, () => -300),
			'2026-12-07T03:05:09-05:00',
		);
		assert.equal(
			isoWithOffset(moment, () => 330),
			'2026-12-07T13:35:09+05:30',
		);
		assert.equal(
			isoWithOffset(moment, () => 0),
			'2026-12-07T08:05:09+00:00',
		);
	});
});
