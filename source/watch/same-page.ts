import {createHash} from 'node:crypto';
import type {EC2Client, ServiceOutputTypes} from '@aws-sdk/client-ec2';

// A Describe page that EC2 answers with the same bytes as last time (its requestId aside) is not parsed again:
// the SDK's XML parse was ~45 % of an idle watcher's JavaScript time (200 tasks, a poll every 5 s, nothing
// changing), and for 10,000 tasks most pages of a poll are unchanged. Two middlewares around the SDK's
// deserializer: the inner one reads the body, and when its digest matches the last answer to the same request
// it hands the outer one that answer's output instead of letting it be parsed. Only successful answers to the
// Describe calls are kept (never a cancel, never an error), one per request (its page token, size, filters).

/** Thrown by the inner middleware to the outer one: the answer is the one kept. */
class SamePage {
	constructor(
		readonly response: unknown,
		readonly output: ServiceOutputTypes,
	) {}
}

const describe = /(?:^|&)Action=DescribeImport(?:Image|Snapshot)Tasks(?:&|$)/;

/** The request's form body, for a Describe call (the page's identity); undefined for any other call. */
function describeKey(request: unknown): string | undefined {
	const body = typeof request === 'object' && request !== null ? Reflect.get(request, 'body') : undefined;
	return typeof body === 'string' && describe.test(body) ? body : undefined;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
	return typeof value === 'object' && value !== null && typeof Reflect.get(value, Symbol.asyncIterator) === 'function';
}

async function bodyBytes(body: unknown): Promise<Uint8Array | undefined> {
	if (body instanceof Uint8Array) return body;
	if (!isAsyncIterable(body)) return undefined;
	const chunks: Uint8Array[] = [];
	for await (const chunk of body) {
		if (typeof chunk === 'string') chunks.push(Buffer.from(chunk));
		else if (chunk instanceof Uint8Array) chunks.push(chunk);
	}
	return Buffer.concat(chunks);
}

/** A digest of the answer without its requestId (which differs in every answer, the rest being the same). */
export function answerDigest(bytes: Uint8Array): string {
	const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const open = text.indexOf('<requestId>');
	const close = open < 0 ? -1 : text.indexOf('</requestId>', open);
	const hash = createHash('sha256');
	if (close < 0) hash.update(text);
	else hash.update(text.subarray(0, open)).update(text.subarray(close));
	return hash.digest('base64');
}

/** Adds the two middlewares to a client's stack; what they keep lives and dies with the client. */
export function skipUnchangedPages(client: EC2Client): void {
	const stack = client.middlewareStack;
	const kept = new Map<string, {digest: string; output: ServiceOutputTypes}>();
	// The digest of the answer being parsed, from the inner middleware to the outer one, by request.
	const parsing = new WeakMap<object, string>();
	stack.add(
		(next) => async (args) => {
			const key = describeKey(args.request);
			if (key === undefined) return next(args);
			try {
				const result = await next(args);
				const digest = typeof args.request === 'object' && args.request !== null ? parsing.get(args.request) : undefined;
				if (digest === undefined || result.output === undefined) kept.delete(key);
				else kept.set(key, {digest, output: result.output});
				return result;
			} catch (error) {
				if (!(error instanceof SamePage)) throw error;
				return {response: error.response, output: fresh(error.output)};
			}
		},
		{step: 'deserialize', priority: 'high', name: 'skipUnchangedPagesOuter'},
	);
	stack.add(
		(next) => async (args) => {
			const result = await next(args);
			const key = describeKey(args.request);
			const {response} = result;
			if (key === undefined || typeof response !== 'object' || response === null || Reflect.get(response, 'statusCode') !== 200) return result;
			const bytes = await bodyBytes(Reflect.get(response, 'body'));
			if (bytes === undefined) return result;
			// The stream is read: the deserializer gets the bytes instead (the SDK takes a Uint8Array body as is).
			Reflect.set(response, 'body', bytes);
			const digest = answerDigest(bytes);
			const last = kept.get(key);
			if (last !== undefined && last.digest === digest) throw new SamePage(response, last.output);
			if (typeof args.request === 'object' && args.request !== null) parsing.set(args.request, digest);
			return result;
		},
		{step: 'deserialize', priority: 'low', name: 'skipUnchangedPagesInner'},
	);
}

/** The kept output with a $metadata of its own (the retry middleware writes its attempts into it). */
function fresh(output: ServiceOutputTypes): ServiceOutputTypes {
	return {...output, $metadata: {...output.$metadata}};
}
