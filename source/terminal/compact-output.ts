// Sits between Ink and the terminal and writes the same screen with fewer bytes. Ink's incremental
// renderer walks the whole frame on every update (a cursor-up, then one "next line" per unchanged row,
// about 3 bytes × 40 rows) and replays the style history of every partly changed line. Runs of cursor
// moves are folded into one move, and runs of SGR codes into the difference from the terminal's actual
// style. Anything else is a barrier, written as it came; what it cannot model, it leaves alone.

interface Style {
	bold: boolean;
	dim: boolean;
	italic: boolean;
	underline: boolean;
	blink: boolean;
	inverse: boolean;
	hidden: boolean;
	strike: boolean;
	/** SGR parameters of the colour ('' is the default). */
	fg: string;
	bg: string;
}

const plain: Style = {bold: false, dim: false, italic: false, underline: false, blink: false, inverse: false, hidden: false, strike: false, fg: '', bg: ''};

const toggles = [
	['italic', 3, 23],
	['underline', 4, 24],
	['blink', 5, 25],
	['inverse', 7, 27],
	['hidden', 8, 28],
	['strike', 9, 29],
] as const;

/** The style after `params`, or undefined for anything this model does not know. */
function applySgr(style: Style, params: string): Style | undefined {
	const codes = params === '' ? ['0'] : params.split(';');
	let next = {...style};
	for (let index = 0; index < codes.length; index++) {
		const text = codes[index] ?? '';
		const code = text === '' ? 0 : Number(text);
		if (code === 0) next = {...plain};
		else if (code === 1) next.bold = true;
		else if (code === 2) next.dim = true;
		else if (code === 22) {
			next.bold = false;
			next.dim = false;
		} else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) next.fg = text;
		else if (code === 39) next.fg = '';
		else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) next.bg = text;
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
	return next;
}

function sameStyle(a: Style, b: Style): boolean {
	return (Object.keys(plain) as (keyof Style)[]).every((key) => a[key] === b[key]);
}

function styleChange(from: Style, to: Style): string {
	if (sameStyle(from, to)) return '';
	if (sameStyle(to, plain)) return '\u001B[0m';
	const codes: string[] = [];
	const intensityOff = (from.bold && !to.bold) || (from.dim && !to.dim);
	if (intensityOff) codes.push('22');
	if (to.bold && (intensityOff || !from.bold)) codes.push('1');
	if (to.dim && (intensityOff || !from.dim)) codes.push('2');
	for (const [key, on, off] of toggles) if (from[key] !== to[key]) codes.push(String(to[key] ? on : off));
	if (from.fg !== to.fg) codes.push(to.fg === '' ? '39' : to.fg);
	if (from.bg !== to.bg) codes.push(to.bg === '' ? '49' : to.bg);
	return `\u001B[${codes.join(';')}m`;
}

/** Net cursor motion: rows down (negative is up) and, if set, the absolute column (0-based). */
interface Motion {
	rows: number;
	column: number | undefined;
	pending: boolean;
}

function motionText({rows, column}: Motion): string {
	const count = (n: number) => (n === 1 ? '' : String(n));
	if (column === 0 && rows !== 0) return rows > 0 ? `\u001B[${count(rows)}E` : `\u001B[${count(-rows)}F`;
	let text = rows > 0 ? `\u001B[${count(rows)}B` : rows < 0 ? `\u001B[${count(-rows)}A` : '';
	if (column !== undefined) text += column === 0 ? '\r' : `\u001B[${column + 1}G`;
	return text;
}

/** Sequences after which the style the terminal uses is still known. */
const styleSafe = /^\u001B\[(?:\?(?:2026|25)[hl]|[012]?[KJ])$/;

/** A compactor with its own idea of the terminal's style; feed it every byte that goes to the terminal. */
export function createOutputCompactor(): (text: string) => string {
	let current: Style | undefined;
	return (text) => {
		let out = '';
		let motion: Motion = {rows: 0, column: undefined, pending: false};
		let wanted: Style | undefined;
		const barrier = () => {
			if (motion.pending) out += motionText(motion);
			motion = {rows: 0, column: undefined, pending: false};
			if (wanted !== undefined) {
				out += styleChange(current ?? plain, wanted);
				current = wanted;
				wanted = undefined;
			}
		};
		const move = (rows: number, column: number | undefined) => {
			motion = {rows: motion.rows + rows, column: column ?? motion.column, pending: true};
		};
		let index = 0;
		while (index < text.length) {
			const char = text[index];
			if (char === '\r') {
				move(0, 0);
				index++;
				continue;
			}
			if (char !== '\u001B') {
				let end = index;
				while (end < text.length && text[end] !== '\u001B' && text[end] !== '\r') end++;
				barrier();
				out += text.slice(index, end);
				index = end;
				continue;
			}
			const csi = /^\u001B\[([0-?]*)([ -/]*)([@-~])/.exec(text.slice(index, index + 64));
			if (csi === null) {
				// Not a CSI (or cut off): written as is, and the style is no longer known.
				barrier();
				const osc = text[index + 1] === ']' ? /^\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)/.exec(text.slice(index)) : null;
				const length = osc?.[0].length ?? 2;
				out += text.slice(index, index + length);
				current = undefined;
				index += length;
				continue;
			}
			const [sequence, params = '', intermediates = '', final = ''] = csi;
			index += sequence.length;
			const count = Math.max(1, Number(params) || 1);
			if (intermediates === '' && /^\d*$/.test(params) && 'ABEFG'.includes(final)) {
				if (final === 'A') move(-count, undefined);
				else if (final === 'B') move(count, undefined);
				else if (final === 'E') move(count, 0);
				else if (final === 'F') move(-count, 0);
				else move(0, count - 1);
				continue;
			}
			if (final === 'm' && intermediates === '' && /^[\d;]*$/.test(params)) {
				if (current === undefined) {
					// Start from a known style: one reset, then only differences.
					barrier();
					out += '\u001B[0m';
					current = {...plain};
				}
				const next = applySgr(wanted ?? current, params);
				if (next !== undefined) {
					wanted = next;
					continue;
				}
			}
			barrier();
			out += sequence;
			if (final === 'm') current = params === '' || params === '0' ? {...plain} : undefined;
			else if (!styleSafe.test(sequence)) current = undefined;
		}
		barrier();
		return out;
	};
}

/** `stdout` as Ink sees it: the same stream (size, TTY-ness, resize events), with compacted writes. */
export function compactStream(stdout: NodeJS.WriteStream): NodeJS.WriteStream {
	return rewriteStream(stdout, createOutputCompactor());
}

/** The same stream, with every write passed through `rewrite` first (a Proxy keeps columns, rows, events …). */
export function rewriteStream(stdout: NodeJS.WriteStream, rewrite: (text: string) => string): NodeJS.WriteStream {
	const write = (chunk: unknown, ...rest: unknown[]): boolean => {
		const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
		return (stdout.write as (chunk: string, ...rest: unknown[]) => boolean)(rewrite(text), ...rest);
	};
	return new Proxy(stdout, {
		get(target, property) {
			if (property === 'write') return write;
			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? value.bind(target) : value;
		},
	});
}
