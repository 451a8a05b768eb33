import assert from 'node:assert/strict';
import {afterEach, describe, it} from 'node:test';
import {noticeMs} from '../../source/app/use-notice.js';
import {questionReadyMs} from '../../source/app/use-question-ready.js';
import type {CancelOutcome} from '../../source/model/cancel-prompt.js';
import type {TaskCanceller} from '../../source/model/task-source.js';
import {type AppHarness, renderApp} from '../helpers/render-app.js';
import {settle} from '../helpers/fake-timers.js';
import {task} from '../helpers/tasks.js';

// A cancel in flight: its step stays on the bottom line until the answer comes (it does not fade like a notice,
// nor go with a key), and x on a task whose cancel is under way, or went through, is refused with a word why.
// The canceller answers only when the test releases it: no real waiting.

const id = 'import-ami-0123456789abcdef0';

/** A canceller whose every answer waits until `release` (dry runs allowed, cancels cancelled). */
function heldCanceller() {
	const held: {dryRun: boolean; answer: () => void}[] = [];
	const canceller: TaskCanceller = {
		cancelTask(_ref, options): Promise<CancelOutcome> {
			return new Promise((resolve) => {
				held.push({
					dryRun: options.dryRun,
					answer: () => resolve(options.dryRun ? {kind: 'allowed'} : {kind: 'cancelled', previousState: 'active', state: 'deleting'}),
				});
			});
		},
	};
	return {
		canceller,
		held,
		async release() {
			const next = held.shift();
			assert.ok(next !== undefined, 'a call to answer');
			next.answer();
			await settle(10);
		},
	};
}

let app: AppHarness | undefined;
afterEach(() => {
	app?.unmount();
	app = undefined;
});

const lastLine = (harness: AppHarness) => harness.frame().split('\n').at(-1) ?? '';

async function askAndConfirm(harness: AppHarness): Promise<void> {
	await harness.press('x');
	await harness.timers.advance(questionReadyMs);
	await harness.press('y');
}

describe('a cancel in flight', () => {
	it('its step stays until the answer; a second x meanwhile, and after the cancel, is refused and sends nothing', async () => {
		const held = heldCanceller();
		app = await renderApp([task(id, {description: 'web-01'})], {canceller: held.canceller, columns: 80});
		const shown = app;
		await shown.poll();
		await askAndConfirm(shown);
		assert.equal(lastLine(shown), `Checking that ${id} may be cancelled (dry run)…`);
		await shown.timers.advance(noticeMs * 3);
		assert.equal(lastLine(shown), `Checking that ${id} may be cancelled (dry run)…`, 'no fade while the dry run is out');
		await shown.press('j');
		assert.equal(lastLine(shown), `Checking that ${id} may be cancelled (dry run)…`, 'a key does not take it away');
		await held.release();
		assert.equal(lastLine(shown), `Cancelling ${id}…`);
		await shown.timers.advance(noticeMs * 3);
		assert.equal(lastLine(shown), `Cancelling ${id}…`);
		// x on it while its cancel is out: refused, with why; the refusal fades, the step shows again.
		await shown.press('x');
		assert.equal(lastLine(shown), `A cancel of ${id} is under way: wait for its answer.`);
		await shown.timers.advance(noticeMs);
		assert.equal(lastLine(shown), `Cancelling ${id}…`);
		assert.equal(held.held.length, 1, 'only the cancel asked for is out');
		await held.release();
		assert.equal(lastLine(shown), `Cancelled ${id}: active → deleting.`);
		// EC2's list still says active (the poll after the cancel has not come): x is refused all the same.
		await shown.timers.advance(noticeMs);
		await shown.press('x');
		assert.equal(lastLine(shown), `Already cancelled ${id} (EC2 said deleting).`);
		assert.equal(held.held.length, 0, 'nothing sent again');
	});

	it('the answer, when it comes, fades as a notice does', async () => {
		const held = heldCanceller();
		app = await renderApp([task(id)], {canceller: held.canceller});
		const shown = app;
		await shown.poll();
		await askAndConfirm(shown);
		await held.release();
		await held.release();
		assert.equal(lastLine(shown), `Cancelled ${id}: active → deleting.`);
		await shown.timers.advance(noticeMs);
		assert.doesNotMatch(lastLine(shown), /Cancel/);
	});
});
