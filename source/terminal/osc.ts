// Terminal control strings the watcher itself sends (never ones taken from AWS): the clipboard (OSC 52) and
// desktop notifications (BEL, OSC 9, OSC 777). Under tmux each is also sent wrapped for passthrough.

const esc = '\u001B';
const bel = '\u0007';
const st = `${esc}\\`;

/** Wraps a sequence so tmux hands it to the outer terminal (needs `allow-passthrough on` in tmux ≥ 3.3). */
export function tmuxPassthrough(sequence: string): string {
	return `${esc}Ptmux;${sequence.replaceAll(esc, esc + esc)}${st}`;
}

/** The raw sequence, and under tmux the wrapped one as well, since tmux may or may not forward the raw one. */
export function forTerminal(sequence: string, inTmux: boolean): string {
	return inTmux ? sequence + tmuxPassthrough(sequence) : sequence;
}

/** Text that is safe inside an OSC string: no controls, no ';' (the field separator of OSC 777). */
function oscText(text: string): string {
	let safe = '';
	for (const char of text) {
		const code = char.codePointAt(0) ?? 0;
		safe += code < 0x20 || (code >= 0x7f && code <= 0x9f) || char === ';' ? ' ' : char;
	}
	return safe;
}

export function osc52(text: string): string {
	return `${esc}]52;c;${Buffer.from(text, 'utf8').toString('base64')}${bel}`;
}

export type NotifyMethod = 'bell' | 'osc9' | 'osc777';
export const notifyMethods: readonly NotifyMethod[] = ['bell', 'osc9', 'osc777'];

export function notification(method: NotifyMethod, title: string, body: string): string {
	switch (method) {
		case 'bell':
			return bel;
		case 'osc9':
			return `${esc}]9;${oscText(`${title}: ${body}`)}${bel}`;
		case 'osc777':
			return `${esc}]777;notify;${oscText(title)};${oscText(body)}${bel}`;
		default: {
			const unreachable: never = method;
			return unreachable;
		}
	}
}
