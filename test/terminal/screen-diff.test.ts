import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {ScreenSize} from '../../source/terminal/cell-grid.js';
import {cursorMove} from '../../source/terminal/cursor-move.js';
import {playScreen} from '../../source/terminal/ink-bytes.js';
import {createScreenDiff} from '../../source/terminal/screen-diff.js';
import {applySgr, plainStyle, sgrChange} from '../../source/terminal/sgr-style.js';

const esc = '\u001B';
const bsu = `${esc}[?2026h`;
const esu = `${esc}[?2026l`;
const frame = (body: string) => `${bsu}${body}${esu}`;

/** A diff on a 20×4 screen that has entered the alternate screen and drawn `lines` (Ink's first frame). */
function started(lines: string, size: ScreenSize = {columns: 20, rows: 4}) {
	const diff = createScreenDiff(() => size);
	assert.equal(diff(`${esc}[?1049h`), `${esc}[?1049h${esc}[H${esc}[m${esc}[J`);
	assert.equal(diff(`${esc}[?25l`), `${esc}[?25l`);
	diff(frame(lines));
	return {diff, size};
}

describe('a frame writes only the cells that changed', () => {
	test('the first frame is drawn with line moves instead of newlines', () => {
		const diff = createScreenDiff(() => ({columns: 20, rows: 4}));
		diff(`${esc}[?1049h`);
		assert.equal(diff(frame(`hello world\n${esc}[31mred${esc}[39m`)), frame(`${esc}[Hhello world${esc}[E${esc}[31mred`));
	});

	test('a one-cell change: one absolute move and one cell', () => {
		const {diff} = started('hello world\n\nlast');
		// Ink rewrites from the first changed column to the end of the line.
		assert.equal(diff(frame(`${esc}[2A${esc}[8G${esc}[Karld${esc}[2E`)), frame(`${esc}[;8Ha`));
	});

	test('a line rewritten whole with the same suffix: only the changed cells', () => {
		const {diff} = started('progress 10% done');
		assert.equal(diff(frame(`\r${esc}[Kprogress 11% done`)), frame(`${esc}[;11H1`));
	});

	test('a short unchanged gap is rewritten rather than jumped over', () => {
		const {diff} = started('a-b-c');
		assert.equal(diff(frame(`\r${esc}[KA-B-C`)), frame(`${esc}[HA-B-C`));
	});

	test('a frame that changes nothing writes nothing, not even the synchronised-output wrapper', () => {
		const {diff} = started(`${esc}[1mhello${esc}[22m`);
		assert.equal(diff(frame(`\r${esc}[K${esc}[1mhello${esc}[22m`)), '');
		assert.equal(diff(frame('')), '');
		assert.equal(diff(`${esc}[?25l`), '', 'the cursor is hidden already');
	});

	test('a style-only change writes the cells with the new style, and only the difference of SGR', () => {
		const {diff} = started(`${esc}[31mred${esc}[39m rest`);
		assert.equal(diff(frame(`\r${esc}[K${esc}[32mred${esc}[39m rest`)), frame(`${esc}[H${esc}[32mred`));
		assert.equal(diff(frame(`\r${esc}[K${esc}[1;32mred${esc}[0m rest`)), frame(`${esc}[H${esc}[1mred`));
	});

	test('erase to the end of the line when a line gets shorter', () => {
		const {diff} = started('hello world');
		assert.equal(diff(frame(`${esc}[6G${esc}[K`)), frame(`${esc}[;7H${esc}[K`));
		// One cell: a space is shorter than an erase.
		assert.equal(diff(frame(`${esc}[5G${esc}[K`)), frame(`${esc}[;5H `));
	});

	test('an erase after a coloured background: the background goes back to the default first', () => {
		const {diff} = started(`${esc}[41mwarning banner${esc}[49m`);
		assert.equal(diff(frame(`\r${esc}[K${esc}[41mwarn${esc}[49m`)), frame(`${esc}[;5H${esc}[m${esc}[K`));
		assert.equal(diff(frame(`\r${esc}[K${esc}[41mwar${esc}[49m`)), frame(`${esc}[;4H `));
	});
});

describe('wide characters', () => {
	test('CJK swapped in place: the two wide cells, nothing else', () => {
		const {diff} = started('ab中文cd');
		assert.equal(diff(frame(`\r${esc}[Kab文中cd`)), frame(`${esc}[;3H文中`));
	});

	test('shifted by one column, so each wide character straddles an old one: the whole shifted run', () => {
		const {diff} = started('中文x😀y');
		assert.equal(diff(frame(`\r${esc}[K 中文x😀y`)), frame(`${esc}[H 中文x😀y`));
		assert.deepEqual(playScreen(`${esc}[?1049h 中文x😀y`, {columns: 20, rows: 1}), [' 中文x😀y']);
	});

	test('a narrow cell over half of a wide one rewrites the whole wide character', () => {
		const {diff} = started('a中b');
		// The terminal would blank the other half of 中; the diff writes both cells that change.
		assert.equal(diff(frame(`\r${esc}[Kaxyb`)), frame(`${esc}[;2Hxy`));
		assert.equal(diff(frame(`\r${esc}[Ka中b`)), frame(`${esc}[;2H中`));
	});

	test('an emoji with a variation selector and a ZWJ family is one cluster, as wide as our layout says', () => {
		const {diff} = started('❤️ ok 👨‍👩‍👧 ok');
		assert.equal(diff(frame(`\r${esc}[K❤️ OK 👨‍👩‍👧 OK`)), frame(`${esc}[;4HOK${esc}[4COK`));
	});
});

describe('what resets and what passes through', () => {
	test('Ink clearing and redrawing the same frame (home, erase down) writes nothing', () => {
		const {diff} = started('one\ntwo');
		assert.equal(diff(frame(`${esc}[1;1H${esc}[Jone\ntwo`)), '');
		assert.equal(diff(frame(`${esc}[1;1H${esc}[Jone\ntwice`)), frame(`${esc}[2;3Hice`));
	});

	test('a resize makes the next frame a full repaint from home', () => {
		const {diff, size} = started(`${esc}[32mone${esc}[39m\ntwo`);
		size.columns = 10;
		size.rows = 2;
		assert.equal(diff(frame(`${esc}[1;1H${esc}[J${esc}[32mone${esc}[39m\ntwo`)), frame(`${esc}[H${esc}[J${esc}[32mone${esc}[E${esc}[mtwo`));
		assert.equal(diff(frame(`${esc}[1A\r${esc}[K${esc}[32mone${esc}[39m\ntwo`)), '');
	});

	test('a frame laid out for the old width, written just after a narrowing, is clipped rather than wrapped', () => {
		const {diff, size} = started('0123456789\nabcdefghij\nlast', {columns: 10, rows: 3});
		size.columns = 8;
		// Ink's relative erase, its stale frame, then the frame for 8 columns with the unchanged last row skipped.
		diff(`${esc}[2K${esc}[1A${esc}[2K${esc}[1A${esc}[2K${esc}[G`);
		diff(frame('0123456789\nabcdefghij\nlast'));
		diff(frame(`${esc}[2A\r${esc}[K012345…\n\r${esc}[Kabcdef…\n`));
		assert.deepEqual(playScreen(`${esc}[H${esc}[J0123456789\nabcdefghij\nlast`, {columns: 8, rows: 3}), ['01234567', 'abcdefgh', 'last']);
		assert.equal(diff(frame(`${esc}[2A\r${esc}[K012345…\n\r${esc}[Kabcdef…\nlast`)), '');
	});

	test('a size change between writes is seen on the next write, even outside a frame', () => {
		const {diff, size} = started('abc');
		size.rows = 3;
		assert.equal(diff(`${esc}[?25l`), `${esc}[H${esc}[Jabc`);
	});

	test("a sequence it does not model: the frame so far is written, then Ink's bytes as they are", () => {
		const {diff} = started('abc\ndef');
		const out = diff(`${bsu}${esc}[1A\r${esc}[KABC${esc}[2;3rxy\n${esc}[7mz`);
		assert.equal(out, `${bsu}${esc}[HABC${esc}[2;3rxy\n${esc}[7mz`);
		assert.equal(diff(esu), esu);
		// Until home-and-erase makes the screen known again.
		assert.equal(diff(frame(`${esc}[1;1H${esc}[J${esc}[mq`)), frame(`${esc}[1;1H${esc}[J${esc}[mq`));
		assert.equal(diff(frame(`\r${esc}[Kp`)), frame(`${esc}[Hp`));
	});

	test('control strings and neutral modes go out with the frame; a saved cursor or a tab is not modelled', () => {
		const {diff} = started('abc');
		assert.equal(diff(frame(`${esc}]0;title\u0007${esc}[?2004h`)), frame(`${esc}]0;title\u0007${esc}[?2004h`));
		assert.equal(diff(`${esc}7`), `${esc}7`);
		assert.equal(diff('x\ty'), 'x\ty');
	});

	test("leaving the alternate screen and showing the cursor pass through exactly (style back to Ink's first)", () => {
		const {diff} = started('abc');
		assert.equal(diff(frame(`\r${esc}[K${esc}[33mabc${esc}[39m`)), frame(`${esc}[H${esc}[33mabc`));
		assert.equal(diff(`${esc}[?1049l`), `${esc}[m${esc}[?1049l`);
		assert.equal(diff(`${esc}[?25h`), `${esc}[?25h`);
		assert.equal(diff('summary\n'), 'summary\n');
	});

	test("before the alternate screen, Ink's bytes go through as they are", () => {
		const diff = createScreenDiff(() => ({columns: 20, rows: 4}));
		assert.equal(diff(`${esc}[2Khello\n`), `${esc}[2Khello\n`);
	});

	test('no size (not a TTY): nothing is modelled', () => {
		const diff = createScreenDiff(() => undefined);
		assert.equal(diff(`${esc}[?1049h${esc}[1Ahi`), `${esc}[?1049h${esc}[1Ahi`);
	});
});

describe('trusted from any cursor position', () => {
	test('every write starts with an absolute position, so an update after foreign output lands where it belongs', () => {
		const size = {columns: 20, rows: 4};
		const {diff} = started('last poll 10:00:01\nrow\nrow', size);
		let terminal = `${esc}[?1049h${esc}[H${esc}[J${esc}[?25l${frame('last poll 10:00:01\nrow\nrow')}`;
		// Something else writes on row 4 and leaves the cursor there; then Ink's header-only frame.
		terminal += `${esc}[4;1Hstray`;
		const out = diff(frame(`${esc}[2A${esc}[18G${esc}[K2\n\n`));
		assert.equal(out, frame(`${esc}[;18H2`));
		terminal += out;
		assert.deepEqual(playScreen(terminal, size), ['last poll 10:00:02', 'row', 'row', 'stray']);
	});

	test('repaint: clear and the whole frame, style and cursor visibility sent again, synchronised', () => {
		const {diff} = started(`${esc}[31mred${esc}[39m\nplain`);
		assert.equal(diff.repaint(), frame(`${esc}[H${esc}[m${esc}[J${esc}[31mred${esc}[E${esc}[mplain${esc}[?25l`));
		// Nothing is left to write after it.
		assert.equal(diff(frame(`${esc}[1A\r${esc}[K${esc}[31mred${esc}[39m\nplain`)), '');
	});

	test('repaint after a same-size resize signal, and before the screen is known', () => {
		assert.equal(createScreenDiff(() => ({columns: 20, rows: 4})).repaint(), '');
		const {diff, size} = started('abc');
		size.columns = 5;
		assert.equal(diff.repaint(), frame(`${esc}[H${esc}[m${esc}[Jabc${esc}[?25l`));
	});
});

describe('the pieces', () => {
	test('cursor moves: the shortest of absolute, relative and line moves', () => {
		assert.equal(cursorMove({row: 5, col: 7}, 0, 0), `${esc}[H`);
		assert.equal(cursorMove({row: 5, col: 7}, 5, 0), '\r');
		assert.equal(cursorMove({row: 5, col: 7}, 6, 0), `${esc}[E`);
		assert.equal(cursorMove({row: 5, col: 7}, 5, 9), `${esc}[2C`);
		assert.equal(cursorMove({row: 5, col: 7}, 4, 7), `${esc}[A`);
		assert.equal(cursorMove({row: 30, col: 100}, 2, 50), `${esc}[3;51H`);
		// After the last column (pending wrap) only absolute columns are trusted.
		assert.equal(cursorMove({row: 5, col: undefined}, 5, 118), `${esc}[119G`);
		// From an unknown place only an absolute move, in its shortest form.
		assert.equal(cursorMove(undefined, 0, 0), `${esc}[H`);
		assert.equal(cursorMove(undefined, 0, 71), `${esc}[;72H`);
		assert.equal(cursorMove(undefined, 4, 0), `${esc}[5H`);
		assert.equal(cursorMove(undefined, 4, 9), `${esc}[5;10H`);
	});

	test('SGR changes: the difference, or a reset when that is shorter', () => {
		const red = applySgr(plainStyle, '31')!;
		const boldRed = applySgr(red, '1')!;
		assert.equal(sgrChange(red, boldRed), `${esc}[1m`);
		assert.equal(sgrChange(boldRed, plainStyle), `${esc}[m`);
		assert.equal(sgrChange(boldRed, applySgr(plainStyle, '90')!), `${esc}[0;90m`);
		assert.equal(sgrChange(undefined, red), `${esc}[0;31m`);
		assert.equal(applySgr(plainStyle, '4:3'), undefined);
	});
});
