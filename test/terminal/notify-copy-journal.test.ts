import assert from 'node:assert/strict';
import {mkdir, readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import {explainFailure} from '../../source/model/failure-explanations.js';
import type {JournalEntry} from '../../source/model/history.js';
import {resolveOptions} from '../../source/shell/options.js';
import {createShellHooks} from '../../source/shell/shell-hooks.js';
import {createNotifier} from '../../source/terminal/notifier.js';
import {forTerminal, notification, osc52, tmuxPassthrough} from '../../source/terminal/osc.js';
import {openJournal} from '../../source/watch/journal-file.js';
import {createFakeTimers} from '../helpers/fake-timers.js';
import {scratchDir} from '../helpers/scratch-dir.js';

const esc = '\u001B';
const completed = (taskId: string, at: number): JournalEntry => ({at, type: 'status', taskId, from: 'active', to: 'completed', status: 'completed'});

describe('OSC sequences', () => {
	it('copies with OSC 52, base64 of the UTF-8 text, wrapped for tmux as well when asked', () => {
		assert.equal(osc52('import-ami-0a1b'), `${esc}]52;c;aW1wb3J0LWFtaS0wYTFi\u0007`);
		assert.equal(tmuxPassthrough(`${esc}]9;hi\u0007`), `${esc}Ptmux;${esc}${esc}]9;hi\u0007${esc}\\`);
		assert.equal(forTerminal('X', false), 'X');
		assert.equal(forTerminal(`${esc}]9;a\u0007`, true), `${esc}]9;a\u0007${esc}Ptmux;${esc}${esc}]9;a\u0007${esc}\\`);
	});

	it('builds each notification kind, with no control characters or separators from the text', () => {
		assert.equal(notification('bell', 't', 'b'), '\u0007');
		assert.equal(notification('osc9', 'ec2-import-watch', 'import-ami-1 completed'), `${esc}]9;ec2-import-watch: import-ami-1 completed\u0007`);
		assert.equal(notification('osc777', 'a;b', 'x\u0007y\u009b'), `${esc}]777;notify;a b;x y \u0007`);
	});
});

describe('notifier', () => {
	it('notifies completions, failures and stalls, sums up what comes in its quiet period, and never the rest', async () => {
		const timers = createFakeTimers(0);
		const written: string[] = [];
		const notifier = createNotifier({methods: ['osc9'], write: (bytes) => written.push(bytes), inTmux: false, timers});
		notifier.add([{at: 0, type: 'message', taskId: 'import-ami-1', from: 'pending', to: 'converting'}]);
		assert.deepEqual(written, []);
		notifier.add([completed('import-ami-1', 0)]);
		assert.deepEqual(written, [`${esc}]9;ec2-import-watch: import-ami-1 completed\u0007`]);
		const explanation = explainFailure({status: 'deleted', statusMessage: 'ClientError: Unknown OS / Missing OS files.'});
		notifier.add([completed('import-ami-2', 1000), {at: 1000, type: 'status', taskId: 'import-ami-3', from: 'active', to: 'deleted', explanation}]);
		notifier.add([{at: 2000, type: 'stuck', taskId: 'import-ami-4', since: 0}]);
		assert.equal(written.length, 1, 'rate-limited');
		await timers.advance(10_000);
		assert.deepEqual(written.slice(1), [`${esc}]9;ec2-import-watch: import-ami-2 completed, import-ami-3 failed: unknown OS, import-ami-4 stuck\u0007`]);
		await timers.advance(60_000);
		assert.equal(written.length, 2);
		assert.equal(timers.pending(), 0, 'nothing left scheduled once nothing is pending');
		notifier.stop();
	});

	it('sends nothing when no method is asked for', () => {
		const written: string[] = [];
		createNotifier({methods: [], write: (bytes) => written.push(bytes), inTmux: true, timers: createFakeTimers(0)}).add([completed('a', 0)]);
		assert.deepEqual(written, []);
	});
});

describe('journal file', () => {
	it('appends one JSON object per transition, and a restarted watcher continues the same file', async () => {
		const path = join(scratchDir('eiw-journal-'), 'imports.jsonl');
		await writeFile(path, '{"earlier":"line"}\n');
		const first = openJournal(path);
		first.append([completed('import-ami-1', Date.UTC(2026, 10, 26, 21, 40))]);
		await first.close();
		const second = openJournal(path);
		second.append([
			{
				at: Date.UTC(2026, 10, 26, 22, 0),
				type: 'stuck',
				taskId: 'import-ami-2',
				region: 'eu-west-1',
				since: Date.UTC(2026, 10, 26, 21, 30),
				status: 'active',
				progress: 39,
			},
		]);
		await second.close();
		const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
		assert.equal(lines.length, 3);
		assert.deepEqual(JSON.parse(lines[1] ?? ''), {
			v: 1,
			time: '2026-11-26T21:40:00.000Z',
			event: 'status',
			taskId: 'import-ami-1',
			status: 'completed',
			from: 'active',
			to: 'completed',
		});
		assert.deepEqual(JSON.parse(lines[2] ?? ''), {
			v: 1,
			time: '2026-11-26T22:00:00.000Z',
			event: 'stuck',
			taskId: 'import-ami-2',
			region: 'eu-west-1',
			status: 'active',
			progress: 39,
			since: '2026-11-26T21:30:00.000Z',
		});
	});

	it('says in one line when the file cannot be appended to', () => {
		assert.throws(() => openJournal('/nonexistent-dir/journal.jsonl'), /^Error: cannot append to the journal \/nonexistent-dir\/journal.jsonl \(ENOENT\)$/);
	});
});

describe('shell hooks', () => {
	it('says once that history is off, and again after the summary, where the state directory cannot be used', async () => {
		const file = join(scratchDir('eiw-hooks-'), 'not-a-directory');
		await writeFile(file, '');
		const resolved = resolveOptions({}, {AWS_REGION: 'us-east-1', XDG_STATE_HOME: file});
		assert.ok(resolved.ok);
		const hooks = createShellHooks(resolved.config, () => {}, false, createFakeTimers(0));
		const said: string[] = [];
		hooks.listenNotices((line) => said.push(line));
		const off = `history is off: ${file}/ec2-import-watch cannot be used (ENOTDIR); the watcher runs on without it (nothing there was changed)`;
		assert.deepEqual(said, [off]);
		await hooks.close();
		assert.equal(hooks.afterwards(), `ec2-import-watch: ${off}\n`);
		assert.equal(hooks.journalFailure(), undefined, 'not a failure of the exit code');
	});

	it('says the lines of the history it could not read once, and again after the summary, with the count', async () => {
		const state = scratchDir('eiw-hooks-torn-');
		await mkdir(join(state, 'ec2-import-watch'), {mode: 0o700});
		await writeFile(join(state, 'ec2-import-watch', 'history.jsonl'), '{"v":1,"time":"2026-06-01T00:00:00.000Z","event":"sta', {mode: 0o600});
		const resolved = resolveOptions({}, {AWS_REGION: 'us-east-1', XDG_STATE_HOME: state});
		assert.ok(resolved.ok);
		const hooks = createShellHooks(resolved.config, () => {}, false, createFakeTimers(0));
		const said: string[] = [];
		hooks.listenNotices((line) => said.push(line));
		await hooks.history.read();
		hooks.history.load([]);
		const torn = `history: …/${state.split('/').at(-1) ?? ''}/ec2-import-watch/history.jsonl, left in the file: 1 torn or foreign line skipped`;
		assert.deepEqual(said, [torn]);
		await hooks.close();
		assert.equal(hooks.afterwards(), `ec2-import-watch: ${torn}\n`);
	});

	it('notifies and runs --on-event at the first poll for what changed while no watcher ran (late), as for any other change', async () => {
		const dir = scratchDir('eiw-late-hooks-');
		const resolved = resolveOptions({notify: 'bell', onEvent: 'cat >> "$DIR/events.jsonl"'}, {AWS_REGION: 'us-east-1'});
		assert.ok(resolved.ok);
		const written: string[] = [];
		const hooks = createShellHooks(resolved.config, (bytes) => written.push(bytes), false, createFakeTimers(0), {PATH: process.env.PATH, DIR: dir});
		hooks.onTransitions(
			[
				{at: 0, type: 'first-seen', taskId: 'import-ami-1', status: 'active'},
				{...completed('import-ami-2', 0), late: true},
				{at: 0, type: 'new', taskId: 'import-ami-3', status: 'active', late: true},
			],
			true,
		);
		assert.deepEqual(written, ['\u0007']);
		// Drained as under --until-done: the hook that was started gets to finish.
		await hooks.close(true);
		const events = (await readFile(join(dir, 'events.jsonl'), 'utf8'))
			.trimEnd()
			.split('\n')
			.map((line) => JSON.parse(line));
		// Hooks run side by side (four at once): the order they append in is theirs.
		assert.deepEqual(
			events.map((event) => [event.event, event.taskId, event.late]).sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
			[
				['status', 'import-ami-2', true],
				['new', 'import-ami-3', true],
			],
			'the hook ran for the late entries only (an import that appeared meanwhile too), not for what was there at start-up',
		);
	});

	it('journals the first poll’s first-seen entries but notifies only what happens later, and copies with OSC 52', async () => {
		const path = join(scratchDir('eiw-hooks-'), 'journal.jsonl');
		const resolved = resolveOptions({journal: path, notify: 'bell'}, {AWS_REGION: 'us-east-1'});
		assert.ok(resolved.ok);
		const written: string[] = [];
		const hooks = createShellHooks(resolved.config, (bytes) => written.push(bytes), true, createFakeTimers(0));
		hooks.onTransitions([{at: 0, type: 'first-seen', taskId: 'import-ami-1', status: 'completed'}, completed('import-ami-2', 0)], true);
		assert.deepEqual(written, [], 'no notification for what was already there');
		hooks.onTransitions([completed('import-ami-3', 1000)], false);
		assert.deepEqual(written, ['\u0007\u001BPtmux;\u0007\u001B\\']);
		hooks.onCopy('ami-1');
		assert.equal(written[1], `${osc52('ami-1')}${tmuxPassthrough(osc52('ami-1'))}`);
		await hooks.close();
		const events = (await readFile(path, 'utf8'))
			.trimEnd()
			.split('\n')
			.map((line) => JSON.parse(line).event);
		assert.deepEqual(events, ['first-seen', 'status', 'status']);
	});
});
