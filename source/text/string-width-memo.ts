import stringWidth from 'string-width';

// `string-width`, remembered. Ink measures every line of the screen on every frame (and the table measures every
// cell), nearly always the same strings as the frame before; for any text that is not plain ASCII (…, ·, —, ●,
// CJK) string-width segments graphemes and runs Unicode regexes, which was the largest part of a key press with
// 10,000 tasks. The answer depends only on the text and the one option Ink passes, so a remembered answer is the
// same answer. The build routes Ink's own imports of string-width here (source/build/bundle.ts).

interface Options {
	ambiguousIsNarrow?: boolean;
	countAnsiEscapeCodes?: boolean;
}

/** Entries kept per generation: two generations hold the strings of the last few frames, a few hundred KB at most. */
const generationSize = 4096;

interface Memo {
	current: Map<string, number>;
	previous: Map<string, number>;
}

const newMemo = (): Memo => ({current: new Map(), previous: new Map()});

/** Code points one column wide that are their own grapheme, whatever follows them (no marks, joiners, selectors,
 * emoji, controls): printable ASCII, Latin-1 without the soft hyphen, and the glyphs the UI draws (ascii-glyphs.ts).
 * Text made only of these is as wide as it is long; string-width agrees on every one (test/text). */
export const narrowRanges: readonly (readonly [number, number])[] = [
	[0x20, 0x7e],
	[0xa0, 0xac],
	[0xae, 0xff],
	[0x2010, 0x2027],
	[0x2190, 0x2193],
	[0x2202, 0x2202],
	[0x2298, 0x2298],
	[0x22ef, 0x22ef],
	[0x232b, 0x232b],
	[0x241b, 0x241b],
	[0x2500, 0x259f],
	[0x25b6, 0x25b6],
	[0x25cf, 0x25cf],
	[0x2714, 0x2714],
	[0x2716, 0x2716],
	[0xfffd, 0xfffd],
];
const hex = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`;
const narrowText = new RegExp(`^[${narrowRanges.map(([from, to]) => `${hex(from)}-${hex(to)}`).join('')}]*$`);
/** SGR sequences (colours, bold), as strip-ansi removes them: ESC [ parameters m. */
const sgr = /\x1b\[[0-9;]*m/g;

/** The width of text string-width needs no Unicode tables for (narrowRanges, with SGR sequences unless they are
 * counted), or undefined. The first frame's text is all such: string-width builds no Unicode tables for it. */
export function narrowWidth(text: string, countAnsiEscapeCodes: boolean): number | undefined {
	const visible = !countAnsiEscapeCodes && text.includes('\x1b') ? text.replace(sgr, '') : text;
	return narrowText.test(visible) ? visible.length : undefined;
}
const plain = newMemo();
const countingEscapes = newMemo();

function remembered(memo: Memo, text: string, measure: () => number): number {
	const known = memo.current.get(text);
	if (known !== undefined) return known;
	const width = memo.previous.get(text) ?? measure();
	if (memo.current.size >= generationSize) {
		memo.previous = memo.current;
		memo.current = new Map();
	}
	memo.current.set(text, width);
	return width;
}

/** How many widths are remembered now (both memos, both generations): for the test that the memory is bounded. */
export function rememberedCount(): number {
	return [plain, countingEscapes].reduce((sum, memo) => sum + memo.current.size + memo.previous.size, 0);
}

export default function memoStringWidth(text: string, options?: Options): number {
	if (typeof text !== 'string' || text.length === 0) return 0;
	if (options === undefined || (options.ambiguousIsNarrow !== false && options.countAnsiEscapeCodes !== true)) {
		return remembered(plain, text, () => narrowWidth(text, false) ?? stringWidth(text));
	}
	if (options.ambiguousIsNarrow !== false) return remembered(countingEscapes, text, () => narrowWidth(text, true) ?? stringWidth(text, options));
	return stringWidth(text, options);
}
