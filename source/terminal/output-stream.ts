// The stream plumbing between Ink and the terminal: the terminal's size as the screen diff reads it, and a stream
// whose writes are rewritten (by the screen diff, by the ASCII fallback) before they reach the terminal.

import type {ScreenSize} from './cell-grid.js';

/** The terminal's size as a compactor reads it; undefined when the stream does not say (not a TTY). */
export function streamSize(stdout: NodeJS.WriteStream): () => ScreenSize | undefined {
	return () => (stdout.columns > 0 && stdout.rows > 0 ? {columns: stdout.columns, rows: stdout.rows} : undefined);
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
