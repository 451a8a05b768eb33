import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import {test} from 'node:test';
import stringWidth from 'string-width';
import memoStringWidth, {rememberedCount} from '../../source/text/string-width-memo.js';
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
	assert.match(code, /getStringWidth = \(string\) => memoStringWidth\(string, \{ countAnsiEscapeCodes: true \}\)/, "Ink's output measures through the memo");
	// Outside the memo itself, nothing calls the bare function.
	const outside = code.replace(/\nfunction memoStringWidth\([\s\S]*?\n\}\n/, '\n').replace(/\nfunction stringWidth\(/, '\n');
	assert.doesNotMatch(outside, /(?<![\w.])stringWidth\(/, 'no caller left on the bare string-width');
});
