// For terminals whose locale is not UTF-8: every glyph the UI draws has a one-column ASCII stand-in, so the
// layout (computed in columns) stays exactly as it is. Applied to the output stream, so no component needs to
// know; escape sequences are ASCII and pass untouched.

const glyphs: Record<string, string> = {
	'↑': '^',
	'↓': 'v',
	'⌫': '<',
	'→': '>',
	'·': '|',
	'…': '.',
	'—': '-',
	'–': '-',
	'▶': '>',
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
	'␛': '?',
	'�': '?',
	'’': "'",
};

const pattern = new RegExp(`[${Object.keys(glyphs).join('')}]`, 'gu');

export function toAscii(text: string): string {
	return text.replace(pattern, (glyph) => glyphs[glyph] ?? '?');
}
