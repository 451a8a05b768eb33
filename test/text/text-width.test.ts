import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {cutMiddle, displayWidth, fitColumns, padToWidth, truncateToWidth, wrapText} from '../../source/text/text-width.js';

describe('displayWidth', () => {
	const cases: Array<[string, string, number]> = [
		['empty', '', 0],
		['ASCII', 'import-ami-0abc', 15],
		['CJK', '日本語', 6],
		['Hangul syllables', '한국어', 6],
		['Hiragana and Katakana', 'ひらカタ', 8],
		['fullwidth forms', 'ＡＢ１', 6],
		['halfwidth Katakana', 'ｱｲ', 2],
		['ideographic space and full stop', '\u3000。', 4],
		['combining acute', 'e\u0301', 1],
		['precomposed é', 'é', 1],
		['many combining marks on one base', 'a\u0300\u0301\u0302\u0303', 1],
		['emoji', '😀', 2],
		['ZWJ family', '👨\u200D👩\u200D👧', 2],
		['ZWJ with skin tone', '👩🏽\u200D💻', 2],
		['flag', '🇯🇵', 2],
		['two flags', '🇯🇵🇫🇷', 4],
		['heart with VS16', '\u2764\uFE0F', 2],
		['heart as text', '\u2764', 1],
		['smiley with VS15', '\u263A\uFE0E', 1],
		['keycap', '1\uFE0F\u20E3', 2],
		['zero-width space', 'a\u200Bb', 2],
		['ellipsis and markers are narrow', '…␛\uFFFD', 3],
		['mixed', 'ab日😀é', 7],
	];
	for (const [name, input, expected] of cases) {
		it(name, () => {
			assert.equal(displayWidth(input), expected);
		});
	}
});

describe('truncateToWidth', () => {
	const cases: Array<[string, string, number, string]> = [
		['fits, unchanged', 'abc', 3, 'abc'],
		['ASCII cut', 'abcdef', 4, 'abc…'],
		['width 1 is only the ellipsis', 'abcdef', 1, '…'],
		['width 0 is empty', 'abcdef', 0, ''],
		['negative width is empty', 'abc', -3, ''],
		['wide fits exactly', '日本語', 6, '日本語'],
		['wide, no straddle', '日本語', 5, '日本…'],
		['wide straddles: a space takes its place', '日本語', 4, '日 …'],
		['wide at width 2', '日本語', 2, ' …'],
		['ZWJ family is never split', 'ab👨\u200D👩\u200D👧cd', 4, 'ab …'],
		['ZWJ family kept whole', 'ab👨\u200D👩\u200D👧cd', 5, 'ab👨\u200D👩\u200D👧…'],
		['flag is never split', '🇯🇵🇫🇷x', 4, '🇯🇵 …'],
		['combining mark stays with its base', 'e\u0301e\u0301e\u0301', 2, 'e\u0301…'],
		['fullwidth forms', 'ＡＢＣ', 5, 'ＡＢ…'],
	];
	for (const [name, input, width, expected] of cases) {
		it(name, () => {
			const out = truncateToWidth(input, width);
			assert.equal(out, expected);
			assert.ok(displayWidth(out) <= Math.max(0, width));
		});
	}

	it('takes exactly the width when it cuts', () => {
		const samples = ['日本語のテキスト', 'a日b本c語', '😀x😀y😀', 'e\u0301'.repeat(20), 'ｱ日😀é'.repeat(5)];
		for (const sample of samples) {
			for (let width = 1; width < displayWidth(sample); width++) {
				assert.equal(displayWidth(truncateToWidth(sample, width)), width, `${sample} at ${width}`);
			}
		}
	});
});

describe('padToWidth', () => {
	const cases: Array<[string, string, number, 'left' | 'right', string]> = [
		['left pads on the right', 'ab', 5, 'left', 'ab   '],
		['right pads on the left', 'ab', 5, 'right', '   ab'],
		['wide characters count double', '日本', 5, 'left', '日本 '],
		['right-aligned wide', '日本', 5, 'right', ' 日本'],
		['longer text is truncated', 'abcdef', 4, 'left', 'abc…'],
		['straddling wide char', '日本語', 4, 'right', '日 …'],
		['exact fit', 'abc', 3, 'left', 'abc'],
		['zero width', 'abc', 0, 'left', ''],
		['emoji', '😀', 4, 'right', '  😀'],
	];
	for (const [name, input, width, align, expected] of cases) {
		it(name, () => {
			assert.equal(padToWidth(input, width, align), expected);
		});
	}
});

describe('fitColumns', () => {
	const id = {min: 8, ideal: 21};
	const status = {min: 6, ideal: 10};
	const description = {min: 10, ideal: 40, flex: 1};
	const size = {min: 5, ideal: 9};

	it('gives ideals and hands the slack to flex columns', () => {
		assert.deepEqual(fitColumns([id, description, size], 80, 2), [21, 46, 9]);
	});
	it('gives ideals when they fit and no column flexes', () => {
		assert.deepEqual(fitColumns([id, status], 80, 2), [21, 10]);
	});
	it('gives ideals when they fit exactly', () => {
		assert.deepEqual(fitColumns([id, description, size], 74, 2), [21, 40, 9]);
	});
	it('shrinks flex columns first', () => {
		assert.deepEqual(fitColumns([id, description, size], 60, 2), [21, 26, 9]);
	});
	it('shares shrinking by flex weight', () => {
		const columns = [
			{min: 0, ideal: 30, flex: 1},
			{min: 0, ideal: 30, flex: 2},
		];
		assert.deepEqual(fitColumns(columns, 30, 0), [20, 10]);
	});
	it('then shrinks every column evenly down to its min', () => {
		assert.deepEqual(fitColumns([id, description, size], 40, 2), [19, 10, 7]);
	});
	it('then goes below min towards 0, dropping no column', () => {
		assert.deepEqual(fitColumns([id, description, size], 20, 2), [6, 8, 2]);
	});
	it('returns zeros when the gaps alone do not fit', () => {
		assert.deepEqual(fitColumns([id, description, size], 3, 2), [0, 0, 0]);
	});
	it('lifts an ideal below its min to the min', () => {
		assert.deepEqual(fitColumns([{min: 10, ideal: 2}], 50, 0), [10]);
	});
	it('handles no columns', () => {
		assert.deepEqual(fitColumns([], 80, 2), []);
	});
	it('always sums to at most total minus gaps, with as many widths as columns', () => {
		const columns = [id, status, description, size, {min: 3, ideal: 12, flex: 3}];
		for (let total = 0; total <= 150; total++) {
			for (const gap of [0, 1, 2, 3]) {
				const widths = fitColumns(columns, total, gap);
				assert.equal(widths.length, columns.length);
				const sum = widths.reduce((a, b) => a + b, 0);
				assert.ok(sum <= Math.max(0, total - gap * (columns.length - 1)), `total ${total} gap ${gap}`);
				assert.ok(widths.every((width) => Number.isInteger(width) && width >= 0));
			}
		}
	});
});

describe('wrapText', () => {
	it('keeps a text that fits as it is', () => {
		assert.deepEqual(wrapText('converting', 20), ['converting']);
	});

	it('breaks at spaces, and ARNs and URLs after / : or ,; every line within the width and nothing lost', () => {
		const arn = 'arn:aws:kms:us-east-1:123456789012:key/25c6a1b2-3c4d-5e6f-7a8b-9c0d1e2f3a4b';
		assert.deepEqual(wrapText(arn, 40), ['arn:aws:kms:us-east-1:123456789012:key/', '25c6a1b2-3c4d-5e6f-7a8b-9c0d1e2f3a4b']);
		const message = 'ClientError: Disk validation failed [OVF file parsing error: OVA file contains no valid disk]';
		const lines = wrapText(message, 30);
		for (const line of lines) assert.ok(displayWidth(line) <= 30, line);
		assert.equal(lines.join(' '), message);
	});

	it('breaks a part longer than a line where the line ends', () => {
		assert.deepEqual(wrapText('x'.repeat(25), 10), ['xxxxxxxxxx', 'xxxxxxxxxx', 'xxxxx']);
		assert.deepEqual(wrapText('s3://bucket-with-a-long-name/k', 16), ['s3://bucket-with', '-a-long-name/k']);
	});

	it('never breaks a URL or an IAM action (service:Action) that fits a line; a longer URL breaks only after /', () => {
		const doc = 'https://docs.aws.amazon.com/vm-import/latest/userguide/vmimport-troubleshooting.html#import-instance-errors';
		assert.deepEqual(wrapText(`see ${doc}`, 110), ['see', doc]);
		assert.deepEqual(wrapText(doc, 60), ['https://docs.aws.amazon.com/vm-import/latest/userguide/', 'vmimport-troubleshooting.html#import-instance-errors']);
		const fix =
			'Give the vmimport role s3:GetBucketLocation, s3:GetObject and s3:ListBucket on the bucket, and kms:Decrypt on its SSE-KMS key; then import again.';
		for (const width of [30, 40, 50, 60, 70, 80, 100]) {
			const lines = wrapText(fix, width);
			for (const line of lines) assert.ok(displayWidth(line) <= width, line);
			for (const action of ['s3:GetBucketLocation,', 's3:GetObject', 's3:ListBucket', 'kms:Decrypt']) {
				assert.ok(
					lines.some((line) => line.includes(action)),
					`${width}: ${action} broken in ${JSON.stringify(lines)}`,
				);
			}
			assert.equal(lines.join(' '), fix);
		}
		for (const width of [53, 60, 70, 100]) {
			const lines = wrapText(`Doc ${doc}`, width);
			for (const line of lines) assert.ok(displayWidth(line) <= width, line);
			for (const line of lines.slice(1, -1)) assert.match(line, /\/$/, `${width}: a URL broken after / only: ${JSON.stringify(lines)}`);
		}
	});
});

describe('cutMiddle', () => {
	const notice = "Not cancellable: EC2 sent this task's id with white space at an end (shown trimmed).";
	it('keeps the head and the end, the middle given up from a word start, within the width', () => {
		assert.equal(cutMiddle(notice, 100, 17), notice);
		for (const width of [40, 60, 80]) {
			const cut = cutMiddle(notice, width, 17);
			assert.ok(displayWidth(cut) <= width, cut);
			assert.match(cut, /^Not cancellable: … \S.*\(shown trimmed\)\.$/, cut);
		}
		assert.equal(cutMiddle(notice, 60, 0).endsWith('(shown trimmed).'), true);
	});
	it('cuts the end when the head leaves no room', () => {
		assert.equal(cutMiddle(notice, 20, 17), truncateToWidth(notice, 20));
	});
});
