import stringWidth from 'string-width';

/**
 * Column width as a terminal using glibc's wcwidth (with emoji presentation wide) draws the code point: East Asian
 * wide and emoji-presentation characters 2, combining marks and format characters 0, and the Hangul fillers U+115F
 * and U+3164 2 columns, U+FFA0 and the soft hyphen 1 — where the app's width function (string-width) says 0.
 */
export function terminalWidth(code: number): 0 | 1 | 2 {
	const char = String.fromCodePoint(code);
	if (code === 0x115f || code === 0x3164) return 2;
	if (code === 0xffa0 || code === 0xad) return 1;
	if ((code >= 0x1160 && code <= 0x11ff) || /^[\p{Mn}\p{Me}\p{Cf}]$/u.test(char)) return 0;
	return stringWidth(char) === 2 ? 2 : 1;
}
