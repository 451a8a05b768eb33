// How much one poll may read, whatever the endpoint sends: the bytes of one answer (counted as they arrive, before
// the SDK reads them, the connection closed once past), the pages of one call, the tasks of one call. A real answer
// of 1,000 tasks is 1–2 MB of XML, so each cap is far above what EC2 sends and far below what would exhaust memory.
// Passing one is a fault of its own (the last good data stays; the next poll tries again).

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

interface Streamed extends AsyncIterable<unknown> {
	destroy?: (error?: Error) => void;
}

function isStreamed(value: unknown): value is Streamed {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof Reflect.get(value, Symbol.asyncIterator) === 'function' &&
		typeof Reflect.get(value, 'pipe') === 'function'
	);
}

/**
 * The body, read here with a cap before the SDK's deserializer sees it: past `limit` bytes (or announced as more by
 * its Content-Length) the socket is destroyed and answerTooLarge is thrown, from outside the deserializer, so no
 * error keeps the response or what was read of it. Under the cap, the chunks are handed on as they came.
 */
export async function readCapped(body: unknown, headers: Readonly<Record<string, string | undefined>>, limit: number): Promise<unknown> {
	if (!isStreamed(body)) return body;
	const announced = Number(headers['content-length'] ?? Number.NaN);
	if (Number.isFinite(announced) && announced > limit) {
		body.destroy?.();
		throw answerTooLarge(limit);
	}
	const chunks: Buffer[] = [];
	let read = 0;
	for await (const chunk of body) {
		const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
		read += bytes.length;
		if (read > limit) {
			chunks.length = 0;
			body.destroy?.();
			throw answerTooLarge(limit);
		}
		chunks.push(bytes);
	}
	// The bytes as one buffer: the SDK's deserializer (and the same-page digest) take a Uint8Array body as it is.
	return Buffer.concat(chunks);
}

function headersOf(response: object): Record<string, string | undefined> {
	const headers = Reflect.get(response, 'headers');
	if (typeof headers !== 'object' || headers === null) return {};
	const found: Record<string, string | undefined> = {};
	for (const [name, value] of Object.entries(headers)) if (typeof value === 'string') found[name.toLowerCase()] = value;
	return found;
}

/** The response of one HTTP exchange (inside the SDK's deserialize step), its body read with the cap; changed in place. */
export async function capResponse(output: unknown, limit: number): Promise<void> {
	const response = typeof output === 'object' && output !== null ? Reflect.get(output, 'response') : undefined;
	if (typeof response !== 'object' || response === null) return;
	Reflect.set(response, 'body', await readCapped(Reflect.get(response, 'body'), headersOf(response), limit));
}
