import assert from 'node:assert/strict';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {DescribeImportImageTasksCommand, EC2Client} from '@aws-sdk/client-ec2';
import {type SimulateProcess, simulatorArgs, simulatorEnv, startSimulateCommand, startTerm, type Term} from '../helpers/term.js';
import {scratchDir} from '../helpers/scratch-dir.js';

// Issue 23's first finding, in a real pty against the simulator with --allow-cancel: pasting "proxy" (p, r, o, x,
// y) must not cancel anything. Bracketed paste is on while the TUI is up, so a terminal that brackets pastes hands
// the text over whole (ignored); a paste without brackets arrives as one read of keys, where the y comes before the
// question is on screen and answers nothing. Bracketed paste is off again on every way out.

const id = 'import-ami-0123456789abcdef0';
const pasteOn = '\u001B[?2004h';
const pasteOff = '\u001B[?2004l';
let simulator: SimulateProcess;
let client: EC2Client;

before(async () => {
	const dir = scratchDir('eiw-paste-');
	const scenario = join(dir, 'one-active.json');
	writeFileSync(scenario, JSON.stringify({tasks: [{ImportTaskId: id, Status: 'active', StatusMessage: 'converting', Progress: '28', Description: 'web-01'}]}));
	simulator = await startSimulateCommand(['--scenario', scenario]);
	client = new EC2Client({region: 'us-east-1', endpoint: simulator.url, credentials: {accessKeyId: 'test', secretAccessKey: 'test'}});
});
after(async () => {
	client.destroy();
	await simulator.close();
});

async function status(): Promise<string | undefined> {
	return (await client.send(new DescribeImportImageTasksCommand({ImportTaskIds: [id]}))).ImportImageTasks?.[0]?.Status;
}

const args = () => [...simulatorArgs(simulator.url), '--kind', 'image', '--allow-cancel'];

/** Whether bracketed paste is on after everything the app wrote so far. */
function pasteModeOn(term: Term): boolean {
	const text = term.text();
	return text.lastIndexOf(pasteOn) > text.lastIndexOf(pasteOff);
}

describe('a paste in a pty with --allow-cancel', () => {
	test('"proxy" pasted, bracketed or not, cancels nothing; q leaves bracketed paste off', async () => {
		const term = startTerm({args: args(), env: simulatorEnv});
		try {
			await term.waitFor(id, {timeoutMs: 10_000});
			assert.ok(pasteModeOn(term), 'bracketed paste is on while the TUI is up');

			term.write('\u001B[200~proxy\u001B[201~');
			await term.waitFor('Pasted text ignored');

			// The same five letters in one write, as a terminal without bracketed paste sends them: one read.
			const from = term.output().length;
			term.write('proxy');
			await term.waitFor(`Cancel ${id} "web-01"?`, {from});
			// Answer it: any key but y keeps (once the question has been on screen long enough to be read).
			for (let tries = 0; tries < 40; tries++) {
				term.write('n');
				try {
					await term.waitFor(`Kept ${id}: not cancelled.`, {from, timeoutMs: 250});
					break;
				} catch {}
			}
			await term.waitFor(`Kept ${id}: not cancelled.`, {from, timeoutMs: 1000});
			assert.doesNotMatch(term.text(), /Checking that|Cancelling|Cancelled import/);
			assert.equal(await status(), 'active', 'no CancelImportTask reached the simulator');

			// Ctrl-Z: off while the terminal is the shell's, on again when the TUI is back (here at once: under
			// script the app's process group is orphaned, so the stop is ignored and it comes straight back).
			const suspended = term.output().length;
			term.write('\u001A');
			const off = await term.waitFor(pasteOff, {from: suspended});
			await term.waitFor(pasteOn, {from: off});

			term.write('q');
			const exit = await term.exited;
			assert.equal(exit.code, 0);
			assert.equal(pasteModeOn(term), false, 'bracketed paste off after q');
		} finally {
			await term.close();
		}
	});

	test('SIGTERM leaves bracketed paste off too', async () => {
		const term = startTerm({args: args(), env: simulatorEnv});
		try {
			await term.waitFor(id, {timeoutMs: 10_000});
			assert.ok(pasteModeOn(term));
			await term.kill('SIGTERM');
			await term.exited;
			assert.equal(pasteModeOn(term), false);
		} finally {
			await term.close();
		}
	});
});
