import assert from 'node:assert/strict';
import {test} from 'node:test';
import {DescribeImportImageTasksCommand, EC2Client} from '@aws-sdk/client-ec2';
import {answerDigest, skipUnchangedPages} from '../../source/watch/same-page.js';
import {manualClock, startTestSimulator, testCredentials} from '../helpers/simulator.js';

test('an answer the same as the last one to the same request is not parsed again; a changed one is', async () => {
	const clock = manualClock();
	const sim = await startTestSimulator({tasks: 30, arrivals: false, seed: 3, now: clock.now});
	const client = new EC2Client({region: 'us-east-1', endpoint: sim.url, credentials: testCredentials});
	skipUnchangedPages(client);
	try {
		const page = (token?: string, size = 10) =>
			client.send(new DescribeImportImageTasksCommand({MaxResults: size, ...(token === undefined ? {} : {NextToken: token})}));
		const first = await page();
		const again = await page();
		assert.ok(first.ImportImageTasks !== undefined && first.ImportImageTasks.length === 10);
		// Kept: the very objects the first answer was parsed into, under a $metadata of the new answer's own.
		assert.equal(again.ImportImageTasks, first.ImportImageTasks);
		assert.equal(again.NextToken, first.NextToken);
		assert.notEqual(again.$metadata, first.$metadata);
		// Each request keeps its own: the next page, and another page size, are answers of their own.
		const second = await page(first.NextToken);
		assert.notDeepEqual(second.ImportImageTasks, first.ImportImageTasks);
		assert.equal((await page(first.NextToken)).ImportImageTasks, second.ImportImageTasks);
		assert.equal((await page(undefined, 5)).ImportImageTasks?.length, 5);
		// Time passes and active imports move on: parsed again, and what changed is there.
		clock.advance(3_600_000);
		const later = await page();
		assert.notEqual(later.ImportImageTasks, first.ImportImageTasks);
		assert.notDeepEqual(later.ImportImageTasks, first.ImportImageTasks);
		assert.deepEqual(later, {...(await sim.client.send(new DescribeImportImageTasksCommand({MaxResults: 10}))), $metadata: later.$metadata});
	} finally {
		client.destroy();
		await sim.close();
	}
});

test('the digest leaves out only the requestId', () => {
	const body = (id: string, progress: string) =>
		Buffer.from(`<DescribeImportImageTasksResponse><requestId>${id}</requestId><progress>${progress}</progress></DescribeImportImageTasksResponse>`);
	assert.equal(answerDigest(body('a-1', '10')), answerDigest(body('b-22', '10')));
	assert.notEqual(answerDigest(body('a-1', '10')), answerDigest(body('a-1', '11')));
	assert.notEqual(answerDigest(Buffer.from('<x>1</x>')), answerDigest(Buffer.from('<x>2</x>')));
});
