import assert from 'node:assert/strict';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import {resolveOptions} from '../../source/shell/options.js';
import {createShellHooks, type ShellHooks} from '../../source/shell/shell-hooks.js';
import {alive, pidsIn} from '../helpers/processes.js';
import {type AppHarness, renderApp, waitFor} from '../helpers/render-app.js';
import {task} from '../helpers/tasks.js';
import {scratchDir} from '../helpers/scratch-dir.js';

// --on-event in the TUI: the shell's hooks fed by the app's transitions and told the notice line (as run-tui.tsx
// wires them), real /bin/sh hooks, their time limit on the app's fake clock.

async function withHooks(command: string, timeout: string, body: (app: AppHarness, dir: string) => Promise<void>): Promise<void> {
	const dir = scratchDir('eiw-on-event-');
	const resolved = resolveOptions({onEvent: command, onEventTimeout: timeout}, {AWS_REGION: 'us-east-1'});
	assert.ok(resolved.ok);
	let hooks: ShellHooks | undefined;
	let notice: ((text: string) => void) | undefined;
	const app = await renderApp([task('import-ami-1'), task('import-ami-2')], {
		onTransitions: (entries, first) => hooks?.onTransitions(entries, first),
		shellNotices: (show) => {
			notice = show;
			return () => {};
		},
	});
	// On the app's clock, so that the time limit is the fake one.
	hooks = createShellHooks(resolved.config, () => {}, false, app.timers, {PATH: process.env.PATH, DIR: dir});
	hooks.onHookProblem = (line) => notice?.(line);
	try {
		await body(app, dir);
	} finally {
		app.unmount();
		await hooks.close();
	}
}

const failed = [task('import-ami-1'), task('import-ami-2', {status: 'deleting', statusMessage: 'ClientError: Unknown OS'})];

describe('--on-event in the TUI', () => {
	it('says a failing hook in the notice line: --on-event, its exit status and the last line of its stderr', async () => {
		await withHooks('cat > /dev/null; echo "posting" >&2; echo "webhook said: 403 Forbidden" >&2; exit 22', '30', async (app) => {
			await app.poll();
			app.source.set([task('import-ami-1'), task('import-ami-2', {status: 'deleting'})]);
			await app.poll();
			await waitFor(() => app.frame().includes('--on-event failed'), 'the notice');
			assert.match(app.frame(), /--on-event failed: exit status 22 for import-ami-2 status: webhook said: 403 Forbidden/);
			assert.doesNotMatch(app.frame(), /posting/, 'only the last line of its stderr');
		});
	});

	it('a hanging hook: polling goes on meanwhile; at its limit it is killed and said', async () => {
		await withHooks('echo $$ >> "$DIR/pids"; exec sleep 600', '30', async (app, dir) => {
			await app.poll();
			app.source.set(failed);
			await app.poll();
			const pids = await pidsIn(join(dir, 'pids'), 2);
			// Hooks for the first poll's two tasks would have started first, and been written by now.
			await new Promise((resolve) => setTimeout(resolve, 200));
			assert.equal((await pidsIn(join(dir, 'pids'))).length, 2, 'the first poll runs no hook: only the two transitions');
			const before = app.fetches();
			await app.timers.advance(29_000);
			assert.equal(app.fetches() - before, 2, 'polls every 10 s while the hooks hang');
			assert.ok(pids.every(alive), 'not killed before the limit');
			assert.doesNotMatch(app.frame(), /on-event/);
			await app.timers.advance(1000);
			for (const pid of pids) await waitFor(() => !alive(pid), `hook ${pid} killed`);
			await waitFor(() => app.frame().includes('--on-event failed'), 'the notice');
			assert.match(app.frame(), /--on-event failed: killed after 30s \(--on-event-timeout\) for import-ami-2 (status|message)/);
			assert.equal(app.fetches() - before, 3, 'the poll at 30 s too');
			await app.poll();
			assert.equal(app.fetches() - before, 4, 'and polling goes on');
		});
	});
});
