import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {promisify} from 'node:util';
import {errorBody} from '../helpers/fixed-endpoint.js';
import {scratchDir} from '../helpers/scratch-dir.js';
import {askedIds, describeAnswer, type HostileEndpoint, sendXml, startHostileEndpoint} from '../helpers/hostile-endpoint.js';
import {freshStateDir} from '../helpers/state-dir.js';

// Exit codes a script can trust: the CLI as a child process (no TTY: plain lines) against an endpoint on
// 127.0.0.1 whose tasks leave the watched list (--state, --max-items). Each listing is one step of a script; a
// look-up by id (ImportTaskId.N, no filter) answers what the task became.

const run = promisify(execFile);
const cli = new URL('../../source/launch.ts', import.meta.url).pathname;

interface Task {
	id: string;
	status: string;
	progress?: number;
}

interface Script {
	/** What each listing answers (the last one for ever). */
	listings: Task[][];
	/** What a look-up by id answers, by the number of listings so far; an id absent is unknown to EC2. */
	lookUp: (id: string, listings: number) => Task | undefined;
}

let home: string;
const endpoints: HostileEndpoint[] = [];
before(async () => {
	home = scratchDir('eiw-until-done-left-');
});
after(async () => {
	await Promise.all(endpoints.map((endpoint) => endpoint.close()));
});

async function scripted(script: Script): Promise<HostileEndpoint> {
	let listings = 0;
	const endpoint = await startHostileEndpoint(({action, params}, response) => {
		const ids = askedIds(params);
		if (ids.length > 0 && !params.has('Filter.1.Name')) {
			const found = ids.map((id) => script.lookUp(id, listings));
			const missing = ids.find((_id, index) => found[index] === undefined);
			if (missing !== undefined) sendXml(response, 400, errorBody('InvalidConversionTaskId.Malformed', `The import task ID '${missing}' is malformed`));
			else
				sendXml(
					response,
					200,
					describeAnswer(
						action,
						found.filter((task) => task !== undefined),
					),
				);
			return;
		}
		const listing = script.listings[Math.min(listings, script.listings.length - 1)] ?? [];
		listings += 1;
		sendXml(response, 200, describeAnswer(action, listing));
	});
	endpoints.push(endpoint);
	return endpoint;
}

async function watch(url: string, args: string[]): Promise<{code: number; stdout: string; stderr: string; journal: Record<string, unknown>[]}> {
	const journal = join(home, `journal-${endpoints.length}-${args.join('')}.jsonl`.replace(/[^\w.-]/g, ''));
	const env = {
		PATH: process.env.PATH,
		HOME: home,
		XDG_STATE_HOME: freshStateDir(),
		LANG: 'C.UTF-8',
		AWS_ACCESS_KEY_ID: 'k',
		AWS_SECRET_ACCESS_KEY: 's',
		AWS_REGION: 'us-east-1',
		AWS_EC2_METADATA_DISABLED: 'true',
	};
	const argv = ['--import', 'tsx', cli, '--endpoint', url, '--kind', 'image', '--interval', '1', '--until-done', '--journal', journal, ...args];
	let outcome: {code: number; stdout: string; stderr: string};
	try {
		const {stdout, stderr} = await run(process.execPath, argv, {env, timeout: 30_000});
		outcome = {code: 0, stdout, stderr};
	} catch (error) {
		if (typeof error !== 'object' || error === null || !('code' in error) || typeof error.code !== 'number') throw error;
		const {stdout, stderr} = error as unknown as {stdout: string; stderr: string};
		outcome = {code: error.code, stdout, stderr};
	}
	const lines = (await readFile(journal, 'utf8')).split('\n').filter((line) => line !== '');
	return {...outcome, journal: lines.map((line) => JSON.parse(line) as Record<string, unknown>)};
}

const a = 'import-ami-0000000000000000a';
const b = 'import-ami-0000000000000000b';
const c = 'import-ami-0000000000000000c';
const said = (journal: Record<string, unknown>[]) => journal.map((entry) => `${String(entry.event)} ${String(entry.taskId)} ${String(entry.status)}`);

describe('--until-done when tasks leave the watched list', () => {
	it('--state active: a task that fails leaves the list, is looked up, journaled as deleted, and the exit is 1', async () => {
		const endpoint = await scripted({
			listings: [
				[
					{id: a, status: 'active'},
					{id: b, status: 'active'},
				],
				[{id: b, status: 'active'}],
				[],
			],
			lookUp: (id) => (id === a ? {id, status: 'deleted'} : {id, status: 'completed'}),
		});
		const outcome = await watch(endpoint.url, ['--state', 'active']);
		assert.equal(outcome.code, 1, outcome.stderr);
		assert.deepEqual(said(outcome.journal), [`first-seen ${a} active`, `first-seen ${b} active`, `status ${a} deleted`, `status ${b} completed`]);
		assert.match(outcome.stdout, new RegExp(`${a} status active → deleted|${a} .*deleted`));
	});

	it('--state active: every task leaving as completed exits 0', async () => {
		const endpoint = await scripted({
			listings: [
				[
					{id: a, status: 'active'},
					{id: b, status: 'active'},
				],
				[{id: b, status: 'active'}],
				[],
			],
			lookUp: (id) => ({id, status: 'completed'}),
		});
		const outcome = await watch(endpoint.url, ['--state', 'active']);
		assert.equal(outcome.code, 0, outcome.stderr);
		assert.deepEqual(said(outcome.journal), [`first-seen ${a} active`, `first-seen ${b} active`, `status ${a} completed`, `status ${b} completed`]);
	});

	it('a task EC2 no longer knows is gone, and the exit is 1 (not known to have completed)', async () => {
		const endpoint = await scripted({
			listings: [
				[
					{id: a, status: 'active'},
					{id: b, status: 'active'},
				],
				[{id: b, status: 'active'}],
				[],
			],
			lookUp: (id) => (id === a ? undefined : {id, status: 'completed'}),
		});
		const outcome = await watch(endpoint.url, ['--state', 'active']);
		assert.equal(outcome.code, 1, outcome.stderr);
		assert.deepEqual(said(outcome.journal), [`first-seen ${a} active`, `first-seen ${b} active`, `gone ${a} active`, `status ${b} completed`]);
	});

	it('a task that leaves as deleting is followed by id until it is deleted', async () => {
		const endpoint = await scripted({
			listings: [[{id: a, status: 'active'}], []],
			lookUp: (id, listings) => ({id, status: listings < 3 ? 'deleting' : 'deleted'}),
		});
		const outcome = await watch(endpoint.url, ['--state', 'active']);
		assert.equal(outcome.code, 1, outcome.stderr);
		assert.deepEqual(said(outcome.journal), [`first-seen ${a} active`, `status ${a} deleting`, `status ${a} deleted`]);
		assert.ok(endpoint.count('DescribeImportImageTasks') >= 4, 'the listing, then look-ups while it was deleting');
	});

	it('--max-items: a task pushed out of the list is not gone; it is followed by id until it completes', async () => {
		const endpoint = await scripted({
			listings: [
				[
					{id: a, status: 'active'},
					{id: b, status: 'active'},
				],
				[
					{id: c, status: 'active'},
					{id: a, status: 'active'},
					{id: b, status: 'active'},
				],
				[
					{id: c, status: 'completed'},
					{id: a, status: 'active'},
					{id: b, status: 'active'},
				],
			],
			lookUp: (id, listings) => ({id, status: listings < 3 ? 'active' : 'completed'}),
		});
		const outcome = await watch(endpoint.url, ['--max-items', '1']);
		assert.equal(outcome.code, 0, outcome.stderr);
		assert.deepEqual(said(outcome.journal), [`first-seen ${a} active`, `new ${c} active`, `status ${c} completed`, `status ${a} completed`]);
		assert.ok(!said(outcome.journal).some((line) => line.startsWith('gone')), 'nothing cut is journaled as gone');
	});

	it('--task-ids: an id EC2 drops is no longer asked for (it would fail the whole call), is gone, and the exit is 1', async () => {
		let onlyB = 0;
		const endpoint = await startHostileEndpoint(({action, params, number}, response) => {
			const ids = askedIds(params);
			if (ids.length === 1 && ids[0] === b) onlyB += 1;
			const unknown = ids.find((id) => id === a && number > 1);
			if (unknown !== undefined) return sendXml(response, 400, errorBody('InvalidConversionTaskId.Malformed', `The import task ID '${unknown}' is malformed`));
			sendXml(
				response,
				200,
				describeAnswer(
					action,
					ids.map((id) => ({id, status: id === b && onlyB >= 2 ? 'completed' : 'active'})),
				),
			);
		});
		endpoints.push(endpoint);
		const outcome = await watch(endpoint.url, ['--task-ids', `${a},${b}`]);
		assert.equal(outcome.code, 1, outcome.stderr);
		assert.deepEqual(said(outcome.journal), [`first-seen ${a} active`, `first-seen ${b} active`, `status ${b} completed`, `gone ${a} active`]);
		assert.doesNotMatch(outcome.stdout, /refused|unknown or expired/, 'no request fault on the way');
	});
});
