import {Transform, type TransformCallback} from 'node:stream';

// How much one poll may read, whatever the endpoint sends: the bytes of one answer (counted while they stream, the
// request aborted once past), the pages of one call, the tasks of one call. A real answer of 1,000 tasks is 1–2 MB
// of XML, so each cap is far above what EC2 sends and far below what would exhaust memory. Passing one is a fault
// of its own (the last good data stays; the next poll tries again).

export const readLimits = {
	/** One HTTP answer: 64 MiB. */
	answerBytes: 64 * 1024 * 1024,
	/** One Describe call in one poll. */
	pages: 1000,
	/** One Describe call in one poll (the paginator reads on until then). */
	tasks: 200_000,
} as const;

export interface ReadCaps {
	answerBytes: number;
	pages: number;
	tasks: number;
}

export const readLimitName = 'ReadLimitExceeded';

/** A cap was passed: its message says which, as the fault line shows it. classify-error reads it by its name. */
export class ReadLimitError extends Error {
	override readonly name = readLimitName;
}

const mebibyte = 1024 * 1024;

function bytesText(bytes: number): string {
	return bytes % mebibyte === 0 ? `${bytes / mebibyte} MiB` : `${bytes.toLocaleString('en-US')} bytes`;
}

export function answerTooLarge(limit: number): ReadLimitError {
	return new ReadLimitError(`an answer passed ${bytesText(limit)}: stopped reading`);
}

export function tooManyPages(limit: number): ReadLimitError {
	return new ReadLimitError(`more than ${limit.toLocaleString('en-US')} pages in one poll: stopped reading`);
}

export function tooManyTasks(limit: number): ReadLimitError {
	return new ReadLimitError(`more than ${limit.toLocaleString('en-US')} tasks in one poll: stopped reading`);
}

interface Streamed {
	pipe: NodeJS.ReadableStream['pipe'];
	on: NodeJS.ReadableStream['on'];
	destroy?: (error?: Error) => void;
}

function isStreamed(value: unknown): value is Streamed {
	return typeof value === 'object' && value !== null && typeof Reflect.get(value, 'pipe') === 'function' && typeof Reflect.get(value, 'on') === 'function';
}

/**
 * The body as the SDK will read it, counted on the way: past `limit` bytes (or announced as more by its
 * Content-Length) the socket is destroyed and the read fails with answerTooLarge, so nothing more arrives and what
 * was read is let go.
 */
export function capBody(body: unknown, headers: Readonly<Record<string, string | undefined>>, limit: number): unknown {
	if (!isStreamed(body)) return body;
	const announced = Number(headers['content-length'] ?? Number.NaN);
	let read = 0;
	const counted = new Transform({
		transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
			read += chunk.length;
			if (read > limit) done(answerTooLarge(limit));
			else done(null, chunk);
		},
	});
	body.on('error', (error: Error) => counted.destroy(error));
	counted.on('error', () => body.destroy?.());
	if (Number.isFinite(announced) && announced > limit) {
		body.destroy?.();
		queueMicrotask(() => counted.destroy(answerTooLarge(limit)));
		return counted;
	}
	body.pipe(counted);
	return counted;
}

function headersOf(response: object): Record<string, string | undefined> {
	const headers = Reflect.get(response, 'headers');
	if (typeof headers !== 'object' || headers === null) return {};
	const found: Record<string, string | undefined> = {};
	for (const [name, value] of Object.entries(headers)) if (typeof value === 'string') found[name.toLowerCase()] = value;
	return found;
}

/** The response of one HTTP exchange (inside the SDK's deserialize step) with its body capped; changed in place. */
export function capResponse(output: unknown, limit: number): void {
	const response = typeof output === 'object' && output !== null ? Reflect.get(output, 'response') : undefined;
	if (typeof response !== 'object' || response === null) return;
	Reflect.set(response, 'body', capBody(Reflect.get(response, 'body'), headersOf(response), limit));
}
