import assert from 'node:assert/strict';
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import type {JournalEntry} from '../../source/model/history.js';
import {hookSummary} from '../../source/model/hook-event.js';
import {createEventHooks, type EventHooks} from '../../source/watch/event-hooks.js';
import {createFakeTimers} from '../helpers/fake-timers.js';
import {waitFor} from '../helpers/render-app.js';
import {alive, pidsIn} from '../helpers/processes.js';
import {scratchDir} from '../helpers/scratch-dir.js';

// --on-event hooks as processes: real /bin/sh, the time limit on a fake clock (nothing waits for it really).

const at = Date.UTC(2026, 11, 7, 8, 0, 0);
const completed = (taskId: string, extra: Partial<JournalEntry> = {}): JournalEntry => ({
	at,
	type: 'status',
	taskId,
	kind: 'image',
	region: 'eu-west-1',
	status: 'completed',
	from: 'active',
	to: 'completed',
	...extra,
});

function scratch(): string {
	return scratchDir('eiw-hooks-');
}

async function idle(hooks: EventHooks, what: string): Promise<void> {
	await waitFor(() => hooks.running().length === 0, what, 10_000);
}

describe('--on-event hooks', () => {
	it('gives each event to the command: the journal record on stdin, the variables in its environment', async () => {
		const dir = scratch();
		const timers = createFakeTimers(at);
		const hooks = createEventHooks({
			command:
				'cat >> "$DIR/events.jsonl"; printf "%s|%s|%s|%s\\n" "$EC2_IMPORT_WATCH_EVENT" "$EC2_IMPORT_WATCH_TASK_ID" "$EC2_IMPORT_WATCH_STATUS" "$EC2_IMPORT_WATCH_KIND" >> "$DIR/env.txt"',
			timeoutMs: 30_000,
			timers,
			env: {PATH: process.env.PATH, DIR: dir},
			maxRunning: 1,
		});
		hooks.add([
			completed('import-ami-1', {diskBytes: 8 * 2 ** 30}),
			{at: at + 1000, type: 'new', taskId: 'import-snap-2', kind: 'snapshot', status: 'active', description: 'db disk'},
		]);
		await waitFor(() => hooks.stats().ran === 2 && hooks.running().length === 0, 'both hooks');
		const records = readFileSync(join(dir, 'events.jsonl'), 'utf8')
			.trimEnd()
			.split('\n')
			.map((line) => JSON.parse(line));
		assert.deepEqual(records, [
			{
				v: 1,
				time: '2026-12-07T08:00:00.000Z',
				event: 'status',
				taskId: 'import-ami-1',
				kind: 'image',
				region: 'eu-west-1',
				status: 'completed',
				from: 'active',
				to: 'completed',
				diskBytes: 8 * 2 ** 30,
			},
			{v: 1, time: '2026-12-07T08:00:01.000Z', event: 'new', taskId: 'import-snap-2', kind: 'snapshot', status: 'active', description: 'db disk'},
		]);
		assert.deepEqual(readFileSync(join(dir, 'env.txt'), 'utf8').trimEnd().split('\n'), [
			'status|import-ami-1|completed|image',
			'new|import-snap-2|active|snapshot',
		]);
		assert.equal(hookSummary(hooks.stats()), undefined, 'nothing to say when every hook ran well');
		await hooks.close();
	});

	it('never runs task text: $(…), backticks and ; reach the hook as data only', async () => {
		const dir = scratch();
		const marker = join(dir, 'pwned');
		const hostile = `$(touch ${marker}) \`touch ${marker}\`; touch ${marker}`;
		const hooks = createEventHooks({
			// The operator's command uses the variables as a careful script would: quoted.
			command: 'cat > "$DIR/in.json"; echo "$EC2_IMPORT_WATCH_TASK_ID $EC2_IMPORT_WATCH_STATUS" > "$DIR/env.txt"',
			timeoutMs: 30_000,
			timers: createFakeTimers(at),
			env: {PATH: process.env.PATH, DIR: dir},
		});
		hooks.add([{at, type: 'new', taskId: hostile, status: hostile, message: hostile, description: hostile}]);
		await waitFor(() => hooks.stats().ran === 1 && hooks.running().length === 0, 'the hook');
		assert.equal(JSON.parse(readFileSync(join(dir, 'in.json'), 'utf8')).description, hostile);
		assert.equal(readFileSync(join(dir, 'env.txt'), 'utf8'), `${hostile} ${hostile}\n`);
		assert.equal(existsSync(marker), false, 'no task text was run');
		await hooks.close();
	});

	it('says a failing hook in one line: the flag, its exit status, the last line of its stderr (sanitised)', async () => {
		const problems: string[] = [];
		const hooks = createEventHooks({
			command: 'echo "trying" >&2; printf "curl: (6) Could not resolve host \\033[31mred\\n\\n" >&2; exit 7',
			timeoutMs: 30_000,
			timers: createFakeTimers(at),
			env: {PATH: process.env.PATH},
			onProblem: (line) => problems.push(line),
		});
		hooks.add([completed('import-ami-1')]);
		await waitFor(() => problems.length === 1, 'the failure line');
		assert.deepEqual(problems, ['--on-event failed: exit status 7 for import-ami-1 status: curl: (6) Could not resolve host ␛red']);
		hooks.add([completed('import-ami-2')]);
		await waitFor(() => problems.length === 2, 'the second failure');
		assert.equal(
			hookSummary(hooks.stats()),
			'--on-event ran 2 times: 2 failed (last: exit status 7 for import-ami-2 status: curl: (6) Could not resolve host ␛red)',
		);
		await hooks.close();
	});

	it('kills a hook at its time limit, with what it started (its process group)', async () => {
		const dir = scratch();
		const timers = createFakeTimers(at);
		const problems: string[] = [];
		const hooks = createEventHooks({
			command: 'sleep 60 & echo $! > "$DIR/pids"; echo "still waiting" >&2; wait',
			timeoutMs: 5000,
			timers,
			env: {PATH: process.env.PATH, DIR: dir},
			onProblem: (line) => problems.push(line),
		});
		hooks.add([completed('import-ami-1')]);
		const [sleeper] = await pidsIn(join(dir, 'pids'));
		const [shell] = hooks.running();
		assert.ok(sleeper !== undefined && shell !== undefined);
		await timers.advance(4999);
		assert.ok(alive(sleeper) && alive(shell), 'not before its limit');
		await timers.advance(1);
		await idle(hooks, 'the hook to be ended');
		await waitFor(() => !alive(sleeper), 'the sleep it started to be gone');
		assert.deepEqual(problems, ['--on-event failed: killed after 5s (--on-event-timeout) for import-ami-1 status: still waiting']);
		assert.equal(hooks.stats().timedOut, 1);
		await hooks.close();
	});

	it('kills with SIGKILL after the grace a hook that ignores SIGTERM', async () => {
		const dir = scratch();
		const timers = createFakeTimers(at);
		const hooks = createEventHooks({
			command: 'trap "" TERM; echo ready > "$DIR/ready"; while :; do sleep 0.05; done',
			timeoutMs: 1000,
			graceMs: 2000,
			timers,
			env: {PATH: process.env.PATH, DIR: dir},
		});
		hooks.add([completed('import-ami-1')]);
		await waitFor(() => existsSync(join(dir, 'ready')), 'the hook to start');
		const [shell] = hooks.running();
		assert.ok(shell !== undefined);
		await timers.advance(1000);
		await new Promise((resolve) => setTimeout(resolve, 100));
		assert.ok(alive(shell), 'SIGTERM is ignored');
		await timers.advance(2000);
		await idle(hooks, 'SIGKILL');
		assert.equal(alive(shell), false);
		await hooks.close();
	});

	it('runs at most 4 at once; the rest wait in a bounded queue; what is dropped is counted and said once', async () => {
		const dir = scratch();
		const problems: string[] = [];
		const hooks = createEventHooks({
			command: 'echo $$ >> "$DIR/pids"; exec sleep 60',
			timeoutMs: 30_000,
			timers: createFakeTimers(at),
			env: {PATH: process.env.PATH, DIR: dir},
			queueLimit: 3,
			graceMs: 500,
			onProblem: (line) => problems.push(line),
		});
		hooks.add(Array.from({length: 10}, (_, index) => completed(`import-ami-${index}`)));
		const pids = await pidsIn(join(dir, 'pids'), 4);
		assert.equal(hooks.running().length, 4);
		assert.deepEqual(
			problems,
			['--on-event: 3 events already waiting: new events are dropped until there is room (counted at exit)'],
			'10 events: 4 running, 3 waiting, 3 dropped',
		);
		assert.equal(hooks.stats().dropped, 3);
		await hooks.close();
		for (const pid of pids) assert.equal(alive(pid), false, `hook ${pid} was ended at close`);
		assert.equal(
			hookSummary(hooks.stats()),
			'--on-event ran 4 times: 3 events dropped (queue full), 4 still running ended at exit, 3 events still waiting not run',
		);
	});

	it('ends the hooks still running when the watcher quits, without waiting for their time limit', async () => {
		const dir = scratch();
		const hooks = createEventHooks({
			command: 'sleep 60 & echo $! > "$DIR/pids"; wait',
			timeoutMs: 30_000,
			timers: createFakeTimers(at),
			env: {PATH: process.env.PATH, DIR: dir},
		});
		hooks.add([completed('import-ami-1')]);
		const [sleeper] = await pidsIn(join(dir, 'pids'));
		assert.ok(sleeper !== undefined);
		await hooks.close();
		await waitFor(() => !alive(sleeper), 'the sleep to be gone');
		assert.equal(hooks.stats().ended, 1);
		hooks.add([completed('import-ami-2')]);
		assert.equal(hooks.stats().ran, 1, 'nothing runs after close');
	});

	it('lets hooks finish when asked to drain (--until-done), up to the limit given', async () => {
		const dir = scratch();
		const hooks = createEventHooks({
			command: 'sleep 0.2; cat >> "$DIR/out"',
			timeoutMs: 30_000,
			timers: createFakeTimers(at),
			env: {PATH: process.env.PATH, DIR: dir},
			maxRunning: 1,
		});
		hooks.add([completed('import-ami-1'), completed('import-ami-2')]);
		await hooks.close(30_000);
		assert.equal(readFileSync(join(dir, 'out'), 'utf8').trimEnd().split('\n').length, 2, 'the waiting one ran too');
		assert.equal(hookSummary(hooks.stats()), undefined);
	});

	it('says a command that cannot start', async () => {
		const problems: string[] = [];
		const hooks = createEventHooks({
			command: 'true',
			shell: '/nonexistent/sh',
			timeoutMs: 30_000,
			timers: createFakeTimers(at),
			env: {},
			onProblem: (line) => problems.push(line),
		});
		hooks.add([completed('import-ami-1')]);
		await waitFor(() => problems.length === 1, 'the failure');
		assert.match(problems[0] ?? '', /^--on-event failed: could not start \(ENOENT\) for import-ami-1 status$/);
		await hooks.close();
	});
});
