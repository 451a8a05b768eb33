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
