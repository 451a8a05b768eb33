import assert from 'node:assert/strict';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {after, before, describe, test} from 'node:test';
import {simulatorArgs, simulatorEnv, startTerm, type Term} from '../helpers/term.js';

// Fault text is the endpoint's word as much as a task's description: in --once, --check and plain lines a
// right-to-left override (or another invisible control) from an error message must not reach the terminal.
// The endpoint here is a local one that answers the first `okFirst` requests with an empty task list and every
// later one with an EC2 error envelope whose message and code carry the hostile characters.

const hostileMessage = 'quota for invoice\u202Eexe.txt\u200B exceeded \u009B31m';
const hostileCode = 'Internal\u202EError';

function errorEnvelope(): string {
	return `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${hostileCode}</Code><Message>${hostileMessage}</Message></Error></Errors><RequestID>r-1</RequestID></Response>`;
}

const emptyList =
	'<?xml version="1.0" encoding="UTF-8"?>\n<DescribeImportImageTasksResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-0</requestId><importImageTaskSet/></DescribeImportImageTasksResponse>';

function hostileEndpoint(okFirst: number): Promise<{url: string; server: Server}> {
	let requests = 0;
	const server = createServer((request, response) => {
		request.resume();
		request.on('end', () => {
			requests++;
			const ok = requests <= okFirst;
			response.writeHead(ok ? 200 : 500, {'content-type': 'text/xml;charset=UTF-8'});
			response.end(ok ? emptyList : errorEnvelope());
		});
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => resolve({url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server}));
	});
}

const forbidden = /[\u202E\u200B\u009B]/u;

async function ended(term: Term): Promise<string> {
	await term.exited;
	return term.text();
}

describe('fault text from the endpoint passes the one sanitiser outside the TUI', () => {
	let failing: {url: string; server: Server};
	let lateFailing: {url: string; server: Server};
	before(async () => {
		failing = await hostileEndpoint(0);
		lateFailing = await hostileEndpoint(1);
	});
	after(() => {
		failing.server.close();
		lateFailing.server.close();
	});

	test('--once: the one-line error has no bidi override', async () => {
		const term = startTerm({args: [...simulatorArgs(failing.url), '--once'], env: simulatorEnv});
		try {
			const text = await ended(term);
			assert.match(text, /ec2-import-watch: EC2 had a problem \(HTTP 500\): quota for invoice/);
			assert.doesNotMatch(text, forbidden);
		} finally {
			await term.close();
		}
	});

	test('--check: the failed line has no bidi override', async () => {
		const term = startTerm({args: [...simulatorArgs(failing.url), '--check'], env: simulatorEnv});
		try {
			const text = await ended(term);
			assert.match(text, /failed \(region us-east-1 at http:\/\/127\.0\.0\.1:\d+\): EC2 had a problem/);
			assert.doesNotMatch(text, forbidden);
		} finally {
			await term.close();
		}
	});

	test('plain lines (TERM=dumb): the fault line is ASCII, with no bidi override', async () => {
		const term = startTerm({args: [...simulatorArgs(lateFailing.url), '--interval', '1'], env: {...simulatorEnv, TERM: 'dumb'}});
		try {
			await term.waitFor(/EC2 answered with a server fault[^\n]*quota for invoice/, {timeoutMs: 15_000});
			await term.kill('SIGTERM');
			const text = await ended(term);
			assert.doesNotMatch(text, forbidden);
			assert.deepEqual([...new Set(text.match(/[^\x00-\x7f]/gu) ?? [])], [], 'plain lines are ASCII');
		} finally {
			await term.close();
		}
	});
});
