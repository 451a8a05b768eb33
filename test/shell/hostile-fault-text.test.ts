import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {errorBody, type FixedEndpoint, startFixedEndpoint, taskList} from '../helpers/fixed-endpoint.js';
import {simulatorArgs, simulatorEnv, startTerm, type Term} from '../helpers/term.js';

// Fault text is the endpoint's word as much as a task's description: in --once, --check and plain lines a
// right-to-left override (or another invisible control) from an error message must not reach the terminal.
// The endpoint here is a local one that answers with an EC2 error envelope whose message and code carry the
// hostile characters (for plain lines, after a first good answer: a fault at start ends the watch).

const hostileMessage = 'quota for invoice\u202Eexe.txt\u200B exceeded \u009B31m';
const hostileCode = 'Internal\u202EError';
const failing = {status: 500, body: errorBody(hostileCode, hostileMessage)};

const forbidden = /[\u202E\u200B\u009B]/u;

async function ended(term: Term): Promise<string> {
	await term.exited;
	return term.text();
}

describe('fault text from the endpoint passes the one sanitiser outside the TUI', () => {
	let alwaysFailing: FixedEndpoint;
	let lateFailing: FixedEndpoint;
	before(async () => {
		alwaysFailing = await startFixedEndpoint([failing]);
		lateFailing = await startFixedEndpoint([{status: 200, body: taskList([])}, failing]);
	});
	after(async () => {
		await alwaysFailing.close();
		await lateFailing.close();
	});

	test('--once: the one-line error has no bidi override', async () => {
		const term = startTerm({args: [...simulatorArgs(alwaysFailing.url), '--once'], env: simulatorEnv});
		try {
			const text = await ended(term);
			assert.match(text, /ec2-import-watch: EC2 had a problem \(HTTP 500\): quota for invoice/);
			assert.doesNotMatch(text, forbidden);
			assert.match(text, /^ec2-import-watch: [\x20-\x7e]+\r?$/m, 'plain output is ASCII: � is ?');
		} finally {
			await term.close();
		}
	});

	test('--check: the failed line has no bidi override', async () => {
		const term = startTerm({args: [...simulatorArgs(alwaysFailing.url), '--check'], env: simulatorEnv});
		try {
			const text = await ended(term);
			assert.match(text, /failed \(region us-east-1 at http:\/\/127\.0\.0\.1:\d+\): ec2:DescribeImportImageTasks: EC2 had a problem/);
			assert.doesNotMatch(text, forbidden);
		} finally {
			await term.close();
		}
	});

	test('plain lines (TERM=dumb): the fault line is ASCII, with no bidi override', async () => {
		const term = startTerm({args: [...simulatorArgs(lateFailing.url), '--interval', '1'], env: {...simulatorEnv, TERM: 'dumb'}});
		try {
			await term.waitFor(/EC2 answered with a server fault[\s\S]*quota for invoice[\s\S]*the next poll retries/, {timeoutMs: 15_000});
			await term.kill('SIGTERM');
			const text = await ended(term);
			assert.doesNotMatch(text, forbidden);
			assert.deepEqual([...new Set(text.match(/[^\x00-\x7f]/gu) ?? [])], [], 'plain lines are ASCII');
		} finally {
			await term.close();
		}
	});
});
