import assert from 'node:assert/strict';
import {type ChildProcess, spawn} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {delimiter, dirname, join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {CancelImportTaskCommand} from '@aws-sdk/client-ec2';
import {alive, pidsIn} from '../helpers/processes.js';
import {waitFor} from '../helpers/render-app.js';
import {manualClock, startTestSimulator, type TestSimulator} from '../helpers/simulator.js';
import {assertBuilt, launchPath, startTerm} from '../helpers/term.js';
import {scratchDir} from '../helpers/scratch-dir.js';
import {freshStateDir} from '../helpers/state-dir.js';

// --on-event as installed (dist/launch.js, plain lines into a pipe) against the simulator: a task whose
// description and message are shell code, cancelled so that it has transitions; the hook gets them as JSON
// and never runs their text; its output never reaches the watcher's; hooks still running at exit are ended.

const dir = scratchDir('eiw-on-event-app-');
const marker = join(dir, 'pwned');
const hostile = `$(touch ${marker}) \`touch ${marker}\`; touch ${marker}`;
const id = 'import-ami-0123456789abcdef0';
const second = 'import-ami-0123456789abcdef1';
const done = 'import-ami-0000000000000done';
const third = 'import-ami-0123456789abcdef2';
const clock = manualClock();
let sim: TestSimulator;

before(async () => {
	assertBuilt();
	sim = await startTestSimulator({
		now: clock.now,
		scenario: {
			tasks: [
				{ImportTaskId: id, Status: 'active', StatusMessage: `converting; touch ${marker}`, Progress: '40', Description: hostile},
				{ImportTaskId: second, Status: 'active', StatusMessage: 'booting', Progress: '70', Description: 'second'},
				{ImportTaskId: third, Status: 'active', StatusMessage: 'booting', Progress: '70', Description: 'third'},
				{ImportTaskId: done, Status: 'completed', ImageId: 'ami-0c93e58db64cb1d23'},
			],
		},
	});
});
const watchers: ChildProcess[] = [];
after(async () => {
	// A test that failed half-way leaves its watcher polling: end it before the simulator.
	for (const child of watchers) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	await sim.close();
});

interface Watcher {
	child: ChildProcess;
	stdout(): string;
	stderr(): string;
	exited: Promise<number | null>;
}

function watch(args: string[], extraEnv: Record<string, string>): Watcher {
	const env = {
		PATH: process.env.PATH,
		HOME: dir,
		XDG_STATE_HOME: freshStateDir(),
		LANG: 'C.UTF-8',
		AWS_ACCESS_KEY_ID: 'k',
		AWS_SECRET_ACCESS_KEY: 's',
		AWS_REGION: 'us-east-1',
		AWS_EC2_METADATA_DISABLED: 'true',
		...extraEnv,
	};
	// Run as a program, through its shebang (which sets MALLOC_ARENA_MAX for the watcher alone), with this Node first on PATH.
	const child = spawn(launchPath, ['--endpoint', sim.url, '--interval', '1', ...args], {
		env: {...env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let out = '';
	let err = '';
	child.stdout?.on('data', (chunk) => {
		out += String(chunk);
	});
	child.stderr?.on('data', (chunk) => {
		err += String(chunk);
	});
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	watchers.push(child);
	return {child, stdout: () => out, stderr: () => err, exited};
}

const cancel = (task: string, reason: string) => sim.client.send(new CancelImportTaskCommand({ImportTaskId: task, CancelReason: reason}));

describe('--on-event, installed', () => {
	it('--until-done: every transition reaches the hook as JSON, the last ones too; task text is never run; hook output stays out', async () => {
		const events = join(dir, 'events.jsonl');
		const watcher = watch(
			[
				'--task-ids',
				`${id},${done}`,
				'--until-done',
				'--on-event',
				'cat >> "$EVENTS"; env | grep -q ^MALLOC_ARENA_MAX= && leaked=" (the watcher\'s MALLOC_ARENA_MAX leaked)"; echo "$EC2_IMPORT_WATCH_EVENT $EC2_IMPORT_WATCH_TASK_ID$leaked" >> "$EVENTS.env"; echo HOOK-OUT; echo HOOK-ERR >&2',
			],
			{EVENTS: events},
		);
		await waitFor(() => watcher.stdout().includes('2 tasks'), 'the first poll', 20_000);
		await cancel(id, `stop $(touch ${marker})`);
		await waitFor(() => existsSync(events) && readFileSync(events, 'utf8').includes('"deleting"'), 'the hook for deleting', 20_000);
		clock.advance(31_000);
		assert.equal(await watcher.exited, 1, 'a deleted import: exit 1');
		const records = readFileSync(events, 'utf8')
			.trimEnd()
			.split('\n')
			.map((line) => JSON.parse(line));
		// Hooks run side by side: the order they finish in (and append in) is theirs.
		const byText = (a: unknown[], b: unknown[]) => JSON.stringify(a).localeCompare(JSON.stringify(b));
		assert.deepEqual(
			records.map((record) => [record.event, record.taskId, record.status, record.to ?? record.message]).sort(byText),
			[
				['status', id, 'deleting', 'deleting'],
				['message', id, 'deleting', `stop $(touch ${marker})`],
				['status', id, 'deleted', 'deleted'],
			].sort(byText),
			'the first poll runs none; the last poll’s (deleted) ran before the exit',
		);
		assert.deepEqual(readFileSync(`${events}.env`, 'utf8').trimEnd().split('\n').sort(), [`message ${id}`, `status ${id}`, `status ${id}`]);
		assert.equal(existsSync(marker), false, 'no task text was run');
		assert.doesNotMatch(watcher.stdout() + watcher.stderr(), /HOOK-(OUT|ERR)/);
		assert.doesNotMatch(watcher.stderr(), /on-event/, 'nothing went wrong');
	});

	it('a failing hook is a plain line and is in the summary; hooks still running at exit are ended at once', async () => {
		const pids = join(dir, 'pids');
		const watcher = watch(
			[
				'--task-ids',
				`${second},${done}`,
				'--on-event',
				'case "$EC2_IMPORT_WATCH_EVENT" in message) echo "no route to hook" >&2; exit 3;; esac; sleep 600 & echo $! >> "$PIDS"; wait',
			],
			{PIDS: pids},
		);
		await waitFor(() => watcher.stdout().includes('2 tasks'), 'the first poll', 20_000);
		await cancel(second, 'second run');
		const [sleeper] = await pidsIn(pids, 1, 20_000);
		assert.ok(sleeper !== undefined && alive(sleeper));
		await waitFor(() => watcher.stdout().includes('no route to hook'), 'the failure line', 20_000);
		// Wrapped at 80 columns like every plain line.
		assert.match(
			watcher.stdout().replace(/\n {2}/g, ' '),
			/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d --on-event failed: exit status 3 for import-ami-0123456789abcdef1 message: no route to hook$/m,
		);
		const quitAt = Date.now();
		watcher.child.kill('SIGTERM');
		assert.equal(await watcher.exited, 0);
		assert.ok(Date.now() - quitAt < 10_000, 'does not wait for the hook');
		await waitFor(() => !alive(sleeper), 'the hook’s sleep to be gone');
		assert.match(
			watcher.stderr(),
			/^ec2-import-watch: --on-event ran 2 times: 1 failed, 1 still running ended at exit \(last: exit status 3 for import-ami-0123456789abcdef1 message: no route to hook\)$/m,
		);
	});

	it('the TUI: a failing hook in the notice line, then in the summary after the screen is given back', async () => {
		const term = startTerm({
			args: ['--endpoint', sim.url, '--interval', '1', '--task-ids', `${third},${done}`, '--on-event', 'echo "webhook: 500" >&2; exit 9'],
			env: {AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true'},
			columns: 120,
			rows: 30,
		});
		try {
			await term.waitFor(third, {timeoutMs: 20_000});
			await cancel(third, 'third run');
			await term.waitFor(/--on-event failed: exit status 9 for import-ami-0123456789abcdef2 (status|message): webhook: 500/, {timeoutMs: 20_000});
			const before = term.text().length;
			term.write('q');
			const exit = await term.exited;
			assert.equal(exit.code, 0);
			assert.match(
				term.text().slice(before),
				/ec2-import-watch: --on-event ran \d+ times: \d+ failed \(last: exit status 9 for import-ami-0123456789abcdef2 \w+: webhook: 500\)/,
			);
		} finally {
			await term.close();
		}
	});
});
