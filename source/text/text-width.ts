import stringWidth from './string-width-memo.js';

// Terminal column widths: the one width function of the app is the one Ink lays out with (`string-width`), so
// our table, Ink's layout and the screen diff agree on every column. Ambiguous-width characters (…, ░, �) count as
// 1 column, as in every terminal's default. Characters it counts as 0 that a terminal may draw (Hangul fillers,
// other default-ignorable characters) never get here: the sanitiser replaces them.

const graphemes = new Intl.Segmenter('en', {granularity: 'grapheme'});
const ellipsis = '…';

export function displayWidth(text: string): number {
	return stringWidth(text);
}

/**
 * At most `width` columns. When cut, the text ends in … and takes exactly `width` columns: a wide
 * character that would straddle the edge is left out and a space takes its place, before the ….
 */
export function truncateToWidth(text: string, width: number): string {
	const limit = Math.max(0, Math.floor(width));
	if (displayWidth(text) <= limit) return text;
	if (limit === 0) return '';
	const budget = limit - 1;
	let used = 0;
	let kept = '';
	for (const {segment} of graphemes.segment(text)) {
		const columns = stringWidth(segment);
		if (used + columns > budget) break;
		used += columns;
		kept += segment;
	}
	return `${kept}${' '.repeat(budget - used)}${ellipsis}`;
}

/**
 * At most `width` columns, keeping both ends: the first `head` columns (a label such as `Not cancellable: `) and the
 * end (the reason, the retry time), the middle given up from its start at a word's start, with … where it was.
 * Falls back to cutting the end when the head leaves no room.
 */
export function cutMiddle(text: string, width: number, head: number): string {
	const limit = Math.max(0, Math.floor(width));
	if (displayWidth(text) <= limit) return text;
	const parts = [...graphemes.segment(text)].map(({segment}) => segment);
	let start = '';
	for (const part of parts) {
		if (displayWidth(start + part) > head) break;
		start += part;
	}
	const room = limit - displayWidth(start) - 1;
	if (room < 8) return truncateToWidth(text, limit);
	let tail = '';
	for (let index = parts.length - 1; index >= 0; index--) {
		const next = `${parts[index] ?? ''}${tail}`;
		if (displayWidth(next) > room) break;
		tail = next;
	}
	// Begin at a word's start when one is in the tail: `… (shown trimmed)`, not `…own trimmed)`.
	const word = tail.search(/(?<=\s)\S/);
	return `${start}${ellipsis}${word > 0 && word < tail.length / 2 ? ` ${tail.slice(word)}` : tail}`;
}

/** Exactly `width` columns: truncated if longer, padded with spaces on the other side of `align`. */
export function padToWidth(text: string, width: number, align: 'left' | 'right'): string {
	const limit = Math.max(0, Math.floor(width));
	const fitted = truncateToWidth(text, limit);
	const padding = ' '.repeat(limit - displayWidth(fitted));
	switch (align) {
		case 'left':
			return fitted + padding;
		case 'right':
			return padding + fitted;
		default: {
			const unreachable: never = align;
			return unreachable;
		}
	}
}

export interface ColumnSpec {
	/** Columns below which this one is only squeezed when nothing else gives. */
	min: number;
	/** Columns it would like. */
	ideal: number;
	/** Weight for taking up slack and for giving way first; absent or 0: a fixed column. */
	flex?: number;
}

/**
 * Widths for `columns` so that widths + gaps fit in `total`. Never drops a column. When space is short,
 * flex columns shrink first (by flex weight) down to their min, then all columns evenly down to their
 * min, then evenly towards 0. Space left over goes to the flex columns by weight. Remainders go to the
 * rightmost columns first. The sum of the widths never exceeds max(0, total − gaps).
 */
export function fitColumns(columns: readonly ColumnSpec[], total: number, gap: number): number[] {
	const available = Math.max(0, whole(total) - whole(gap) * Math.max(0, columns.length - 1));
	const mins = columns.map((column) => whole(column.min));
	const widths = columns.map((column, index) => Math.max(mins[index] ?? 0, whole(column.ideal)));
	const flexes = columns.map((column) => positive(column.flex));
	let excess = widths.reduce((sum, width) => sum + width, 0) - available;

	if (excess < 0) {
		const shares = distribute(
			-excess,
			flexes,
			flexes.map(() => Number.POSITIVE_INFINITY),
		);
		return widths.map((width, index) => width + (shares[index] ?? 0));
	}
	const even = columns.map(() => 1);
	const floors = [mins, mins, columns.map(() => 0)];
	for (const [phase, weights] of [flexes, even, even].entries()) {
		if (excess <= 0) break;
		const floor = floors[phase] ?? [];
		const room = widths.map((width, index) => width - (floor[index] ?? 0));
		const shares = distribute(excess, weights, room);
		for (const [index, share] of shares.entries()) {
			widths[index] = (widths[index] ?? 0) - share;
			excess -= share;
		}
	}
	return widths;
}

function whole(value: number): number {
	return Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function positive(value: number | undefined): number {
	return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;
}

// Splits `amount` in whole units by weight, no share above its room; what cannot be split evenly goes one
// unit at a time to the rightmost open entries. Returns the shares (their sum ≤ amount).
function distribute(amount: number, weights: readonly number[], room: readonly number[]): number[] {
	const shares = weights.map(() => 0);
	let left = amount;
	while (left > 0) {
		const open = weights.flatMap((weight, index) => (weight > 0 && (shares[index] ?? 0) < (room[index] ?? 0) ? [index] : []));
		if (open.length === 0) break;
		const totalWeight = open.reduce((sum, index) => sum + (weights[index] ?? 0), 0);
		let given = 0;
		for (const index of open) {
			const share = Math.min((room[index] ?? 0) - (shares[index] ?? 0), Math.floor((left * (weights[index] ?? 0)) / totalWeight));
			shares[index] = (shares[index] ?? 0) + share;
			given += share;
		}
		if (given === 0) {
			for (const index of open.reverse()) {
				if (given === left) break;
				shares[index] = (shares[index] ?? 0) + 1;
				given++;
			}
		}
		left -= given;
	}
	return shares;
}

export interface WrapOptions {
	/** Columns of spaces before every line but the first (plain lines indent a wrapped line by two). */
	indent?: number;
	/** Break only at spaces (prose with times in it), not also after `/`, `:` and `,`. */
	spacesOnly?: boolean;
}

/** A URL, or an IAM action (`kms:Decrypt`, `s3:GetObject`), maybe in brackets or before punctuation: kept whole. */
const unbroken = /^[("'[]?([a-z][a-z0-9+.-]*:\/\/\S+|[a-z][a-z0-9-]*:[A-Z*][A-Za-z0-9*]*[)"'\],.;:]*)$/;

/** A word's parts to break between: a URL or action whole if it fits a line, else after its `/`s only. */
function wordParts(word: string, limit: number, spacesOnly: boolean): string[] {
	if (spacesOnly) return [word];
	if (unbroken.test(word.trimEnd())) return displayWidth(word.trimEnd()) <= limit ? [word] : (word.match(/[^/]*\/*/g) ?? []);
	return word.match(/[^\s/:,]*[\s/:,]*/g) ?? [];
}

/**
 * Lines of at most `width` columns, broken after a space, `/`, `:` or `,` (so ARNs and keys break at their
 * parts); a URL or an IAM action (`kms:Decrypt`) is never broken unless it is longer than a line, and then only
 * after a `/`; a part longer than a line is broken where the line ends. Spaces at a break are dropped.
 */
export function wrapText(text: string, width: number, options: WrapOptions = {}): string[] {
	const indent = ' '.repeat(Math.max(0, options.indent ?? 0));
	let limit = Math.max(1, Math.floor(width));
	if (displayWidth(text) <= limit) return [text];
	const lines: string[] = [];
	let line = '';
	const push = () => {
		const done = line.trimEnd();
		if (done !== '') {
			lines.push(lines.length === 0 ? done : indent + done);
			if (lines.length === 1) limit = Math.max(1, limit - indent.length);
		}
		line = '';
	};
	const add = (part: string) => {
		if (displayWidth(line + part.trimEnd()) <= limit) {
			line += part;
			return;
		}
		// A part that fits a line of its own starts one; a longer one fills this line and breaks where it ends.
		if (displayWidth(part.trimEnd()) <= limit) {
			push();
			line = part;
			return;
		}
		for (const {segment} of graphemes.segment(part)) {
			if (displayWidth(line + segment) > limit && segment.trim() !== '') push();
			line += segment;
		}
	};
	for (const word of text.match(/\S*\s*/g) ?? []) {
		for (const part of wordParts(word, limit, options.spacesOnly === true)) if (part !== '') add(part);
	}
	push();
	return lines;
}
