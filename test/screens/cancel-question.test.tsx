import assert from 'node:assert/strict';
import {afterEach, describe, it} from 'node:test';
import {questionReadyMs} from '../../source/app/use-question-ready.js';
import {noticeMs} from '../../source/app/use-notice.js';
import type {CancelOutcome} from '../../source/model/cancel-prompt.js';
import type {TaskCanceller, TaskRef} from '../../source/model/task-source.js';
import {type AppHarness, keys, renderApp} from '../helpers/render-app.js';
import {task} from '../helpers/tasks.js';

// The cancel question's life on screen: answerable only once it has been on screen (a y in the same read as the
// x, or in a paste, answers nothing), it stays until answered (no fade), it is withdrawn when its task ends, and
// a y after the outcome does not copy over it. A paste is never keys.

const active = task('import-ami-0123456789abcdef0', {description: 'web-01'});

/** Records every CancelImportTask asked for; answers as EC2 would (a dry run first). */
function recordingCanceller(): TaskCanceller & {calls: {task: TaskRef; dryRun: boolean}[]} {
	const calls: {task: TaskRef; dryRun: boolean}[] = [];
	return {
		calls,
		async cancelTask(ref, options): Promise<CancelOutcome> {
			calls.push({task: ref, dryRun: options.dryRun});
			return options.dryRun ? {kind: 'allowed'} : {kind: 'cancelled', previousState: 'active', state: 'deleting'};
		},
	};
}

let app: AppHarness | undefined;
afterEach(() => {
	app?.unmount();
	app = undefined;
});

async function started(canceller: TaskCanceller, copies: string[] = []): Promise<AppHarness> {
	app = await renderApp([active, task('import-ami-0000000000000done', {status: 'completed'})], {canceller, onCopy: (text) => copies.push(text)});
	await app.poll();
	assert.match(app.frame(), /^> import-ami-0123456789abcdef0/m);
	return app;
}

const lastLine = (harness: AppHarness) => harness.frame().split('\n').at(-1) ?? '';

describe('the cancel question on screen', () => {
	it('x and y in one read (keys typed ahead, a paste without brackets) cancel nothing: the question stays to be answered', async () => {
		const canceller = recordingCanceller();
		const shown = await started(canceller);
		await shown.press('xy');
		assert.equal(lastLine(shown), 'Cancel import-ami-0123456789abcdef0 "web-01"? y: cancel · other keys: keep');
		await shown.press('y');
		assert.equal(canceller.calls.length, 0, 'a y before the question was on screen answers nothing');
		await shown.timers.advance(questionReadyMs);
		await shown.press('y');
		assert.deepEqual(
			canceller.calls.map((call) => [call.task.importTaskId, call.dryRun]),
			[
				['import-ami-0123456789abcdef0', true],
				['import-ami-0123456789abcdef0', false],
			],
		);
		assert.equal(lastLine(shown), 'Cancelled import-ami-0123456789abcdef0: active → deleting.');
	});

	it('a bracketed paste is never keys: "proxy" neither asks nor cancels; pasted into the / filter it is typed as text', async () => {
		const canceller = recordingCanceller();
		const shown = await started(canceller);
		await shown.press('\u001B[200~proxy\u001B[201~');
		assert.equal(canceller.calls.length, 0);
		assert.match(lastLine(shown), /^Pasted text ignored: keys act one by one/);
		assert.doesNotMatch(shown.frame(), /paused/i, 'the p in the paste did not pause');
		// One line, without the escape sequence: web, a space for the line break, -01.
		await shown.press('/', '\u001B[200~web\u001B]0;t\u0007\r\n-0\u001B[201~', '1', keys.enter);
		assert.match(shown.frame(), /\/web -01(?!\S)/);
		assert.doesNotMatch(shown.frame(), /␛|\u001B\]0/);
		// Asked, then a paste while the question is up: it stays, nothing is cancelled.
		await shown.press(keys.escape, 'x');
		await shown.timers.advance(questionReadyMs);
		await shown.press('\u001B[200~y\u001B[201~');
		assert.equal(canceller.calls.length, 0);
		assert.match(lastLine(shown), /^Cancel import-ami-0123456789abcdef0/);
	});

	it('stays until answered (no fade); withdrawn with a word why when its task ends', async () => {
		const shown = await started(recordingCanceller());
		await shown.press('x');
		await shown.timers.advance(noticeMs + 1000);
		assert.match(lastLine(shown), /^Cancel import-ami-0123456789abcdef0 "web-01"\?/, 'still asked after the notice time');
		shown.source.set([{...active, status: 'completed', statusMessage: undefined}]);
		await shown.poll();
		assert.equal(lastLine(shown), 'Question withdrawn: import-ami-0123456789abcdef0 is completed now.');
		await shown.press('y');
		assert.doesNotMatch(lastLine(shown), /^Cancel/, 'y after the withdrawal answers no question');
	});

	it('a second y after the outcome does not copy over its line', async () => {
		const copies: string[] = [];
		const shown = await started(recordingCanceller(), copies);
		await shown.press('x');
		await shown.timers.advance(questionReadyMs);
		await shown.press('y');
		assert.equal(lastLine(shown), 'Cancelled import-ami-0123456789abcdef0: active → deleting.');
		await shown.press('y');
		assert.equal(lastLine(shown), 'Cancelled import-ami-0123456789abcdef0: active → deleting.');
		assert.deepEqual(copies, []);
		// Once the line has gone, y copies as ever.
		await shown.timers.advance(noticeMs);
		await shown.press('y');
		assert.deepEqual(copies, ['import-ami-0123456789abcdef0']);
	});
});

describe('at 80 columns', () => {
	it('a refusal keeps its reason: the middle of a notice gives way, not its end', async () => {
		app = await renderApp([task('import-ami-0123456789abcdef0', {idAltered: 'trimmed'})], {canceller: recordingCanceller(), columns: 80});
		await app.press('x');
		const line =
			app
				.frame()
				.split('\n')
				.find((one) => one.startsWith('Not cancellable: ')) ?? '';
		assert.match(line, /^Not cancellable: … .*\(shown trimmed\)\.$/, line);
		assert.ok(line.length <= 80, line);
	});

	it('the question cuts a wide (CJK) description with no stray space inside the quotes', async () => {
		const wide = task('import-ami-0123456789abcdef0', {description: '数据库服务器迁移第二批次生产环境'});
		app = await renderApp([wide], {canceller: recordingCanceller(), columns: 80});
		await app.press('x');
		const line =
			app
				.frame()
				.split('\n')
				.find((one) => one.startsWith('Cancel ')) ?? '';
		assert.match(line, /^Cancel import-ami-0123456789abcdef0 "数据[^ "]*…"\? y: cancel · other keys: keep\s*$/, line);
	});
});
