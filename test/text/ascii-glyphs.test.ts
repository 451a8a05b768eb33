import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {toAscii} from '../../source/text/ascii-glyphs.js';
import {displayWidth} from '../../source/text/text-width.js';
import {statusGlyph} from '../../source/ui/theme.js';

// The one ASCII fallback: the TUI's stream in a non-UTF-8 locale, plain lines, and the theme's status glyphs.

describe('toAscii', () => {
	test('every glyph keeps its column; the active glyph is not the selection cursor', () => {
		assert.equal(toAscii('> ▶ active  ✔ completed  ⋯ deleting  ✖ deleted  ● ███▌░░ — …'), '> o active  + completed  ~ deleting  x deleted  * ####-- - ~');
		assert.notEqual(toAscii('▶'), '>');
	});

	test('the cut mark cannot be read as part of the text (not a dot, not the cursor, not the active glyph)', () => {
		assert.equal(toAscii('ubuntu-22.0…'), 'ubuntu-22.0~');
		assert.equal(toAscii('ClientError: Disk validation f…'), 'ClientError: Disk validation f~');
		for (const taken of ['.', '>', 'o']) assert.notEqual(toAscii('…'), taken);
	});

	test('the app’s own curly quotes become straight ones, not ?', () => {
		assert.equal(toAscii('(“cancelled from ec2-import-watch”) ‘x’ it’s'), "(\"cancelled from ec2-import-watch\") 'x' it's");
	});

	test('other non-ASCII text becomes one ? per column, so the layout stays', () => {
		for (const text of ['ubuntu-22.04 café', '日本語の説明', 'disk 💾 1']) {
			const ascii = toAscii(text);
			assert.match(ascii, /^[\x20-\x7e]*$/);
			assert.equal(displayWidth(ascii), displayWidth(text), text);
		}
	});

	test('escape sequences are ASCII and pass untouched', () => {
		assert.equal(toAscii('\u001b[31m▶\u001b[39m'), '\u001b[31mo\u001b[39m');
	});

	test('the theme reads its ASCII status glyphs from the same table', () => {
		const ascii = {color: false, unicode: false};
		const unicode = {color: false, unicode: true};
		for (const status of ['active', 'completed', 'deleting', 'deleted', 'weird']) {
			assert.equal(statusGlyph(ascii, status), toAscii(statusGlyph(unicode, status)));
		}
	});
});
