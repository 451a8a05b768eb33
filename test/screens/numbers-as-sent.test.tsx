import assert from 'node:assert/strict';
import {afterEach, describe, it} from 'node:test';
import {normaliseTask} from '../../source/model/normalise-task.js';
import {type AppHarness, keys, renderApp} from '../helpers/render-app.js';

// Numbers as EC2 sent them: a progress of 99.9 is not drawn as 100% (not done is never done), and a disk of
// 1e308 bytes is written as such, not cut to 8.67361~.

let app: AppHarness | undefined;
afterEach(() => {
	app?.unmount();
	app = undefined;
});

describe('numbers as sent', () => {
	it('99.9 % shows as 99%; 1e308 bytes as 1e+308 B, in the list and the details', async () => {
		const almost = normaliseTask({
			ImportTaskId: 'import-ami-0123456789abcdef0',
			Status: 'active',
			Progress: '99.9',
			SnapshotDetails: [{DiskImageSize: 1e308, Format: 'VMDK'}],
		});
		app = await renderApp([almost], {columns: 140});
		await app.poll();
		const row =
			app
				.frame()
				.split('\n')
				.find((line) => line.startsWith('> import-ami-0123456789abcdef0')) ?? '';
		assert.match(row, / 99% /);
		assert.doesNotMatch(row, /100%/);
		assert.match(row, /1e\+308 B/);
		await app.press(keys.enter);
		assert.match(app.frame(), / 99%/);
		assert.doesNotMatch(app.frame(), /100%|8\.67/);
		assert.match(app.frame(), /1e\+308 B/);
	});
});
