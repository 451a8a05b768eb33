import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {after, before, describe, it} from 'node:test';
import {promisify} from 'node:util';
import {CancelImportTaskCommand} from '@aws-sdk/client-ec2';
import {initialState, reduce} from '../../source/model/state.js';
import {pollLines} from '../../source/shell/plain-lines.js';
import {plainColumns} from '../../source/ui/task-columns.js';
import {startTestSimulator, type TestSimulator} from '../helpers/simulator.js';
import {task} from '../helpers/tasks.js';
import {assertBuilt, baseEnv, launchPath, simulatorArgs, simulatorEnv} from '../helpers/term.js';

// Where a failure is seen outside the TUI: --once --json gives each failed task its explanation (and no other
// task the key); plain lines put the cause, the fix and the guide's page after the line that shows the failure.

const run = promisify(execFile);
const guide = 'https://docs.aws.amazon.com/vm-import/latest/userguide/';

describe('--once --json against the simulator', () => {
	let simulator: TestSimulator;
	before(async () => {
		assertBuilt();
		simulator = await startTestSimulator({
			scenario: {
				tasks: [
					{
						ImportTaskId: 'import-ami-0000000000000fail',
						Status: 'deleted',
						StatusMessage: 'CLIENT_ERROR : ClientError: Unknown OS / Missing OS files.',
						ImageId: '',
					},
					{ImportTaskId: 'import-ami-00000000000000new', Status: 'deleting', StatusMessage: 'ServerError: The import could not be finished.'},
					{ImportTaskId: 'import-ami-000000000000going', Status: 'active', StatusMessage: 'booting', Progress: '58'},
					{ImportTaskId: 'import-ami-0000000000cancel', Status: 'active', StatusMessage: 'converting', Progress: '28'},
					{ImportTaskId: 'import-ami-00000000000000done', Status: 'completed', ImageId: 'ami-0c93e58db64cb1d23'},
				],
				snapshotTasks: [
					{ImportTaskId: 'import-snap-0000000000000fail', SnapshotTaskDetail: {Status: 'deleted', StatusMessage: 'ClientError: Footers not identical'}},
				],
			},
		});
		// Cancelled by a person, for real: deleting, with the reason as its message.
		await simulator.client.send(new CancelImportTaskCommand({ImportTaskId: 'import-ami-0000000000cancel', CancelReason: 'wrong disk'}));
	});
	after(() => simulator.close());

	it('a failed task has "explanation" {cause, fix, doc}; active, completed and cancelled tasks have no such key', async () => {
		const {stdout} = await run(process.execPath, [launchPath, ...simulatorArgs(simulator.url), '--once', '--json'], {env: baseEnv(simulatorEnv)});
		const tasks: unknown = JSON.parse(stdout);
		assert.ok(Array.isArray(tasks));
		const byId = new Map(
			tasks.map((item: {importTaskId?: string; explanation?: unknown; status?: string; statusMessage?: string}) => [item.importTaskId, item]),
		);
		assert.equal(byId.get('import-ami-0000000000cancel')?.statusMessage, 'wrong disk');
		assert.equal(byId.get('import-ami-0000000000cancel')?.status, 'deleting');
		const unknownOs = byId.get('import-ami-0000000000000fail')?.explanation;
		assert.deepEqual(Object.keys(unknownOs ?? {}), ['cause', 'fix', 'doc']);
		assert.deepEqual(unknownOs, {
			cause: 'EC2 found no supported operating system on the boot disk, or not its files (/etc, /boot, the kernel).',
			fix: 'Import a disk with a supported 64-bit Linux or Windows installed the usual way, /etc and /boot on the boot disk (bootc or CoreOS images are not recognised).',
			doc: `${guide}prerequisites.html#vmimport-operating-systems`,
		});
		assert.match(
			JSON.stringify(byId.get('import-ami-00000000000000new')?.explanation),
			/"cause":"No known cause matches this message.*vmimport-troubleshooting\.html"/,
		);
		assert.match(JSON.stringify(byId.get('import-snap-0000000000000fail')?.explanation), /differencing disk/);
		for (const id of ['import-ami-000000000000going', 'import-ami-0000000000cancel', 'import-ami-00000000000000done']) {
			assert.equal('explanation' in (byId.get(id) ?? {}), false, id);
		}
	});
});

describe('plain lines against the simulator', () => {
	let simulator: TestSimulator;
	before(async () => {
		assertBuilt();
		simulator = await startTestSimulator({
			scenario: {
				tasks: [
					{ImportTaskId: 'import-ami-00000000000000001', Status: 'deleted', StatusMessage: 'ClientError: Unsupported kernel version 5.4.0-1021-aws'},
					{ImportTaskId: 'import-ami-00000000000000002', Status: 'deleted', StatusMessage: 'cancelled: Unsupported kernel version suspected by admin'},
				],
			},
		});
	});
	after(() => simulator.close());

	it('a task that had already failed at start gets its cause, fix and doc after the table, into a pipe; a cancelled one none', async () => {
		const args = [launchPath, ...simulatorArgs(simulator.url), '--until-done', '--interval', '1'];
		const result = await run(process.execPath, args, {env: baseEnv(simulatorEnv)}).then(
			() => assert.fail('--until-done with a failed task exits 1'),
			(error: unknown) => error,
		);
		assert.ok(typeof result === 'object' && result !== null && 'code' in result && 'stdout' in result);
		assert.equal(result.code, 1);
		const out = String(result.stdout);
		assert.match(out, /import-ami-00000000000000001 seen: deleted, ClientError: Unsupported kernel version 5\.4\.0-1021-aws\n {2}cause: .*kernel/);
		assert.match(out, /\n {2}fix: .+\n {2}doc: https:\/\/docs\.aws\.amazon\.com\/vm-import\/latest\/userguide\/\S+\n/);
		assert.equal(out.match(/^ {2}cause: /gm)?.length, 1, `one explanation, none for the cancelled task:\n${out}`);
	});
});

describe('plain lines', () => {
	const minute = 60_000;
	const at = Date.UTC(2026, 11, 7, 8, 15, 3);
	const id = 'import-ami-0306b6f28c3708613';

	function lines(...polls: ReturnType<typeof task>[][]): string[][] {
		let state = initialState({stuckAfterMs: 30 * minute});
		const printed: string[][] = [];
		for (const [index, tasks] of polls.entries()) {
			const now = at + index * minute;
			state = reduce(state, {type: 'poll-started', at: now, generation: index + 1});
			state = reduce(state, {type: 'poll-succeeded', at: now, generation: index + 1, tasks, nextPollAt: now + minute});
			printed.push(pollLines(state, index === 0, now, plainColumns({color: false, unicode: false}, false, false, tasks), 80));
		}
		return printed;
	}

	it('put the cause, fix and doc after the failure line, wrapped within 80 columns, and not again when it is deleted', () => {
		const booting = task(id, {statusMessage: 'booting', progress: 58});
		const failing = {...booting, status: 'deleting', statusMessage: 'ClientError: No valid partition', progress: undefined};
		const [, failure = [], deleted = []] = lines([booting], [failing], [{...failing, status: 'deleted'}]);
		for (const line of [...failure, ...deleted]) assert.ok(line.length <= 80, `wider than 80: ${line}`);
		assert.match(failure[0] ?? '', new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d ${id} status active → deleting$`));
		const cause = failure.findIndex((line) => line.startsWith('  cause: '));
		const change = failure
			.slice(1, cause)
			.map((line) => line.trim())
			.join(' ');
		assert.match(
			change,
			new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d ${id} booting → ClientError: No valid partition$`),
			'the failure line, wrapped at 80 and not cut',
		);
		const rest = failure.slice(cause);
		assert.ok(
			rest.every((line) => /^ {2}(cause|fix|doc): | {4}\S/.test(line)),
			'indented under the failure line, continuations by two more',
		);
		const unwrapped = rest
			.join('\n')
			.replace(/\n {4}(?=prerequisites)/, '')
			.replace(/\n {4}/g, ' ');
		assert.equal(
			unwrapped,
			[
				'  cause: EC2 found no partition on the boot disk that it can use as the root volume.',
				'  fix: Make the first disk the boot disk, with one root partition (ext2/3/4, XFS, Btrfs without subvolumes, JFS; NTFS for Windows) beside the boot loader.',
				`  doc: ${guide}prerequisites.html#vmimport-volume-types`,
			].join('\n'),
		);
		assert.deepEqual(deleted.length, 1, 'the deleted line alone: the cause was said');
		assert.match(deleted[0] ?? '', /status deleting → deleted$/);
	});

	it('after the first table, a line and the cause, fix and doc for each task that had already failed; within 80 columns', () => {
		const failed = task(id, {status: 'deleted', statusMessage: 'ClientError: Unsupported kernel version 5.4.0-1021-aws', progress: undefined});
		const other = task('import-ami-00000000000000002', {
			status: 'deleted',
			statusMessage: 'CLIENT_ERROR : ClientError: Unknown OS / Missing OS files.',
			progress: undefined,
		});
		const [first = []] = lines([
			failed,
			other,
			task('import-ami-00000000000000003'),
			task('import-ami-00000000000000004', {status: 'deleted', statusMessage: 'wrong disk', progress: undefined}),
		]);
		for (const line of first) assert.ok(line.length <= 80, `wider than 80: ${line}`);
		const text = first.join('\n');
		assert.equal(text.match(/^ {2}cause: /gm)?.length, 2, text);
		const after = text.slice(text.lastIndexOf('import-ami-00000000000000004'));
		assert.match(after, new RegExp(`${id} seen: deleted,[\\s\\S]*?\\n {2}cause: [\\s\\S]*kernel[\\s\\S]*\\n {2}fix: [\\s\\S]*\\n {2}doc: https://`));
		assert.match(after, /import-ami-00000000000000002 seen: deleted,[\s\S]*\n {2}cause: EC2 found no supported operating system/);
	});

	it('say nothing more for a cancelled task', () => {
		const [, cancelled = []] = lines([task(id)], [task(id, {status: 'deleting', statusMessage: 'wrong disk', progress: undefined})]);
		assert.equal(cancelled.length, 2);
		assert.doesNotMatch(cancelled.join('\n'), /cause:/);
	});
});
