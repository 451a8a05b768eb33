// Requests, pagination, filters, dry run and errors through the real @aws-sdk/client-ec2 over HTTP.

import assert from 'node:assert/strict';
import {createServer} from 'node:http';
import {after, before, describe, it} from 'node:test';
import {DescribeImportImageTasksCommand, type DescribeImportImageTasksCommandInput, EC2Client, paginateDescribeImportImageTasks} from '@aws-sdk/client-ec2';
import type {ApiTask} from '../../source/simulator/api-task.js';
import {ec2Error, manualClock, postForm, startTestSimulator, type TestSimulator, testCredentials} from '../helpers/simulator.js';

const states = ['active', 'completed', 'deleting', 'deleted', 'active', 'completed', 'active', 'deleted', 'active'];
const scenarioTasks: ApiTask[] = states.map((Status, index) => ({ImportTaskId: `import-ami-${String(index).padStart(17, '0')}`, Status}));
const idsWith = (...wanted: string[]) => scenarioTasks.filter((task) => wanted.includes(task.Status ?? '')).map((task) => task.ImportTaskId);

async function allIds(client: EC2Client, pageSize: number | undefined, input: DescribeImportImageTasksCommandInput = {}): Promise<string[]> {
	const ids: string[] = [];
	for await (const page of paginateDescribeImportImageTasks({client, pageSize}, {...input})) {
		for (const task of page.ImportImageTasks ?? []) ids.push(task.ImportTaskId ?? '');
	}
	return ids;
}

describe('DescribeImportImageTasks through the real SDK (scenario)', () => {
	let sim: TestSimulator;
	before(async () => {
		sim = await startTestSimulator({scenario: {tasks: scenarioTasks}});
	});
	after(() => sim.close());

	it('lists every task in one page without MaxResults, in the scenario order', async () => {
		const output = await sim.client.send(new DescribeImportImageTasksCommand({}));
		assert.deepEqual(output.ImportImageTasks, scenarioTasks);
		assert.equal(output.NextToken, undefined);
		assert.match(output.$metadata.requestId ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
	});

	it('returns the tasks asked for by ImportTaskIds', async () => {
		const wanted = [scenarioTasks[3]?.ImportTaskId ?? '', scenarioTasks[1]?.ImportTaskId ?? ''];
		const output = await sim.client.send(new DescribeImportImageTasksCommand({ImportTaskIds: wanted}));
		assert.deepEqual(output.ImportImageTasks?.map((task) => task.ImportTaskId).sort(), [...wanted].sort());
	});

	it('answers an unknown task id with InvalidConversionTaskId.Malformed, 400', async () => {
		const error = await ec2Error(sim.client.send(new DescribeImportImageTasksCommand({ImportTaskIds: ['import-ami-ffffffffffffffff0']})));
		assert.equal(error.name, 'InvalidConversionTaskId.Malformed');
		assert.equal(error.$metadata.httpStatusCode, 400);
		assert.equal(error.$fault, 'client');
		assert.match(error.message, /import-ami-ffffffffffffffff0/);
		assert.ok(error.$metadata.requestId);
	});

	it('filters by task-state: values ORed, filters ANDed', async () => {
		const filter = (...values: string[]) => ({Name: 'task-state', Values: values});
		const completed = await sim.client.send(new DescribeImportImageTasksCommand({Filters: [filter('completed')]}));
		assert.deepEqual(
			completed.ImportImageTasks?.map((task) => task.ImportTaskId),
			idsWith('completed'),
		);
		const either = await sim.client.send(new DescribeImportImageTasksCommand({Filters: [filter('deleting', 'deleted')]}));
		assert.deepEqual(
			either.ImportImageTasks?.map((task) => task.ImportTaskId),
			idsWith('deleting', 'deleted'),
		);
		const both = await sim.client.send(new DescribeImportImageTasksCommand({Filters: [filter('active', 'deleted'), filter('deleted')]}));
		assert.deepEqual(
			both.ImportImageTasks?.map((task) => task.ImportTaskId),
			idsWith('deleted'),
		);
		assert.deepEqual(await allIds(sim.client, 1, {Filters: [filter('active')]}), idsWith('active'));
	});

	it('refuses an unknown filter name and an unknown task-state with InvalidParameterValue, 400', async () => {
		const badName = await ec2Error(sim.client.send(new DescribeImportImageTasksCommand({Filters: [{Name: 'tag:Name', Values: ['x']}]})));
		assert.equal(badName.name, 'InvalidParameterValue');
		assert.equal(badName.message, "The filter 'tag:Name' is invalid");
		assert.equal(badName.$metadata.httpStatusCode, 400);
		const badValue = await ec2Error(sim.client.send(new DescribeImportImageTasksCommand({Filters: [{Name: 'task-state', Values: ['running']}]})));
		assert.equal(badValue.name, 'InvalidParameterValue');
	});

	it('accepts Filter.N (the spelling of every other Describe call) from a raw request', async () => {
		const response = await postForm(sim.url, 'Action=DescribeImportImageTasks&Version=2016-11-15&Filter.1.Name=task-state&Filter.1.Value.1=deleting');
		assert.equal(response.status, 200);
		const ids = [...response.text.matchAll(/<importTaskId>([^<]+)<\/importTaskId>/g)].map((match) => match[1]);
		assert.deepEqual(ids, idsWith('deleting'));
	});

	it('pages with MaxResults and refuses MaxResults below 1', async () => {
		const first = await sim.client.send(new DescribeImportImageTasksCommand({MaxResults: 4}));
		assert.equal(first.ImportImageTasks?.length, 4);
		assert.ok(first.NextToken);
		const rest = await sim.client.send(new DescribeImportImageTasksCommand({MaxResults: 4, NextToken: first.NextToken}));
		assert.deepEqual(
			[...(first.ImportImageTasks ?? []), ...(rest.ImportImageTasks ?? [])].slice(0, 8).map((task) => task.ImportTaskId),
			scenarioTasks.slice(0, 8).map((task) => task.ImportTaskId),
		);
		const error = await ec2Error(sim.client.send(new DescribeImportImageTasksCommand({MaxResults: 0})));
		assert.equal(error.name, 'InvalidParameterValue');
		assert.equal(error.$metadata.httpStatusCode, 400);
	});

	it('refuses a NextToken it did not make with InvalidPaginationToken, 400, as EC2 lists it', async () => {
		const error = await ec2Error(sim.client.send(new DescribeImportImageTasksCommand({NextToken: 'abc+/='})));
		assert.equal(error.name, 'InvalidPaginationToken');
		assert.equal(error.message, 'The specified pagination token is not valid or is expired.');
		assert.equal(error.$metadata.httpStatusCode, 400);
	});

	it('answers DryRun with DryRunOperation, 412, and DryRun=false as a normal call', async () => {
		const error = await ec2Error(sim.client.send(new DescribeImportImageTasksCommand({DryRun: true})));
		assert.equal(error.name, 'DryRunOperation');
		assert.equal(error.$metadata.httpStatusCode, 412);
		assert.equal(error.message, 'Request would have succeeded, but DryRun flag is set.');
		const output = await sim.client.send(new DescribeImportImageTasksCommand({DryRun: false}));
		assert.equal(output.ImportImageTasks?.length, scenarioTasks.length);
	});

	it('sends EC2 headers, with the body requestId equal to x-amzn-RequestId', async () => {
		const response = await postForm(sim.url, 'Action=DescribeImportImageTasks&Version=2016-11-15&MaxResults=1');
		assert.equal(response.headers.get('content-type'), 'text/xml;charset=UTF-8');
		assert.equal(response.headers.get('server'), 'AmazonEC2');
		const requestId = response.headers.get('x-amzn-requestid');
		assert.ok(requestId);
		assert.ok(response.text.includes(`<requestId>${requestId}</requestId>`));
		assert.match(
			response.text,
			/^<\?xml version="1.0" encoding="UTF-8"\?>\n<DescribeImportImageTasksResponse xmlns="http:\/\/ec2.amazonaws.com\/doc\/2016-11-15\/">/,
		);
	});

	it('answers what is not this call the way EC2 does', async () => {
		const cases: [string, () => Promise<{status: number; text: string}>][] = [
			['InvalidAction', () => postForm(sim.url, 'Action=RunInstances&Version=2016-11-15')],
			['MissingAction', () => postForm(sim.url, 'Version=2016-11-15')],
			['MissingParameter', () => postForm(sim.url, 'Action=DescribeImportImageTasks')],
			['UnknownParameter', () => postForm(sim.url, 'Action=DescribeImportImageTasks&Version=2016-11-15&Foo=1')],
			['MissingAction', async () => fetchText(`${sim.url}/`)],
			['InvalidAction', async () => fetchText(`${sim.url}/favicon.ico`)],
		];
		for (const [code, request] of cases) {
			const response = await request();
			assert.equal(response.status, 400, code);
			assert.match(
				response.text,
				new RegExp(`<Response><Errors><Error><Code>${code}</Code><Message>[^<]+</Message></Error></Errors><RequestID>[0-9a-f-]{36}</RequestID></Response>$`),
			);
		}
		const viaGet = await fetchText(`${sim.url}/?Action=DescribeImportImageTasks&Version=2016-11-15&MaxResults=1`);
		assert.equal(viaGet.status, 200);
		assert.equal([...viaGet.text.matchAll(/<importTaskId>/g)].length, 1);
	});
});

async function fetchText(url: string): Promise<{status: number; text: string}> {
	const response = await fetch(url);
	return {status: response.status, text: await response.text()};
}

describe('pagination through the real paginator (generated tasks)', () => {
	it('gives the same set for page sizes 1, 7 and 1000, with no repeats', async () => {
		const sim = await startTestSimulator({tasks: 25, arrivals: false, now: manualClock().now});
		try {
			const everything = await allIds(sim.client, undefined);
			assert.equal(everything.length, 25);
			assert.equal(new Set(everything).size, 25);
			for (const pageSize of [1, 7, 1000]) {
				assert.deepEqual(await allIds(sim.client, pageSize), everything, `page size ${pageSize}`);
			}
		} finally {
			await sim.close();
		}
	});

	it('neither skips nor repeats a task when time passes and imports arrive between pages', async () => {
		const clock = manualClock();
		const sim = await startTestSimulator({tasks: 20, arrivals: true, now: clock.now, speed: 1});
		try {
			const before = await allIds(sim.client, undefined);
			const seen: string[] = [];
			for await (const page of paginateDescribeImportImageTasks({client: sim.client, pageSize: 3}, {})) {
				for (const task of page.ImportImageTasks ?? []) seen.push(task.ImportTaskId ?? '');
				clock.advance(20 * 60_000);
			}
			const after = await allIds(sim.client, undefined);
			assert.ok(after.length > before.length, 'new imports arrived meanwhile');
			assert.equal(new Set(seen).size, seen.length, 'no task twice');
			const stillListed = before.filter((id) => after.includes(id));
			assert.deepEqual(seen, stillListed, 'every task listed at the start and still listed at the end, in order');
		} finally {
			await sim.close();
		}
	});

	it('stops on a repeated token with stopOnSameToken (a server that always sends the same one)', async () => {
		let requests = 0;
		const body = `<?xml version="1.0" encoding="UTF-8"?>
<DescribeImportImageTasksResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><importImageTaskSet><item><importTaskId>import-ami-1</importTaskId></item></importImageTaskSet><nextToken>same</nextToken></DescribeImportImageTasksResponse>`;
		const server = createServer((_request, response) => {
			requests++;
			response.writeHead(200, {'content-type': 'text/xml;charset=UTF-8'}).end(body);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const address = server.address();
		const port = typeof address === 'object' && address !== null ? address.port : 0;
		const client = new EC2Client({region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, credentials: testCredentials});
		try {
			let pages = 0;
			for await (const _page of paginateDescribeImportImageTasks({client, stopOnSameToken: true}, {})) {
				pages++;
				if (pages > 5) break;
			}
			assert.equal(pages, 2);
			assert.equal(requests, 2);
		} finally {
			client.destroy();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
	});
});

describe('determinism', () => {
	it('gives byte-identical answers for the same seed and clock, different ones for another seed', async () => {
		const bodies = async (seed: number) => {
			const clock = manualClock();
			const sim = await startTestSimulator({seed, now: clock.now, speed: 10});
			try {
				const texts: string[] = [];
				for (const body of ['', '&MaxResults=5', '&DryRun=true', '&Filters.1.Name=task-state&Filters.1.Value.1=active']) {
					texts.push((await postForm(sim.url, `Action=DescribeImportImageTasks&Version=2016-11-15${body}`)).text);
					clock.advance(60_000);
				}
				return texts;
			} finally {
				await sim.close();
			}
		};
		const first = await bodies(42);
		assert.deepEqual(await bodies(42), first);
		assert.notDeepEqual(await bodies(43), first);
	});
});
