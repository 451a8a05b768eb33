import assert from 'node:assert/strict';
import {createServer, type ServerResponse} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';

// An endpoint on 127.0.0.1 that answers each Query-protocol request as a test's function says, for answers the
// simulator will not send: a body that never ends, a huge one, endless fresh tokens, one action failing.

export interface HostileRequest {
	action: string;
	params: URLSearchParams;
	/** 1 for the first request this endpoint saw. */
	number: number;
}

export interface HostileEndpoint {
	url: string;
	/** Requests per action so far. */
	count(action: string): number;
	close(): Promise<void>;
}

export function startHostileEndpoint(answer: (request: HostileRequest, response: ServerResponse) => void): Promise<HostileEndpoint> {
	const counts = new Map<string, number>();
	const sockets = new Set<Socket>();
	let number = 0;
	const server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
			const action = params.get('Action') ?? '';
			counts.set(action, (counts.get(action) ?? 0) + 1);
			number += 1;
			answer({action, params, number}, response);
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as AddressInfo;
			resolve({
				url: `http://127.0.0.1:${port}`,
				count: (action) => counts.get(action) ?? 0,
				close: () =>
					new Promise((done) => {
						for (const socket of sockets) socket.destroy();
						server.close(() => done());
					}),
			});
		});
	});
}

const xmlns = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** A Describe answer for `action` with these tasks (id and status) and, when given, a NextToken. */
export function describeAnswer(action: string, tasks: ReadonlyArray<{id: string; status: string; progress?: number}>, nextToken?: string): string {
	const set = action === 'DescribeImportSnapshotTasks' ? 'importSnapshotTaskSet' : 'importImageTaskSet';
	const items = tasks
		.map(({id, status, progress}) => {
			const progressXml = progress === undefined ? '' : `<progress>${progress}</progress>`;
			return action === 'DescribeImportSnapshotTasks'
				? `<item><importTaskId>${id}</importTaskId><snapshotTaskDetail><status>${status}</status>${progressXml}</snapshotTaskDetail></item>`
				: `<item><importTaskId>${id}</importTaskId><status>${status}</status>${progressXml}</item>`;
		})
		.join('');
	const token = nextToken === undefined ? '' : `<nextToken>${nextToken}</nextToken>`;
	return `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${xmlns}"><requestId>r-0</requestId><${set}>${items}</${set}>${token}</${action}Response>`;
}

export function sendXml(response: ServerResponse, status: number, body: string): void {
	response.writeHead(status, {'content-type': 'text/xml;charset=UTF-8'});
	response.end(body);
}

/** The ids a Describe request asked for (ImportTaskId.1, ImportTaskId.2 …). */
export function askedIds(params: URLSearchParams): string[] {
	return [...params.entries()].filter(([key]) => /^ImportTaskId\.\d+$/.test(key)).map(([, value]) => value);
}

/** What `promise` was rejected with (the test fails when it resolves). */
export async function failureOf(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	assert.fail('expected a rejection');
}
