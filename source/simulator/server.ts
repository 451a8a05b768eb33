// The HTTP shell: node:http, routing by Action, faults, latency. State lives in store.ts, rules in
// describe.ts and cancel.ts, the wire in query.ts and xml.ts.

import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {Socket} from 'node:net';
import {cancelImportTask} from './cancel.js';
import {describeImportTasks} from './describe.js';
import {Ec2Error, InvalidAction, UnauthorizedOperation} from './errors.js';
import {checkFaults, type FaultSettings, garbageBody, noFaults, pickFault, signingKeyId} from './faults.js';
import {tokenCodec} from './pagination.js';
import {actionOf, parseCancelRequest, parseDescribeRequest, parseForm} from './query.js';
import {type Random, stream, uuid} from './random.js';
import type {ScenarioFile} from './scenarios.js';
import {generatedStore, staticStore} from './store.js';
import {cancelResponseXml, describeResponseXml, describeSnapshotsResponseXml, errorXml} from './xml.js';

export {typicalImportMs} from './generate.js';
export type {ScenarioFile} from './scenarios.js';

export interface SimulatorOptions {
	host?: string;
	port?: number;
	/** Same seed + same clock (+ same requests) => byte-identical answers. */
	seed?: number;
	/** Simulated time runs this many times faster than the clock. */
	speed?: number;
	/** Generated image tasks present at start (ignored with a scenario). */
	tasks?: number;
	/** Generated snapshot tasks present at start; default a third of `tasks` (ignored with a scenario). */
	snapshotTasks?: number;
	/** New imports keep arriving; default true when generating, never with a scenario. */
	arrivals?: boolean;
	/** Served as given (static) instead of generated tasks. */
	scenario?: ScenarioFile;
	/** Epoch ms; simulated time is (now() - now() at creation) × speed. */
	now?: () => number;
	throttle?: number;
	failRate?: number;
	latencyMs?: number;
	deny?: boolean;
	hangRate?: number;
	garbageRate?: number;
	truncateRate?: number;
	expireCredentialsAfter?: number;
	/** Requests signed with these access key ids get AuthFailure (e.g. the old key of a rotated credentials file). */
	rejectAccessKeys?: readonly string[];
	/** These actions get 403 UnauthorizedOperation, as for a policy that lacks only them. */
	denyActions?: readonly string[];
	/** One draw per request decides the fault fractions; default a stream seeded from `seed`. */
	random?: () => number;
}

export type FaultOptions = Partial<
	Pick<
		SimulatorOptions,
		'throttle' | 'failRate' | 'latencyMs' | 'deny' | 'hangRate' | 'garbageRate' | 'truncateRate' | 'expireCredentialsAfter' | 'rejectAccessKeys' | 'denyActions'
	>
>;

export interface Simulator {
	/** Starts listening; resolves `http://HOST:PORT` with the real port. */
	listen(): Promise<string>;
	/** Stops, destroying open sockets (hung requests included). */
	close(): Promise<void>;
	readonly requestCount: number;
	/** Changes faults while running; a key given as undefined goes back to its default. */
	configure(faults: FaultOptions): void;
}

interface Answer {
	status: number;
	body: string;
	/** A page from a proxy in front of EC2: its own content type, no EC2 headers. */
	proxy?: boolean;
}

const xmlType = 'text/xml;charset=UTF-8';
const maxBodyBytes = 1024 * 1024;
const faultKeys = [
	'throttle',
	'failRate',
	'latencyMs',
	'deny',
	'hangRate',
	'garbageRate',
	'truncateRate',
	'expireCredentialsAfter',
	'rejectAccessKeys',
	'denyActions',
] as const;

function applyFaults(current: FaultSettings, changes: FaultOptions): FaultSettings {
	checkFaults(changes);
	const next = {...current};
	for (const key of faultKeys) {
		if (!(key in changes)) continue;
		const value = changes[key];
		if (key === 'deny') next.deny = changes.deny ?? noFaults.deny;
		else if (key === 'expireCredentialsAfter') next.expireCredentialsAfter = changes.expireCredentialsAfter;
		else if (key === 'rejectAccessKeys') next.rejectAccessKeys = [...(changes.rejectAccessKeys ?? noFaults.rejectAccessKeys)];
		else if (key === 'denyActions') next.denyActions = [...(changes.denyActions ?? noFaults.denyActions)];
		else next[key] = typeof value === 'number' ? value : noFaults[key];
	}
	return next;
}

function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= maxBodyBytes) chunks.push(chunk);
		});
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

export function createSimulator(options: SimulatorOptions = {}): Simulator {
	const seed = options.seed ?? 1;
	const speed = options.speed ?? 1;
	const taskCount = options.tasks ?? 12;
	if (!(speed > 0 && Number.isFinite(speed))) throw new RangeError(`speed must be a positive number (got ${speed})`);
	const snapshotCount = options.snapshotTasks ?? Math.round(taskCount / 3);
	for (const [name, value] of [
		['tasks', taskCount],
		['snapshotTasks', snapshotCount],
	] as const) {
		if (!(Number.isInteger(value) && value >= 0)) throw new RangeError(`${name} must be an integer >= 0 (got ${value})`);
	}
	const now = options.now ?? Date.now;
	const startedAt = now();
	const store =
		options.scenario === undefined
			? generatedStore({seed, tasks: taskCount, snapshotTasks: snapshotCount, arrivals: options.arrivals ?? true})
			: staticStore(options.scenario);
	const codec = tokenCodec(seed);
	const snapshotCodec = tokenCodec(seed, ' snapshots');
	const faultRoll: Random = options.random ?? stream(seed, 'faults');
	const requestIds = stream(seed, 'request-ids');
	let faults = applyFaults(noFaults, options);
	let requestCount = 0;
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();

	const simulatedNow = () => (now() - startedAt) * speed;
	const handlers = new Map<string, (params: URLSearchParams, requestId: string) => string>([
		[
			'DescribeImportImageTasks',
			(params, requestId) => {
				const request = parseDescribeRequest(params);
				const page = describeImportTasks(request, store.list(simulatedNow()), (task) => task.Status, codec);
				return describeResponseXml(
					requestId,
					page.entries.map((entry) => entry.task),
					page.nextToken,
				);
			},
		],
		[
			'DescribeImportSnapshotTasks',
			(params, requestId) => {
				const request = parseDescribeRequest(params);
				const page = describeImportTasks(request, store.snapshots(simulatedNow()), (task) => task.SnapshotTaskDetail?.Status, snapshotCodec);
				return describeSnapshotsResponseXml(
					requestId,
					page.entries.map((entry) => entry.task),
					page.nextToken,
				);
			},
		],
		['CancelImportTask', (params, requestId) => cancelResponseXml(requestId, cancelImportTask(parseCancelRequest(params), store, simulatedNow()))],
	]);

	function dispatch(method: string, url: URL, body: string, requestId: string): Answer {
		try {
			if (url.pathname !== '/' || (method !== 'POST' && method !== 'GET')) {
				throw new InvalidAction(`${method} ${url.pathname}`);
			}
			// EC2 takes the Query protocol as a form body or, for GET, as the query string.
			const params = method === 'GET' ? url.searchParams : parseForm(body);
			const action = actionOf(params);
			const handler = handlers.get(action);
			if (handler === undefined) throw new InvalidAction(action);
			if (faults.denyActions.includes(action)) throw new UnauthorizedOperation();
			return {status: 200, body: handler(params, requestId)};
		} catch (error) {
			if (error instanceof Ec2Error) return {status: error.status, body: errorXml(error.code, error.message, requestId)};
			throw error;
		}
	}

	function send(response: ServerResponse, requestId: string, answer: Answer, bodyBytes: Buffer): void {
		response.writeHead(
			answer.status,
			answer.proxy
				? {'Content-Type': 'text/html', 'Content-Length': bodyBytes.length, Server: 'nginx'}
				: {'Content-Type': xmlType, 'Content-Length': bodyBytes.length, 'x-amzn-RequestId': requestId, Server: 'AmazonEC2'},
		);
		response.end(bodyBytes);
	}

	async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		requestCount++;
		const requestId = uuid(requestIds);
		const fault = pickFault(faults, requestCount, faultRoll(), signingKeyId(request.headers.authorization));
		const body = await readBody(request);
		if (fault.kind === 'hang') return; // the socket stays open until close()
		const url = new URL(request.url ?? '/', 'http://simulator');
		let answer: Answer =
			fault.kind === 'error'
				? {status: fault.error.status, body: errorXml(fault.error.code, fault.error.message, requestId)}
				: dispatch(request.method ?? 'GET', url, body, requestId);
		if (fault.kind === 'garbage') answer = {status: 200, body: garbageBody, proxy: true};
		let bytes = Buffer.from(answer.body, 'utf8');
		if (fault.kind === 'truncate') bytes = bytes.subarray(0, Math.floor(bytes.length / 2));
		if (faults.latencyMs > 0) {
			await new Promise<void>((resolve) => {
				const timer = setTimeout(() => {
					timers.delete(timer);
					resolve();
				}, faults.latencyMs);
				timers.add(timer);
			});
		}
		if (!response.destroyed) send(response, requestId, answer, bytes);
	}

	const server = createServer((request, response) => {
		handle(request, response).catch((error: unknown) => {
			response.destroy(error instanceof Error ? error : new Error(String(error)));
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	return {
		listen() {
			return new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
					server.off('error', reject);
					const address = server.address();
					if (address === null || typeof address === 'string') {
						reject(new Error('simulator is not listening on TCP'));
						return;
					}
					const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
					resolve(`http://${host}:${address.port}`);
				});
			});
		},
		close() {
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			return new Promise((resolve) => {
				if (!server.listening) {
					resolve();
					return;
				}
				server.close(() => resolve());
				for (const socket of sockets) socket.destroy();
			});
		},
		get requestCount() {
			return requestCount;
		},
		configure(changes) {
			faults = applyFaults(faults, changes);
		},
	};
}
