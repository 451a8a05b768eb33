import assert from 'node:assert/strict';
import {after, describe, it} from 'node:test';
import {formatAge, formatBytes, formatClock, formatDateTime, formatDuration, formatPercent, progressBar} from '../../source/model/format.js';

describe('formatBytes', () => {
	const cases: Array<[number, string]> = [
		[0, '0 B'],
		[1, '1 B'],
		[1023, '1023 B'],
		[1024, '1.00 KiB'],
		[1536, '1.50 KiB'],
		[10_230, '9.99 KiB'],
		[10_235, '10.0 KiB'],
		[705_638_400, '673 MiB'],
		[1_073_217_536, '1.00 GiB'],
		[14_159_336_448, '13.2 GiB'],
		[8_589_934_592, '8.00 GiB'],
		[107_374_182_400, '100 GiB'],
		[1_099_511_627_776, '1.00 TiB'],
		[-2048, '-2.00 KiB'],
		// 1023.9 EiB still has a unit; past 1024 EiB none does: the bytes as a power of ten, never cut to 8.67361~.
		[1024 ** 7 - 1024 ** 5, '1024 EiB'],
		[1024 ** 7, '1e+21 B'],
		[1e308, '1e+308 B'],
		[Number.MAX_VALUE, '2e+308 B'],
		[-1e308, '-1e+308 B'],
		[Number.NaN, '—'],
		[Number.POSITIVE_INFINITY, '—'],
	];
	for (const [bytes, expected] of cases) {
		it(`${bytes} → ${expected}`, () => {
			assert.equal(formatBytes(bytes), expected);
		});
	}
});

describe('formatPercent', () => {
	const cases: Array<[number, string]> = [
		[0, '0%'],
		[0.9, '0%'],
		[28, '28%'],
		[99.4, '99%'],
		[99.9, '99%'],
		[99.999, '99%'],
		[100, '100%'],
		[Number.NaN, '—'],
	];
	for (const [percent, expected] of cases) {
		it(`${percent} → ${expected} (rounded down: not done is never 100%)`, () => {
			assert.equal(formatPercent(percent), expected);
		});
	}
});

describe('formatDuration', () => {
	const cases: Array<[number, string]> = [
		[0, '0s'],
		[999, '0s'],
		[45_000, '45s'],
		[59_999, '59s'],
		[60_000, '1m 00s'],
		[725_000, '12m 05s'],
		[3_599_999, '59m 59s'],
		[3_600_000, '1h 00m'],
		[7_380_000, '2h 03m'],
		[86_399_999, '23h 59m'],
		[86_400_000, '1d 0h'],
		[273_600_000, '3d 4h'],
		[-5000, '0s'],
		[Number.NaN, '—'],
	];
	for (const [ms, expected] of cases) {
		it(`${ms} → ${expected}`, () => {
			assert.equal(formatDuration(ms), expected);
		});
	}
});

describe('formatAge', () => {
	const cases: Array<[number, string]> = [
		[-3000, 'just now'],
		[0, 'just now'],
		[999, 'just now'],
		[9_999, 'just now'],
		[12_000, '10s ago'],
		[59_999, '50s ago'],
		[300_000, '5m ago'],
		[7_200_000, '2h ago'],
		[273_600_000, '3d ago'],
		[Number.NaN, '—'],
	];
	for (const [ms, expected] of cases) {
		it(`${ms} → ${expected}`, () => {
			assert.equal(formatAge(ms), expected);
		});
	}
});

describe('formatClock', () => {
	const at = Date.UTC(2026, 0, 15, 9, 5, 7, 999);
	it('formats in a given zone', () => {
		assert.equal(formatClock(at, 'UTC'), '09:05:07');
		assert.equal(formatClock(at, 'Asia/Tokyo'), '18:05:07');
		assert.equal(formatClock(at, 'America/New_York'), '04:05:07');
	});
	it('uses 00, not 24, after midnight', () => {
		assert.equal(formatClock(Date.UTC(2026, 0, 15, 0, 0, 1), 'UTC'), '00:00:01');
	});
	it('uses the local zone by default', () => {
		const local = new Date(at);
		const expected = [local.getHours(), local.getMinutes(), local.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
		assert.equal(formatClock(at), expected);
	});
	it('says so for an invalid time', () => {
		assert.equal(formatClock(Number.NaN, 'UTC'), '--:--:--');
		// Past the range of a Date (±8.64e15 ms): no RangeError, the same dashes.
		assert.equal(formatClock(9e15), '--:--:--');
		assert.equal(formatDateTime(-9e15, 'UTC'), '----------  --:--:--');
	});
});

describe('the local zone', () => {
	const instants = [Date.UTC(2026, 0, 15, 9, 5, 7, 999), Date.UTC(2026, 2, 29, 0, 59, 59), Date.UTC(2026, 9, 25, 1, 0, 0), Date.UTC(1999, 11, 31, 23, 30, 0)];
	const saved = process.env.TZ;
	after(() => {
		if (saved === undefined) delete process.env.TZ;
		else process.env.TZ = saved;
	});
	for (const zone of ['UTC', 'Europe/Berlin', 'Asia/Kolkata', 'America/St_Johns', 'Pacific/Chatham']) {
		it(`is the zone a formatter of the process's own zone shows (TZ=${zone}, across DST changes)`, () => {
			process.env.TZ = zone;
			for (const at of instants) {
				assert.equal(formatDateTime(at), formatDateTime(at, zone), new Date(at).toISOString());
				assert.equal(formatClock(at), formatClock(at, zone));
			}
		});
	}
	it('is read without an Intl formatter (one maps ~7 MB of ICU data for the life of the process)', () => {
		const original = Intl.DateTimeFormat;
		Intl.DateTimeFormat = function refused(): never {
			throw new Error('an Intl.DateTimeFormat was made for the local zone');
		} as unknown as typeof Intl.DateTimeFormat;
		try {
			assert.match(formatDateTime(Date.UTC(2026, 0, 15, 9, 5, 7)), /^2026-01-1[45] \d\d:\d\d:07$/);
			assert.match(formatClock(Date.UTC(2026, 0, 15, 9, 5, 7)), /^\d\d:\d\d:07$/);
		} finally {
			Intl.DateTimeFormat = original;
		}
	});
});

describe('progressBar', () => {
	const cases: Array<[string, number, number, boolean, string]> = [
		['empty', 0, 10, false, '░░░░░░░░░░'],
		['full', 100, 10, false, '██████████'],
		['half', 50, 10, false, '█████░░░░░'],
		['eighth edge', 28, 10, false, '██▊░░░░░░░'],
		['one eighth', 1.25, 10, false, '▏░░░░░░░░░'],
		['just under full', 99.9, 10, false, '█████████▉'],
		['no float drift', 29, 100, false, `${'█'.repeat(29)}${'░'.repeat(71)}`],
		['over 100 clamps', 150, 4, false, '████'],
		['negative clamps', -5, 4, false, '░░░░'],
		['NaN is empty', Number.NaN, 4, false, '░░░░'],
		['zero width', 50, 0, false, ''],
		['ASCII half', 50, 10, true, '#####-----'],
		['ASCII floors', 28, 10, true, '##--------'],
		['ASCII full', 100, 6, true, '######'],
	];
	for (const [name, percent, width, ascii, expected] of cases) {
		it(name, () => {
			const bar = progressBar(percent, width, {ascii});
			assert.equal(bar, expected);
			assert.equal([...bar].length, width);
		});
	}
	it('is exactly the width for every percent', () => {
		for (let percent = 0; percent <= 100; percent += 0.5) {
			for (const width of [1, 3, 7, 20]) {
				assert.equal([...progressBar(percent, width)].length, width);
				assert.equal(progressBar(percent, width, {ascii: true}).length, width);
			}
		}
	});
});
