import assert from 'node:assert/strict';
import {afterEach, describe, it} from 'node:test';
import {type AppHarness, renderApp} from '../helpers/render-app.js';
import {task} from '../helpers/tasks.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

const ascii = {color: false, unicode: false};

describe('key names in an ASCII terminal', () => {
	it('the hint bar and help say Up/Dn and Bksp, not ^v and <', async () => {
		app = await renderApp([task('import-ami-a')], {theme: ascii, rows: 40});
		assert.match(app.frame(), /Up\/Dn\/jk move/);
		assert.doesNotMatch(app.frame(), /\^v/);
		await app.press('?');
		assert.match(app.frame(), /^ {2}Up\/k +Move up/m);
		assert.match(app.frame(), /^ {2}Dn\/j +Move down/m);
		assert.match(app.frame(), /^ {2}Esc\/Bksp +Back to the list/m);
		assert.match(app.frame(), /^ {2}Bksp +Erase a character/m);
	});
});
