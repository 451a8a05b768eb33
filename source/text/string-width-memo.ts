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
		return remembered(plain, text, () => stringWidth(text));
	}
	if (options.ambiguousIsNarrow !== false) return remembered(countingEscapes, text, () => stringWidth(text, options));
	return stringWidth(text, options);
}
