// A tiny in-process EC2 endpoint for the bench, built from the simulator's own XML (xml.ts): the bench
// decides what each answer holds (`tasksFor`) and when it is sent (`holdUntil`), which the simulator's
// static scenarios cannot do. Pages by MaxResults/NextToken (the token is an offset). The watcher also lists
// snapshot imports each poll: those calls get an empty set at once and are not counted as polls or exchanges.

import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import type {ApiTask} from '../../source/simulator/api-task.js';
import {generatedStore} from '../../source/simulator/store.js';
import {describeResponseXml, describeSnapshotsResponseXml} from '../../source/simulator/xml.js';

export interface Exchange {
	/** performance.now() when the request arrived and when its answer was handed to the socket. */
	requestAt: number;
	answeredAt: number;
	/** Which poll this page belongs to (first pages count). */
	poll: number;
}

export interface BenchServer {
	url: string;
	readonly exchanges: readonly Exchange[];
	readonly polls: number;
	/** Resolves when `count` polls have been answered. */
	answered(count: number): Promise<void>;
	close(): Promise<void>;
}

export interface BenchServerOptions {
	/** The full task list for the poll numbered `poll` (1-based). */
	tasksFor: (poll: number) => readonly ApiTask[];
	/** Delay the answer to this performance.now() time (given the arrival time); default: at once. */
	holdUntil?: (arrivedAt: number) => number;
}

/** Seeded, realistic tasks frozen at one moment (the simulator's generator without arrivals). */
export function frozenTasks(count: number, seed = 7): ApiTask[] {
	return generatedStore({seed, tasks: count, arrivals: false})
		.list(0)
		.map((entry) => entry.task);
}

/** The task whose progress moves in the bench's rows: the first active one with a progress. */
export function movingTask(tasks: readonly ApiTask[]): number {
	return tasks.findIndex((task) => task.Status === 'active' && task.Progress !== undefined);
}

/** One task's progress moves by one point per poll (10 + the poll's number); everything else stays as it was. */
export function oneTaskMoves(tasks: readonly ApiTask[]): (poll: number) => ApiTask[] {
	const moving = movingTask(tasks);
	return (poll) => tasks.map((task, index) => (index === moving ? {...task, Progress: String(10 + poll)} : task));
}

export async function startBenchServer(options: BenchServerOptions): Promise<BenchServer> {
	const exchanges: Exchange[] = [];
	let polls = 0;
	let completed = 0;
	const waiters: {count: number; resolve: () => void}[] = [];
	let current: readonly ApiTask[] = [];
	const server: Server = createServer((request, response) => {
		const requestAt = performance.now();
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
			if (form.get('Action') === 'DescribeImportSnapshotTasks') {
				const body = describeSnapshotsResponseXml('bench-snapshots', []);
				response.writeHead(200, {'Content-Type': 'text/xml;charset=UTF-8', 'Content-Length': Buffer.byteLength(body)});
				response.end(body);
				return;
			}
			const offset = Number(form.get('NextToken') ?? 0);
			if (offset === 0) {
				polls++;
				current = options.tasksFor(polls);
			}
			const poll = polls;
			const size = Number(form.get('MaxResults') ?? current.length) || current.length;
			const page = current.slice(offset, offset + size);
			const next = offset + size < current.length ? String(offset + size) : undefined;
			const body = Buffer.from(describeResponseXml(`bench-${poll}-${offset}`, page, next), 'utf8');
			const send = () => {
				response.writeHead(200, {'Content-Type': 'text/xml;charset=UTF-8', 'Content-Length': body.length});
				response.end(body, () => {
					exchanges.push({requestAt, answeredAt: performance.now(), poll});
					if (next !== undefined) return;
					completed = Math.max(completed, poll);
					for (const waiter of waiters.filter((w) => w.count <= completed)) {
						waiters.splice(waiters.indexOf(waiter), 1);
						waiter.resolve();
					}
				});
			};
			const wait = options.holdUntil === undefined ? 0 : options.holdUntil(requestAt) - performance.now();
			if (wait > 0) setTimeout(send, wait);
			else send();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		exchanges,
		get polls() {
			return polls;
		},
		answered(count) {
			if (completed >= count) return Promise.resolve();
			return new Promise((resolve) => waiters.push({count, resolve}));
		},
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
