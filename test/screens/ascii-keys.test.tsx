import assert from 'node:assert/strict';
import {afterEach, describe, it} from 'node:test';
import {type AppHarness, keys, renderApp} from '../helpers/render-app.js';
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

	it('help gives every key room: the widest (any other key) still has a space before its words', async () => {
		app = await renderApp([task('import-ami-a')], {columns: 120, rows: 40});
		await app.press('?', keys.pageDown, keys.pageDown);
		assert.match(app.frame(), /^ {2}any other key {2}Keep the import \(do not cancel\)/m);
		const starts = new Set([...app.frame().matchAll(/^ {2}\S.*? {2,}(?=\S)/gm)].map((match) => match[0].length));
		assert.equal(starts.size, 1, 'the descriptions line up in one column');
	});
});
