// Where JSON text first goes wrong, as "line L column C". V8's JSON.parse messages only sometimes
// say where ("Unexpected token '}', … is not valid JSON" does not), and a scenario author needs it.
// Called only after JSON.parse has failed, so it only has to find the spot, not build values.

export function jsonErrorPosition(text: string): string {
	let at = 0;
	const fail = (): never => {
		throw at;
	};
	const space = () => {
		while (at < text.length && ' \t\n\r'.includes(text.charAt(at))) at++;
	};
	const literal = (word: string) => {
		if (text.startsWith(word, at)) at += word.length;
		else fail();
	};
	const string = () => {
		at++;
		while (at < text.length && text[at] !== '"') {
			const char = text.charAt(at);
			if (char < ' ') fail();
			if (char === '\\') {
				at++;
				if (text[at] === 'u') {
					if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) fail();
					at += 4;
				} else if (!'"\\/bfnrt'.includes(text.charAt(at)) || at >= text.length) fail();
			}
			at++;
		}
		if (at >= text.length) fail();
		at++;
	};
	const number = () => {
		const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at));
		if (match === null) fail();
		else at += match[0].length;
	};
	const sequence = (close: string, item: () => void) => {
		at++;
		space();
		if (text[at] === close) {
			at++;
			return;
		}
		for (;;) {
			item();
			space();
			if (text[at] === close) {
				at++;
				return;
			}
			if (text[at] !== ',') fail();
			at++;
		}
	};
	const value = (): void => {
		space();
		const char = text.charAt(at);
		if (char === '{') {
			sequence('}', () => {
				space();
				if (text[at] !== '"') fail();
				string();
				space();
				if (text[at] !== ':') fail();
				at++;
				value();
			});
		} else if (char === '[') sequence(']', value);
		else if (char === '"') string();
		else if (char === 't') literal('true');
		else if (char === 'f') literal('false');
		else if (char === 'n') literal('null');
		else number();
	};
	try {
		value();
		space();
		if (at < text.length) fail();
	} catch (error) {
		if (typeof error !== 'number') throw error;
	}
	const before = text.slice(0, at).split('\n');
	return `line ${before.length} column ${(before.at(-1)?.length ?? 0) + 1}`;
}
