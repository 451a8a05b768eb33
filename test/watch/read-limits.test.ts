import assert from 'node:assert/strict';
import {after, describe, test} from 'node:test';
import {faultLine} from '../../source/model/fault-text.js';
import {shownId} from '../../source/model/import-task.js';
import {classifyError} from '../../source/watch/classify-error.js';
import {createEc2Source, type Ec2SourceOptions} from '../../source/watch/ec2-source.js';
import {describeAnswer, failureOf, type HostileEndpoint, sendXml, startHostileEndpoint} from '../helpers/hostile-endpoint.js';
import {testCredentials} from '../helpers/simulator.js';

// Bounded reads: the real SDK over real HTTP against an endpoint on 127.0.0.1 that sends too much on purpose.

const endpoints: HostileEndpoint[] = [];
after(async () => {
	await Promise.all(endpoints.map((endpoint) => endpoint.close()));
});

async function hostile(...args: Parameters<typeof startHostileEndpoint>): Promise<HostileEndpoint> {
	const endpoint = await startHostileEndpoint(...args);
	endpoints.push(endpoint);
	return endpoint;
}

function source(url: string, overrides: Partial<Ec2SourceOptions> = {}) {
	return createEc2Source({region: 'us-east-1', endpoint: url, credentials: testCredentials, maxAttempts: 1, kinds: ['image'], ...overrides});
}

const kib = 1024;
const mib = 1024 * kib;

describe('bounded reads', () => {
	test('a body that never ends is cut at the cap: the request is aborted and the fault says why', {timeout: 60_000}, async () => {
		let closed = false;
		const endpoint = await hostile((_request, response) => {
			response.writeHead(200, {'content-type': 'text/xml;charset=UTF-8'});
			response.write(`<?xml version="1.0"?><DescribeImportImageTasksResponse><importImageTaskSet>`);
			const chunk = `<item><importTaskId>import-ami-x</importTaskId></item>`.repeat(200);
			const pump = () => {
				while (!response.destroyed && response.write(chunk));
				if (!response.destroyed) response.once('drain', pump);
			};
			response.on('close', () => {
				closed = true;
			});
			pump();
		});
		const watched = source(endpoint.url, {readCaps: {answerBytes: 256 * kib}});
		const error = await failureOf(watched.fetchTasks(new AbortController().signal));
		const fault = classifyError(error);
		assert.equal(fault.kind, 'server');
		assert.equal(fault.message, 'an answer passed 262,144 bytes: stopped reading');
		assert.equal(fault.retryNote, 'the next poll retries');
		// Said before any data too (--once, a first poll): it claims no "last good data" there may not be.
		assert.equal(faultLine(fault), 'an answer passed 262,144 bytes: stopped reading — the endpoint sent far more than EC2 does');
		assert.doesNotMatch(faultLine(fault, true), /last good/);
		// The endpoint sees its connection closed: nothing more is read.
		for (let turn = 0; turn < 10_000 && !closed; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
		assert.ok(closed, 'the streaming answer was aborted');
		watched.destroy();
	});

	test('a huge well-formed answer is refused by its Content-Length before it is read', async () => {
		const tasks = Array.from({length: 20_000}, (_, index) => ({id: `import-ami-${String(index).padStart(17, '0')}`, status: 'active'}));
		const body = describeAnswer('DescribeImportImageTasks', tasks);
		assert.ok(body.length > mib && body.length < 2 * mib, `${body.length} bytes`);
		const endpoint = await hostile((_request, response) => sendXml(response, 200, body));
		const roomy = source(endpoint.url, {readCaps: {answerBytes: 2 * mib}});
		assert.equal((await roomy.fetchTasks(new AbortController().signal)).length, 20_000, 'under the cap it is read');
		const tight = source(endpoint.url, {readCaps: {answerBytes: mib}});
		assert.equal(classifyError(await failureOf(tight.fetchTasks(new AbortController().signal))).message, 'an answer passed 1 MiB: stopped reading');
		roomy.destroy();
		tight.destroy();
	});

	test('endless pages with fresh tokens stop at the page cap, named as such; the reader then reads normally again', async () => {
		let endless = true;
		const endpoint = await hostile(({number}, response) =>
			sendXml(
				response,
				200,
				describeAnswer(
					'DescribeImportImageTasks',
					[{id: `import-ami-${String(number).padStart(17, '0')}`, status: 'active'}],
					endless ? `token-${number}` : undefined,
				),
			),
		);
		const watched = source(endpoint.url, {readCaps: {pages: 20}});
		const error = await failureOf(watched.fetchTasks(new AbortController().signal));
		assert.equal(classifyError(error).message, 'more than 20 pages in one poll: stopped reading');
		assert.equal(endpoint.count('DescribeImportImageTasks'), 20, 'no page past the cap is asked for');
		endless = false;
		assert.equal((await watched.fetchTasks(new AbortController().signal)).length, 1);
		watched.destroy();
	});

	test('more tasks than the task cap in one poll is named as such', async () => {
		let page = 0;
		const endpoint = await hostile((_request, response) => {
			page += 1;
			const tasks = Array.from({length: 50}, (_, index) => ({id: `import-ami-${String(page * 100 + index).padStart(17, '0')}`, status: 'active'}));
			sendXml(response, 200, describeAnswer('DescribeImportImageTasks', tasks, `t${page}`));
		});
		const watched = source(endpoint.url, {readCaps: {tasks: 120}});
		assert.equal(classifyError(await failureOf(watched.fetchTasks(new AbortController().signal))).message, 'more than 120 tasks in one poll: stopped reading');
		assert.equal(page, 3);
		watched.destroy();
	});

	test('a repeated NextToken does not list a page twice', async () => {
		const tasks = [
			{id: 'import-ami-00000000000000001', status: 'active'},
			{id: 'import-ami-00000000000000002', status: 'active'},
		];
		// Ignores the token it is sent: the same page and the same token, every time.
		const endpoint = await hostile((_request, response) => sendXml(response, 200, describeAnswer('DescribeImportImageTasks', tasks, 'same')));
		const listed = await source(endpoint.url).fetchTasks(new AbortController().signal);
		assert.deepEqual(listed.map(shownId), ['import-ami-00000000000000001', 'import-ami-00000000000000002']);
		assert.deepEqual(
			listed.map((task) => task.occurrence),
			[undefined, undefined],
		);
		assert.equal(endpoint.count('DescribeImportImageTasks'), 2, 'the paginator stops on the same token');
	});

	test('tokens that go round (A, B, A) stop the read without listing a page twice', async () => {
		const pages: Record<string, {tasks: {id: string; status: string}[]; next: string}> = {
			'': {tasks: [{id: 'import-ami-00000000000000001', status: 'active'}], next: 'A'},
			A: {tasks: [{id: 'import-ami-00000000000000002', status: 'active'}], next: 'B'},
			B: {tasks: [{id: 'import-ami-00000000000000003', status: 'active'}], next: 'A'},
		};
		const endpoint = await hostile(({params}, response) => {
			const page = pages[params.get('NextToken') ?? ''];
			sendXml(response, 200, describeAnswer('DescribeImportImageTasks', page?.tasks ?? [], page?.next));
		});
		const listed = await source(endpoint.url).fetchTasks(new AbortController().signal);
		assert.deepEqual(listed.map(shownId), ['import-ami-00000000000000001', 'import-ami-00000000000000002', 'import-ami-00000000000000003']);
		assert.equal(endpoint.count('DescribeImportImageTasks'), 3);
	});
});
