// SGR styles as a terminal keeps them: the style after a sequence, and the shortest sequence between two styles.
// Styles are interned, so two cells have the same style exactly when they hold the same object.

export interface Style {
	readonly bold: boolean;
	readonly dim: boolean;
	readonly italic: boolean;
	readonly underline: boolean;
	readonly blink: boolean;
	readonly inverse: boolean;
	readonly hidden: boolean;
	readonly strike: boolean;
	/** SGR parameters of the colour ('' is the default). */
	readonly fg: string;
	readonly bg: string;
}

const interned = new Map<string, Style>();
export function intern(style: Style): Style {
	const key = `${style.bold}${style.dim}${style.italic}${style.underline}${style.blink}${style.inverse}${style.hidden}${style.strike}|${style.fg}|${style.bg}`;
	const found = interned.get(key);
	if (found !== undefined) return found;
	const frozen = Object.freeze({...style});
	interned.set(key, frozen);
	return frozen;
}

export const plainStyle: Style = intern({
	bold: false,
	dim: false,
	italic: false,
	underline: false,
	blink: false,
	inverse: false,
	hidden: false,
	strike: false,
	fg: '',
	bg: '',
});

const toggles = [
	['italic', 3, 23],
	['underline', 4, 24],
	['blink', 5, 25],
	['inverse', 7, 27],
	['hidden', 8, 28],
	['strike', 9, 29],
] as const;

/** The style after `params` (digits and `;` only), or undefined for anything this model does not know. */
export function applySgr(style: Style, params: string): Style | undefined {
	const codes = params === '' ? ['0'] : params.split(';');
	let next: {-readonly [Key in keyof Style]: Style[Key]} = {...style};
	for (let index = 0; index < codes.length; index++) {
		const text = codes[index] ?? '';
		const code = text === '' ? 0 : Number(text);
		if (code === 0) next = {...plainStyle};
		else if (code === 1) next.bold = true;
		else if (code === 2) next.dim = true;
		else if (code === 22) {
			next.bold = false;
			next.dim = false;
		} else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) next.fg = String(code);
		else if (code === 39) next.fg = '';
		else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) next.bg = String(code);
		else if (code === 49) next.bg = '';
		else if (code === 38 || code === 48) {
			const length = codes[index + 1] === '5' ? 3 : codes[index + 1] === '2' ? 5 : 0;
			if (length === 0 || index + length > codes.length) return undefined;
			const colour = codes.slice(index, index + length).join(';');
			if (code === 38) next.fg = colour;
			else next.bg = colour;
			index += length - 1;
		} else {
			const toggle = toggles.find(([, on, off]) => on === code || off === code);
			if (toggle === undefined) return undefined;
			next[toggle[0]] = toggle[1] === code;
		}
	}
	return intern(next);
}

export function allCodes(style: Style): string[] {
	const codes: string[] = [];
	if (style.bold) codes.push('1');
	if (style.dim) codes.push('2');
	for (const [key, on] of toggles) if (style[key]) codes.push(String(on));
	if (style.fg !== '') codes.push(style.fg);
	if (style.bg !== '') codes.push(style.bg);
	return codes;
}

/** The shortest SGR that takes the terminal from `from` (undefined: not known) to `to`. */
export function sgrChange(from: Style | undefined, to: Style): string {
	if (from === to) return '';
	const reset = to === plainStyle ? '\u001B[m' : `\u001B[0;${allCodes(to).join(';')}m`;
	if (from === undefined) return reset;
	const codes: string[] = [];
	const intensityOff = (from.bold && !to.bold) || (from.dim && !to.dim);
	if (intensityOff) codes.push('22');
	if (to.bold && (intensityOff || !from.bold)) codes.push('1');
	if (to.dim && (intensityOff || !from.dim)) codes.push('2');
	for (const [key, on, off] of toggles) if (from[key] !== to[key]) codes.push(String(to[key] ? on : off));
	if (from.fg !== to.fg) codes.push(to.fg === '' ? '39' : to.fg);
	if (from.bg !== to.bg) codes.push(to.bg === '' ? '49' : to.bg);
	const change = `\u001B[${codes.join(';')}m`;
	return change.length < reset.length ? change : reset;
}
