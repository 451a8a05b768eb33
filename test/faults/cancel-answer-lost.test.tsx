import assert from 'node:assert/strict';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterEach, describe, it} from 'node:test';
import {questionReadyMs} from '../../source/app/use-question-ready.js';
import {createEc2Source, type Ec2Source} from '../../source/watch/ec2-source.js';
import {errorBody, taskList} from '../helpers/fixed-endpoint.js';
import {type AppHarness, renderApp, waitFor} from '../helpers/render-app.js';
import {testCredentials} from '../helpers/simulator.js';

// A cancel whose answer is lost: an endpoint on 127.0.0.1 that lists one active task, allows the dry run, and then
// drops the real CancelImportTask's answer (the socket closed without a byte, or a 500). The request is sent once
// (the SDK would retry it, and the retry would meet IncorrectState), and the outcome is said as "may have been
// cancelled — watch its status", never "Not cancelled".

type Drop = 'close' | 'server-fault';

interface LossyEndpoint {
	url: string;
	cancels: number;
	close(): Promise<void>;
}

function startLossyEndpoint(drop: Drop): Promise<LossyEndpoint> {
	const endpoint = {url: '', cancels: 0, close: async () => {}};
	const server: Server = createServer((request, response) => {
		let body = '';
		request.on('data', (chunk: Buffer) => {
			body += chunk.toString('utf8');
		});
		request.on('end', () => {
			const form = new URLSearchParams(body);
			const answer = (status: number, xml: string) => {
				response.writeHead(status, {'content-type': 'text/xml;charset=UTF-8'});
				response.end(xml);
			};
			if (form.get('Action') === 'DescribeImportImageTasks') {
				answer(
					200,
					taskList([
						'<importTaskId>import-ami-0123456789abcdef0</importTaskId><status>active</status><progress>28</progress><description>web-01</description>',
					]),
				);
			} else if (form.get('Action') === 'CancelImportTask' && form.get('DryRun') === 'true') {
				answer(412, errorBody('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.'));
			} else if (form.get('Action') === 'CancelImportTask') {
				endpoint.cancels += 1;
				if (drop === 'close') request.socket.destroy();
				else answer(500, errorBody('InternalError', 'An internal error has occurred.'));
			} else {
				answer(400, errorBody('InvalidAction', 'not here'));
			}
		});
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as AddressInfo;
			endpoint.url = `http://127.0.0.1:${port}`;
			endpoint.close = () =>
				new Promise((done) => {
					server.closeAllConnections();
					server.close(() => done());
				});
			resolve(endpoint);
		});
	});
}

let app: AppHarness | undefined;
let source: Ec2Source | undefined;
let endpoint: LossyEndpoint | undefined;
afterEach(async () => {
	app?.unmount();
	source?.destroy();
	await endpoint?.close();
	app = undefined;
});

describe('a cancel whose answer is lost', () => {
	for (const drop of ['close', 'server-fault'] as const) {
		it(`${drop === 'close' ? 'the connection closed' : 'a 500'} after sending: sent once, said as "may have been cancelled"`, async () => {
			endpoint = await startLossyEndpoint(drop);
			// Three attempts per request for the Describe calls; the cancel must still be sent once.
			source = createEc2Source({region: 'us-east-1', endpoint: endpoint.url, credentials: testCredentials, kinds: ['image'], maxAttempts: 3});
			app = await renderApp([], {realSource: source, canceller: source});
			const shown = app;
			await waitFor(() => shown.frame().includes('import-ami-0123456789abcdef0'), 'the first poll');
			await shown.press('x');
			await shown.timers.advance(questionReadyMs);
			await shown.press('y');
			await waitFor(() => /may have been cancelled/.test(shown.frame()), 'the outcome', 15_000);
			assert.match(shown.frame(), /import-ami-0123456789abcdef0 may have been cancelled — watch its status/);
			assert.doesNotMatch(shown.frame(), /Not cancelled/);
			// The SDK retries inside the call, before it answers: by now every attempt there was has arrived.
			assert.equal(endpoint.cancels, 1, 'CancelImportTask was sent once');
		});
	}
});
