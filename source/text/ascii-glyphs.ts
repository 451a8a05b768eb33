import {displayWidth} from './text-width.js';

// The one ASCII fallback, for terminals whose locale is not UTF-8 and for plain output (documented as ASCII):
// every glyph the UI draws has a one-column ASCII stand-in, so the layout (computed in columns) stays exactly
// as it is; any other non-ASCII text (a CJK description, an accent) becomes one ? per column it takes. Applied
// to the TUI's output stream and to plain lines; the theme's ASCII status glyphs are read from the same table.
// Escape sequences are ASCII and pass untouched.

const glyphs: Record<string, string> = {
	'↑': '^',
	'↓': 'v',
	'⌫': '<',
	'→': '>',
	'·': '|',
	// The cut mark: not '.', which reads as the end of the text (ubuntu-22.04.), nor the cursor or the active glyph.
	'…': '~',
	'⋯': '~',
	'—': '-',
	'–': '-',
	// Not '>': that is the selection cursor.
	'▶': 'o',
	'✔': '+',
	'✖': 'x',
	'●': '*',
	'█': '#',
	'▉': '#',
	'▊': '#',
	'▋': '#',
	'▌': '#',
	'▍': '#',
	'▎': '#',
	'▏': '#',
	'░': '-',
	// The timeline: a cancelled import's end, and the tick grid.
	'⊘': '/',
	'┊': ':',
	'␛': '?',
	'�': '?',
	'‘': "'",
	'’': "'",
	'“': '"',
	'”': '"',
};

const nonAscii = /[^\x00-\x7f]+/gu;
const graphemes = new Intl.Segmenter('en', {granularity: 'grapheme'});

function asciiCluster(cluster: string): string {
	return glyphs[cluster] ?? '?'.repeat(displayWidth(cluster));
}

export function toAscii(text: string): string {
	return text.replace(nonAscii, (run) => {
		let out = '';
		for (const {segment} of graphemes.segment(run)) out += asciiCluster(segment);
		return out;
	});
}
