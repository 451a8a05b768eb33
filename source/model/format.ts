// Numbers and times as the screen shows them. Pure; time zones are injectable for tests.

const unknown = '—';
const byteUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const;

/** Past the largest unit: no unit says it, so the bytes are written as a power of ten (1e+308 B: 8 columns, a DISK cell). */
const absurdBytes = 1024 ** byteUnits.length;

/** Binary units, three significant digits: 512 B, 1.50 KiB, 13.2 GiB, 673 MiB; beyond 1024 EiB 1e+308 B. */
export function formatBytes(bytes: number): string {
	if (!Number.isFinite(bytes)) return unknown;
	const sign = bytes < 0 ? '-' : '';
	if (Math.abs(bytes) >= absurdBytes) return `${sign}${Math.abs(bytes).toExponential(0)} B`;
	let value = Math.abs(bytes);
	let unit = 0;
	while (value >= 1024 && unit < byteUnits.length - 1) {
		value /= 1024;
		unit++;
	}
	if (unit === 0) return `${sign}${Math.round(value)} B`;
	const decimals = value < 9.995 ? 2 : value < 99.95 ? 1 : 0;
	const text = value.toFixed(decimals);
	// 1023.7 MiB rounds to 1024: say 1.00 GiB instead.
	if (Number(text) >= 1024 && unit < byteUnits.length - 1) return `${sign}1.00 ${byteUnits[unit + 1]}`;
	return `${sign}${text} ${byteUnits[unit]}`;
}

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

function two(value: number): string {
	return String(value).padStart(2, '0');
}

/** Elapsed or remaining time, the two largest units, floored: 45s, 12m 05s, 2h 03m, 3d 4h. */
export function formatDuration(ms: number): string {
	if (!Number.isFinite(ms)) return unknown;
	const total = Math.max(0, Math.floor(ms));
	if (total < minute) return `${Math.floor(total / second)}s`;
	if (total < hour) return `${Math.floor(total / minute)}m ${two(Math.floor((total % minute) / second))}s`;
	if (total < day) return `${Math.floor(total / hour)}h ${two(Math.floor((total % hour) / minute))}m`;
	return `${Math.floor(total / day)}d ${Math.floor((total % day) / hour)}h`;
}

/** The largest whole unit only, for narrow columns: 45s, 15m, 2h, 3d. */
export function formatDurationShort(ms: number): string {
	return formatDuration(ms).split(' ')[0] ?? unknown;
}

/**
 * How long ago: just now (under 10 s), 10s ago … 50s ago in steps of ten, then 5m ago, 2h ago, 3d ago.
 * Coarse on purpose (the header redraws only when the words change, and over SSH every redraw costs bytes);
 * `exact` gives every second under a minute, for when the age is what the operator is watching.
 */
export function formatAge(ms: number, exact = false): string {
	if (!Number.isFinite(ms)) return unknown;
	if (ms < (exact ? second : 10 * second)) return 'just now'; // also a clock running a little behind
	if (ms < minute) return `${exact ? Math.floor(ms / second) : Math.floor(ms / (10 * second)) * 10}s ago`;
	if (ms < hour) return `${Math.floor(ms / minute)}m ago`;
	if (ms < day) return `${Math.floor(ms / hour)}h ago`;
	return `${Math.floor(ms / day)}d ago`;
}

// The local zone is read from Date's own fields: an Intl.DateTimeFormat (or any Intl formatter) maps ICU's locale
// and formatting data, ~7 MB more RSS for the life of the process (measured with `node -e`: 43.4 → 50.6 MB). A zone
// given by name (an IANA name such as 'UTC') takes one, kept per process for the zone last asked for.
let zoneFormatter: {zone: string; format: Intl.DateTimeFormat} | undefined;

/** Year, month, day, hour, minute and second of an instant: in the local zone, or in `timeZone` when given. */
function fieldsOf(epochMs: number, timeZone?: string): {year: string; month: string; day: string; hour: string; minute: string; second: string} | undefined {
	const date = new Date(epochMs);
	if (Number.isNaN(date.getTime())) return undefined;
	if (timeZone === undefined) {
		return {
			year: String(date.getFullYear()),
			month: two(date.getMonth() + 1),
			day: two(date.getDate()),
			hour: two(date.getHours()),
			minute: two(date.getMinutes()),
			second: two(date.getSeconds()),
		};
	}
	let cached = zoneFormatter;
	if (cached === undefined || cached.zone !== timeZone) {
		const options = {
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			hourCycle: 'h23',
			timeZone,
		} as const;
		cached = {zone: timeZone, format: new Intl.DateTimeFormat('en-CA', options)};
		zoneFormatter = cached;
	}
	const parts = cached.format.formatToParts(date);
	const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((candidate) => candidate.type === type)?.value ?? '00';
	return {year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute'), second: part('second')};
}

/** HH:MM:SS, 24-hour, in the local zone unless one is given (an IANA name such as 'UTC'). */
export function formatClock(epochMs: number, timeZone?: string): string {
	const fields = Number.isFinite(epochMs) ? fieldsOf(epochMs, timeZone) : undefined;
	return fields === undefined ? '--:--:--' : `${fields.hour}:${fields.minute}:${fields.second}`;
}

/** YYYY-MM-DD HH:MM:SS, 24-hour, in the local zone unless one is given: for lines that outlive the day (logs). */
export function formatDateTime(epochMs: number, timeZone?: string): string {
	const fields = Number.isFinite(epochMs) ? fieldsOf(epochMs, timeZone) : undefined;
	return fields === undefined ? '----------  --:--:--' : `${fields.year}-${fields.month}-${fields.day} ${fields.hour}:${fields.minute}:${fields.second}`;
}

/** A percent as a whole number, rounded down: 99.9 is not done, so it is never drawn as 100%. */
export function formatPercent(percent: number): string {
	if (!Number.isFinite(percent)) return unknown;
	return `${Math.floor(Math.min(100, Math.max(0, percent)))}%`;
}

const eighths = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'] as const;

export interface ProgressBarOptions {
	/** # and - for terminals without UTF-8. */
	ascii?: boolean;
}

/** Exactly `width` characters. Unicode: █ with an eighth-block edge on a ░ track; ASCII: # on -. Floors. */
export function progressBar(percent: number, width: number, options: ProgressBarOptions = {}): string {
	const cells = Math.max(0, Math.floor(Number.isFinite(width) ? width : 0));
	const clamped = Number.isFinite(percent) ? Math.min(100, Math.max(0, percent)) : 0;
	// Multiply before dividing: 29 % of 100 cells is 232 eighths, not 231.99999999999997.
	if (options.ascii === true) {
		const filled = Math.floor((clamped * cells) / 100);
		return '#'.repeat(filled) + '-'.repeat(cells - filled);
	}
	const totalEighths = Math.floor((clamped * cells * 8) / 100);
	const full = Math.floor(totalEighths / 8);
	const edge = eighths[totalEighths % 8] ?? '';
	return '█'.repeat(full) + edge + '░'.repeat(cells - full - (edge === '' ? 0 : 1));
}
