import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import {test} from 'node:test';
import stringWidth from 'string-width';
import memoStringWidth, {narrowRanges, narrowWidth, rememberedCount} from '../../source/text/string-width-memo.js';
import {launchPath} from '../helpers/term.js';

const samples = [
	'',
	'plain ascii',
	'import-ami-0123456789abcdef0 · active · 42 % …',
	'日本語のテキスト',
	'👩‍💻 dev 🇯🇵',
	'1\u20E3 keycap',
	'e\u0301 combining',
	'\u001B[31mred\u001B[39m',
	'한국어 각',
	'tab\there',
	'ｈａｌｆ-ｗｉｄｔｈ',
];

test('remembered widths are the widths string-width gives, asked once or many times, with the options Ink passes', () => {
	for (let round = 0; round < 3; round++) {
		for (const text of samples) {
			assert.equal(memoStringWidth(text), stringWidth(text), JSON.stringify(text));
			assert.equal(memoStringWidth(text, {countAnsiEscapeCodes: true}), stringWidth(text, {countAnsiEscapeCodes: true}), JSON.stringify(text));
			assert.equal(memoStringWidth(text, {ambiguousIsNarrow: false}), stringWidth(text, {ambiguousIsNarrow: false}), JSON.stringify(text));
		}
	}
});

test('text of one-column code points is measured without string-width, and as string-width measures it', () => {
	for (const [from, to] of narrowRanges) {
		for (let code = from; code <= to; code++) {
			const glyph = String.fromCodePoint(code);
			for (const text of [glyph, `a${glyph}${glyph}z`]) {
				assert.equal(narrowWidth(text, false), stringWidth(text), `U+${code.toString(16)}`);
				assert.equal(narrowWidth(text, true), stringWidth(text, {countAnsiEscapeCodes: true}), `U+${code.toString(16)}`);
			}
		}
	}
	// Ink's lines: colours and bold around the UI's glyphs.
	const styled = '\u001B[1mec2-import-watch\u001B[22m\u001B[90m · \u001B[39mevery 2s\u001B[38;2;1;2;3m …\u001B[0m';
	assert.equal(narrowWidth(styled, false), stringWidth(styled));
	// Counted escapes, marks, wide or emoji text, other sequences: string-width decides.
	for (const text of [styled, 'e\u0301', '日本', '✔\uFE0F', '👍', '\u001B]8;;http://x\u0007link\u001B]8;;\u0007', '\u009B31mx', 'a\u00ADb', '\u001B[1m日']) {
		assert.equal(narrowWidth(text, text === styled), undefined, JSON.stringify(text));
	}
});

test('the memory is bounded: past many distinct strings, early ones are measured again and still right', () => {
	for (let index = 0; index < 20_000; index++) {
		const text = `row ${index} · ${'日'.repeat(index % 7)}`;
		assert.equal(memoStringWidth(text), stringWidth(text));
	}
	assert.equal(memoStringWidth('row 0 · '), stringWidth('row 0 · '));
	// Two generations of 4,096 for each of the two memos at most, whatever was measured.
	assert.ok(rememberedCount() <= 4 * 4096, `${rememberedCount()} widths remembered`);
	assert.ok(rememberedCount() >= 4096, 'the last generation is kept');
});

test('the built app measures through the remembered widths, and bundles string-width once', () => {
	const chunks = new URL('chunks/', new URL(`file://${launchPath}`));
	const code = readdirSync(chunks)
		.map((name) => readFileSync(new URL(name, chunks), 'utf8'))
		.join('\n');
	assert.equal(code.match(/^function stringWidth\(/gm)?.length, 1, 'one copy of string-width');
	// Its Unicode tables are built at its first call (source/build/deferred-dependency-work.ts), not on import.
	assert.match(code, /^function stringWidth\(\.\.\.args\) \{\n {2}loaded \?\?= load\(\);/m);
	assert.doesNotMatch(code, /^(?:var|const|let) rgiEmojiRegex/m);
	assert.match(code, /getStringWidth = \(string\) => memoStringWidth\(string, \{ countAnsiEscapeCodes: true \}\)/, "Ink's output measures through the memo");
	// Outside the memo itself, nothing calls the bare function.
	const outside = code.replace(/\nfunction memoStringWidth\([\s\S]*?\n\}\n/, '\n').replace(/\nfunction stringWidth\(/, '\n');
	assert.doesNotMatch(outside, /(?<![\w.])stringWidth\(/, 'no caller left on the bare string-width');
});
