import assert from 'node:assert/strict';
import {afterEach, describe, it} from 'node:test';
import {type AppHarness, keys, renderApp} from '../helpers/render-app.js';
import {task} from '../helpers/tasks.js';

// Ctrl-L and Ctrl-Z are the terminal's business: the app only tells the shell, in every mode.

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

describe('Ctrl-L and Ctrl-Z', () => {
	it('tell the shell to repaint or to suspend, in the list, the details, the help and while filtering', async () => {
		const calls: string[] = [];
		app = await renderApp([task('import-ami-one')], {onRepaint: () => calls.push('repaint'), onSuspend: () => calls.push('suspend')});
		await app.press(keys.ctrlL, keys.ctrlZ);
		await app.press(keys.enter, keys.ctrlL);
		await app.press(keys.escape, '?', keys.ctrlZ);
		await app.press('?', '/', 'o', keys.ctrlL);
		assert.deepEqual(calls, ['repaint', 'suspend', 'repaint', 'suspend', 'repaint']);
		// Typing goes on after it: the filter still has its text, Ctrl-L typed nothing.
		assert.match(app.frame(), /\/o/);
	});
});

describe('Esc twice in one read (issue 17, item 14)', () => {
	it('acts twice: from a task opened in the events view, back to the events, then to the list', async () => {
		const running = task('import-ami-one', {statusMessage: 'pending'});
		app = await renderApp([running]);
		app.source.set([{...running, statusMessage: 'converting'}]);
		await app.poll();
		await app.press('e', keys.enter);
		assert.match(app.frame(), /Task import-ami-one · updating live/);
		await app.press('\u001B\u001B');
		// Ink holds a lone ESC back a moment in case a sequence follows (its own delay, not our timing).
		await new Promise((resolve) => setTimeout(resolve, 30));
		await app.press();
		assert.match(app.frame(), /TASK ID +STATUS/, 'back in the list, not in the events');
		assert.doesNotMatch(app.frame(), /events of all tasks/);
	});
});
