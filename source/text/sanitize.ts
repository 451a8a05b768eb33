// The one sanitiser for every untrusted string (AWS responses, scenario files) before it reaches the screen.
//
// Scheme, one visible marker per kind of harm:
//   ␛ (U+241B)  one whole escape sequence, 7-bit (ESC …) or 8-bit (U+009B CSI, U+009D OSC, …), its body dropped
//   ' '         TAB, and each line break (CR, LF, CRLF, U+2028, U+2029): a task string never breaks a line
//   � (U+FFFD)  any other control or invisible character: C0, DEL, C1, bidi controls, zero-width characters,
//               invisible operators, tag characters, lone surrogates, every other format character (soft
//               hyphen, …) and default-ignorable character (the Hangul fillers U+115F, U+1160, U+3164, U+FFA0);
//               visible so that look-alike ids stand out, and so that columns cannot drift: the width function
//               counts these as 0 columns, terminals draw some of them 1 or 2 columns wide
// Variation selectors (VS15, VS16, the ideographic ones) and combining marks are kept: every terminal draws
// them on the character before, as the width function counts them.
// ZWJ (U+200D) between two emoji is dropped without a marker: the family 👨‍👩‍👧 shows as 👨👩👧. Terminals
// disagree on whether a ZWJ sequence takes 2 or 6 columns; separate emoji take the same width everywhere.
// A skin-tone modifier (U+1F3FB–U+1F3FF) after an emoji is dropped the same way, for the same reason: 👩🏽 is
// 2 columns where the terminal joins it (and for the width function), 4 where it does not (tmux, xterm).
// The result is capped at maxLength code points (default 512), ending in … when cut.
// One pass, no regular expressions over the input: linear in the input length, and it stops at the cap.

export const escapeMarker = '\u241B';
export const controlMarker = '\uFFFD';
export const ellipsis = '…';
export const defaultMaxLength = 512;

export interface SanitizeOptions {
	/** Largest number of code points in the result, the ellipsis included. Infinity for no cap. */
	maxLength?: number;
}

const esc = 0x1b;
const bel = 0x07;
const can = 0x18;
const sub = 0x1a;
const st8 = 0x9c;

type SequenceKind = 'csi' | 'string' | 'single';

// What an introducer after ESC (or the 8-bit C1 equivalent) starts.
function kindAfterEsc(code: number): SequenceKind | undefined {
	if (code === 0x5b) return 'csi'; // [
	if (code === 0x5d || code === 0x50 || code === 0x58 || code === 0x5e || code === 0x5f) return 'string'; // ] P X ^ _
	if (code >= 0x20 && code <= 0x7e) return 'single'; // nF (ESC ( B), Fp, Fe, Fs (ESC c, ESC 7)
	return undefined;
}

function kindOfC1(code: number): SequenceKind | undefined {
	if (code === 0x9b) return 'csi';
	if (code === 0x9d || code === 0x90 || code === 0x98 || code === 0x9e || code === 0x9f) return 'string';
	return undefined;
}

// Index just past a run of bytes in [runLow, runHigh] followed by one final byte in [finalLow, finalHigh].
// Anything else (a control, non-ASCII) aborts the sequence there and is left for the main loop.
function endOfRunAndFinal(text: string, from: number, runLow: number, runHigh: number, finalLow: number): number {
	let index = from;
	while (index < text.length) {
		const code = text.charCodeAt(index);
		if (code >= runLow && code <= runHigh) {
			index++;
			continue;
		}
		return code >= finalLow && code <= 0x7e ? index + 1 : index;
	}
	return index;
}

// Index just past a control string (OSC, DCS, SOS, PM, APC) starting at `from`. It ends at BEL, ST (ESC \ or
// U+009C), CAN or SUB; another ESC aborts it and starts anew. Unterminated, it runs to the end of the input —
// a terminal would swallow that much too, and perhaps what follows on screen.
function endOfControlString(text: string, from: number): number {
	for (let index = from; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code === bel || code === st8) return index + 1;
		if (code === can || code === sub) return index;
		if (code === esc) return text.charCodeAt(index + 1) === 0x5c ? index + 2 : index;
	}
	return text.length;
}

function endOfSequence(text: string, kind: SequenceKind, bodyStart: number): number {
	switch (kind) {
		case 'csi': // parameters 0x30–0x3F and intermediates 0x20–0x2F, then a final byte 0x40–0x7E
			return endOfRunAndFinal(text, bodyStart, 0x20, 0x3f, 0x40);
		case 'string':
			return endOfControlString(text, bodyStart);
		case 'single': // nF: intermediates 0x20–0x2F then a final 0x30–0x7E (ESC ( B); or a two-byte ESC X
			return endOfRunAndFinal(text, bodyStart - 1, 0x20, 0x2f, 0x30);
		default: {
			const unreachable: never = kind;
			return unreachable;
		}
	}
}

/** Format and default-ignorable characters (those that are neither a variation selector nor a combining mark). */
const formatOrIgnorable = /^[\p{Cf}\p{Default_Ignorable_Code_Point}]$/u;
const markOrSelector = /^[\p{Mn}\p{Variation_Selector}]$/u;

/** Code points that are shown as the control marker (surrogates are handled apart). */
export function isInvisibleOrControl(code: number): boolean {
	if (code >= 0xad && isFormatOrIgnorable(code)) return true;
	return (
		code < 0x20 ||
		(code >= 0x7f && code <= 0x9f) ||
		code === 0x061c || // Arabic letter mark
		code === 0x180e || // Mongolian vowel separator
		(code >= 0x200b && code <= 0x200f) || // zero-width space, ZWNJ, ZWJ, LRM, RLM
		(code >= 0x202a && code <= 0x202e) || // bidi embeddings and overrides
		(code >= 0x2060 && code <= 0x206f) || // word joiner, invisible operators, bidi isolates, deprecated
		code === 0xfeff || // zero-width no-break space (BOM)
		(code >= 0xfff9 && code <= 0xfffb) || // interlinear annotation
		(code >= 0xe0000 && code <= 0xe007f) // tag characters (hidden ASCII)
	);
}

function isFormatOrIgnorable(code: number): boolean {
	const char = String.fromCodePoint(code);
	return formatOrIgnorable.test(char) && !markOrSelector.test(char);
}

function isLineBreak(code: number): boolean {
	return code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;
}

const pictographic = /^\p{Extended_Pictographic}$/u;

function codePointAt(text: string, index: number): number | undefined {
	const code = text.codePointAt(index);
	if (code === undefined) return undefined;
	return code >= 0xd800 && code <= 0xdfff ? undefined : code;
}

// A ZWJ that only glues two emoji together: the output so far ends in a pictograph (maybe followed by a skin
// tone or VS16) and the next input is a pictograph.
function joinsEmoji(last: number, beforeLast: number, text: string, next: number): boolean {
	const after = codePointAt(text, next);
	if (after === undefined || !isPictographic(after)) return false;
	return isPictographic(last) || (isModifierOrSelector(last) && isPictographic(beforeLast));
}

function isPictographic(code: number): boolean {
	return pictographic.test(String.fromCodePoint(code));
}

function isModifierOrSelector(code: number): boolean {
	return code === 0xfe0f || isSkinTone(code);
}

function isSkinTone(code: number): boolean {
	return code >= 0x1f3fb && code <= 0x1f3ff;
}

function isPrintableAscii(text: string): boolean {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 0x20 || code > 0x7e) return false;
	}
	return true;
}

export function sanitize(text: string, options: SanitizeOptions = {}): string {
	const requested = options.maxLength ?? defaultMaxLength;
	const maxLength = Number.isNaN(requested) ? defaultMaxLength : Math.max(1, Math.floor(requested));
	// Most of what EC2 sends: printable ASCII within the cap, which the loop below would copy unchanged.
	if (text.length <= maxLength && isPrintableAscii(text)) return text;
	let output = '';
	let count = 0; // code points in output
	let index = 0;
	// The last two code points written; looking back into `output` would flatten it on every step.
	let last = 0;
	let beforeLast = 0;

	while (index < text.length) {
		const code = text.charCodeAt(index);
		let piece: string;
		let next = index + 1;

		if (code === esc || (code >= 0x80 && code <= 0x9f && kindOfC1(code) !== undefined)) {
			const kind = code === esc ? kindAfterEsc(text.charCodeAt(index + 1)) : kindOfC1(code);
			const bodyStart = code === esc ? index + 2 : index + 1;
			next = kind === undefined ? index + 1 : endOfSequence(text, kind, bodyStart);
			piece = escapeMarker;
		} else if (code === 0x0d && text.charCodeAt(index + 1) === 0x0a) {
			next = index + 2;
			piece = ' ';
		} else if (code === 0x09 || isLineBreak(code)) {
			piece = ' ';
		} else if (code >= 0xd800 && code <= 0xdbff) {
			const low = text.charCodeAt(index + 1);
			if (low >= 0xdc00 && low <= 0xdfff) {
				next = index + 2;
				const full = ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
				if (isSkinTone(full) && isPictographic(last)) {
					index = next;
					continue;
				}
				piece = isInvisibleOrControl(full) ? controlMarker : text.slice(index, next);
			} else {
				piece = controlMarker;
			}
		} else if (code >= 0xdc00 && code <= 0xdfff) {
			piece = controlMarker;
		} else if (code === 0x200d && joinsEmoji(last, beforeLast, text, index + 1)) {
			index = next;
			continue;
		} else if (isInvisibleOrControl(code)) {
			piece = controlMarker;
		} else {
			piece = text[index] ?? '';
		}

		index = next;
		output += piece;
		count++;
		if (count > maxLength) return cut(output, maxLength);
		beforeLast = last;
		last = piece.codePointAt(0) ?? 0;
	}
	return output;
}

// Keep maxLength - 1 code points and add the ellipsis.
function cut(output: string, maxLength: number): string {
	let end = 0;
	for (let kept = 0; kept < maxLength - 1; kept++) {
		const high = output.charCodeAt(end);
		end += high >= 0xd800 && high <= 0xdbff ? 2 : 1;
	}
	return output.slice(0, end) + ellipsis;
}
