import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {controlMarker as bad, escapeMarker as esc, sanitize} from '../../source/text/sanitize.js';
import {displayWidth} from '../../source/text/text-width.js';
import {terminalWidth} from '../helpers/terminal-width.js';

// Written apart from the implementation on purpose: what must never reach the terminal.
function isForbidden(code: number): boolean {
	return (
		code < 0x20 ||
		(code >= 0x7f && code <= 0x9f) ||
		code === 0x061c ||
		code === 0x200b ||
		code === 0x200c ||
		code === 0x200d ||
		code === 0x200e ||
		code === 0x200f ||
		(code >= 0x202a && code <= 0x202e) ||
		(code >= 0x2066 && code <= 0x2069) ||
		code === 0x2060 ||
		code === 0x2028 ||
		code === 0x2029 ||
		code === 0xfeff ||
		// Hangul fillers and the soft hyphen: no width for the layout, one or two columns on some terminals.
		code === 0x115f ||
		code === 0x1160 ||
		code === 0x3164 ||
		code === 0xffa0 ||
		code === 0x00ad ||
		(code >= 0xd800 && code <= 0xdfff) ||
		(code >= 0xe0000 && code <= 0xe007f)
	);
}

function forbiddenIn(text: string): number[] {
	const found: number[] = [];
	for (let index = 0; index < text.length; index++) {
		const unit = text.charCodeAt(index);
		if (unit >= 0xd800 && unit <= 0xdbff) {
			const low = text.charCodeAt(index + 1);
			if (low >= 0xdc00 && low <= 0xdfff) {
				const full = text.codePointAt(index) ?? 0;
				if (isForbidden(full)) found.push(full);
				index++;
				continue;
			}
		}
		if (isForbidden(unit)) found.push(unit);
	}
	return found;
}

function codePoints(text: string): number {
	return [...text].length;
}

describe('sanitize: escape sequences', () => {
	const cases: Array<[string, string, string]> = [
		['OSC 0 title, BEL', 'a\x1b]0;pwned\x07b', `a${esc}b`],
		['OSC 0 title, ST', 'a\x1b]0;pwned\x1b\\b', `a${esc}b`],
		['OSC 52 clipboard', 'x\x1b]52;c;cm0gLXJmIH4=\x07y', `x${esc}y`],
		['OSC 8 hyperlink, BEL', '\x1b]8;;https://evil.example\x07click\x1b]8;;\x07', `${esc}click${esc}`],
		['OSC 8 hyperlink, ST', '\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\', `${esc}click${esc}`],
		['OSC ended by 8-bit ST', 'a\x1b]2;t\u009cb', `a${esc}b`],
		['CSI 2J', 'x\x1b[2Jy', `x${esc}y`],
		['CSI with private params and intermediates', 'a\x1b[?1049hb\x1b[1 qc', `a${esc}b${esc}c`],
		['SGR colour', '\x1b[31;1mred\x1b[0m', `${esc}red${esc}`],
		['ESC c (full reset)', 'a\x1bcb', `a${esc}b`],
		['ESC 7 / ESC 8', '\x1b7x\x1b8', `${esc}x${esc}`],
		['nF charset designation ESC ( 0', 'a\x1b(0lqk\x1b(Bb', `a${esc}lqk${esc}b`],
		['8-bit CSI U+009B', 'a\u009b2Jb', `a${esc}b`],
		['8-bit OSC U+009D ended by BEL', 'a\u009d0;t\x07b', `a${esc}b`],
		['8-bit OSC U+009D ended by 8-bit ST', 'a\u009d0;t\u009cb', `a${esc}b`],
		['DCS', 'a\x1bPq#0;2;0;0;0\x1b\\b', `a${esc}b`],
		['APC', 'a\x1b_Gf=100;AAAA\x1b\\b', `a${esc}b`],
		['PM', 'a\x1b^private\x1b\\b', `a${esc}b`],
		['SOS', 'a\x1bXstring\x1b\\b', `a${esc}b`],
		['unterminated OSC swallows the rest', 'keep\x1b]0;no end here', `keep${esc}`],
		['unterminated CSI at the end', 'keep\x1b[12;', `keep${esc}`],
		['lone ESC at the end', 'keep\x1b', `keep${esc}`],
		['ESC before non-ASCII stands alone', '\x1bé', `${esc}é`],
		['CSI aborted by a control', 'a\x1b[12\nb', `a${esc} b`],
		['CSI aborted by non-ASCII keeps it', 'a\x1b[1é', `a${esc}é`],
		['OSC aborted by CAN', 'a\x1b]0;t\x18b', `a${esc}${bad}b`],
		['OSC aborted by a new CSI', 'a\x1b]0;t\x1b[2Jb', `a${esc}${esc}b`],
		['nested OSC inside OSC', '\x1b]0;\x1b]52;c;AA\x07\x07z', `${esc}${esc}${bad}z`],
		['garbage run', '\x1b\x1b[\x1b]\x9b\x9d', `${esc}${esc}${esc}`],
	];
	for (const [name, input, expected] of cases) {
		it(name, () => {
			assert.equal(sanitize(input), expected);
		});
	}
});

describe('sanitize: single characters', () => {
	const cases: Array<[string, string, string]> = [
		['CR becomes a space', 'done\rFAKE', 'done FAKE'],
		['CRLF is one space', 'a\r\nb', 'a b'],
		['LF becomes a space', 'a\nb\n', 'a b '],
		['TAB becomes one space', 'a\tb', 'a b'],
		['U+2028 and U+2029 become spaces', 'a\u2028b\u2029c', 'a b c'],
		['BS', 'abc\x08\x08x', `abc${bad}${bad}x`],
		['BEL', 'ding\x07', `ding${bad}`],
		['NUL', 'a\x00b', `a${bad}b`],
		['DEL', 'a\x7fb', `a${bad}b`],
		['C1 NEL', 'a\u0085b', `a${bad}b`],
		['lone 8-bit ST', 'a\u009cb', `a${bad}b`],
		['RLO U+202E', 'invoice\u202Efdp.exe', `invoice${bad}fdp.exe`],
		['bidi isolates', '\u2066a\u2067b\u2068c\u2069', `${bad}a${bad}b${bad}c${bad}`],
		['LRM, RLM, ALM', '\u200Ea\u200Fb\u061Cc', `${bad}a${bad}b${bad}c`],
		['zero-width space in an id', 'import-ami-0abc\u200Bdef', `import-ami-0abc${bad}def`],
		['ZWNJ, word joiner, BOM', 'a\u200Cb\u2060c\uFEFFd', `a${bad}b${bad}c${bad}d`],
		['ZWJ between letters is shown', 'a\u200Db', `a${bad}b`],
		['ZWJ at the end is shown', '👨\u200D', `👨${bad}`],
		['lone high surrogate', 'a\uD83Db', `a${bad}b`],
		['lone low surrogate', 'a\uDE00b', `a${bad}b`],
		['reversed pair', '\uDE00\uD83D', `${bad}${bad}`],
		['tag characters', 'a\u{E0041}\u{E0042}b', `a${bad}${bad}b`],
		['plain text is untouched', 'import-ami-0123456789abcdef0 日本語 é', 'import-ami-0123456789abcdef0 日本語 é'],
		['combining marks are kept', 'e\u0301', 'e\u0301'],
		['VS16 is kept', '\u2764\uFE0F', '\u2764\uFE0F'],
		['VS15 is kept', '\u263A\uFE0E', '\u263A\uFE0E'],
		['an ideographic variation selector is kept', '\u845B\u{E0100}', '\u845B\u{E0100}'],
		['Hangul fillers', 'a\u115Fb\u1160c\u3164d\uFFA0e', `a${bad}b${bad}c${bad}d${bad}e`],
		['a filler as a Hangul syllable part', '\u1100\u1160', `\u1100${bad}`],
		['soft hyphen', 'im\u00ADport', `im${bad}port`],
		['other format characters', '\u0600 1 \u{1D173} \u{E0FFF}', `${bad} 1 ${bad} ${bad}`],
	];
	for (const [name, input, expected] of cases) {
		it(name, () => {
			assert.equal(sanitize(input), expected);
		});
	}
});

describe('sanitize: columns cannot drift', () => {
	it('every format and default-ignorable character takes as many columns on a terminal as the layout counts', () => {
		const drifting: string[] = [];
		for (let code = 0xa0; code <= 0x10ffff; code++) {
			if (code >= 0xd800 && code <= 0xdfff) continue;
			const char = String.fromCodePoint(code);
			if (!/^[\p{Cf}\p{Default_Ignorable_Code_Point}]$/u.test(char)) continue;
			const out = sanitize(`a${char}b`);
			const onTerminal = [...out].reduce((sum, part) => sum + terminalWidth(part.codePointAt(0) ?? 0), 0);
			if (onTerminal !== displayWidth(out)) drifting.push(`U+${code.toString(16)}: ${onTerminal} on a terminal, ${displayWidth(out)} laid out`);
		}
		assert.deepEqual(drifting, []);
	});
});

describe('sanitize: ZWJ inside emoji', () => {
	it('splits a family emoji into its members, without markers', () => {
		assert.equal(sanitize('👨\u200D👩\u200D👧'), '👨👩👧');
	});
	it('splits sequences with skin tones and VS16; a skin tone after an emoji goes too (2 or 4 columns, by terminal)', () => {
		assert.equal(sanitize('👩🏽\u200D💻'), '👩💻');
		assert.equal(sanitize('👍🏿 ok'), '👍 ok');
		assert.equal(sanitize('a🏽b'), 'a🏽b', 'a lone skin tone is an emoji of its own');
		assert.equal(sanitize('❤\uFE0F\u200D🔥'), '❤\uFE0F🔥');
	});
	it('shows a ZWJ that joins an emoji to a letter', () => {
		assert.equal(sanitize('👨\u200Dx'), `👨${bad}x`);
	});
});

describe('sanitize: length', () => {
	it('caps at 512 code points by default, ending in …', () => {
		const out = sanitize('d'.repeat(10 * 1024));
		assert.equal(out, `${'d'.repeat(511)}…`);
	});
	it('leaves text of exactly maxLength alone', () => {
		assert.equal(sanitize('abcde', {maxLength: 5}), 'abcde');
		assert.equal(sanitize('abcdef', {maxLength: 5}), 'abcd…');
	});
	it('never cuts a surrogate pair', () => {
		assert.equal(sanitize('😀😀😀😀', {maxLength: 3}), '😀😀…');
	});
	it('counts markers, not input', () => {
		assert.equal(sanitize('\x1b[1m'.repeat(10), {maxLength: 4}), `${esc}${esc}${esc}…`);
	});
	it('takes Infinity for no cap', () => {
		assert.equal(sanitize('x'.repeat(2000), {maxLength: Number.POSITIVE_INFINITY}).length, 2000);
	});
});

describe('sanitize: hostile input size', () => {
	const megabyte = 1024 * 1024;
	const inputs: Array<[string, string]> = [
		['CSI openers', '\x1b['.repeat(megabyte / 2)],
		['unterminated OSC', `\x1b]${'a'.repeat(megabyte)}`],
		['ZWJ', '\u200D'.repeat(megabyte)],
		['emoji joined by ZWJ', '👨\u200D'.repeat(megabyte / 3)],
		['params without final byte', `\x1b[${'1;'.repeat(megabyte / 2)}`],
		['lone surrogates', '\uD800'.repeat(megabyte)],
	];
	for (const [name, input] of inputs) {
		it(`is linear on 1 MB of ${name}`, () => {
			const started = performance.now();
			sanitize(input, {maxLength: Number.POSITIVE_INFINITY});
			assert.ok(performance.now() - started < 1500, 'took too long');
		});
	}
});

describe('sanitize: nothing forbidden gets through', () => {
	it('holds for every code point 0–0x2FFF alone and between letters', () => {
		for (let code = 0; code <= 0x2fff; code++) {
			const char = String.fromCharCode(code);
			for (const input of [char, `a${char}b`, `\x1b${char}`, `\x1b[${char}`, `\x1b]${char}`]) {
				const out = sanitize(input);
				assert.deepEqual(forbiddenIn(out), [], `U+${code.toString(16)} in ${JSON.stringify(input)}`);
			}
		}
	});

	it('holds for seeded random hostile strings', () => {
		const alphabet = [
			'\x1b',
			'[',
			']',
			'\\',
			'\x07',
			'\x9b',
			'\x9c',
			'\x9d',
			'\x90',
			'P',
			'_',
			'^',
			'X',
			';',
			'0',
			'9',
			'm',
			'c',
			'\r',
			'\n',
			'\t',
			'\x08',
			'\x18',
			'\x7f',
			'\u202e',
			'\u2066',
			'\u200d',
			'\u200b',
			'\ufeff',
			'\ud83d',
			'\ude00',
			'👨',
			'🏽',
			'\ufe0f',
			'a',
			'é',
			'日',
			' ',
			'\u{e0041}',
		];
		let seed = 0x5eed;
		const random = (): number => {
			// mulberry32
			seed = (seed + 0x6d2b79f5) | 0;
			let t = seed;
			t = Math.imul(t ^ (t >>> 15), t | 1);
			t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
			return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
		};
		for (let round = 0; round < 5000; round++) {
			let input = '';
			const length = Math.floor(random() * 40);
			for (let step = 0; step < length; step++) input += alphabet[Math.floor(random() * alphabet.length)] ?? '';
			const maxLength = 1 + Math.floor(random() * 30);
			const out = sanitize(input, {maxLength});
			assert.deepEqual(forbiddenIn(out), [], JSON.stringify(input));
			assert.ok(codePoints(out) <= maxLength, JSON.stringify(input));
		}
	});
});
