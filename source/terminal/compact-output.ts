// Sits between Ink and the terminal and writes the same screen with fewer bytes: Ink's output is played onto a
// virtual screen (screen-diff.ts) and only the cells that differ from what the terminal shows are written.
// Ink's incremental renderer rewrites a changed line from its first changed cell to the end of the line and
// walks every unchanged row; here one changed cell costs a cursor move and the cell.

import {createScreenDiff, type ScreenSize} from './screen-diff.js';

/** A compactor for everything written to `stdout`; its size is read on every write (a resize repaints). */
export function createOutputCompactor(size: () => ScreenSize | undefined): (text: string) => string {
	return createScreenDiff(size);
}

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
