import assert from 'node:assert/strict';
import {afterEach, describe, it} from 'node:test';
import {type AppHarness, keys, renderApp} from '../helpers/render-app.js';
import {task} from '../helpers/tasks.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

const ascii = {color: false, unicode: false};

describe('key names in an ASCII terminal', () => {
	it('the hint bar and help say Up/Dn and Bksp, not ^v and <', async () => {
		app = await renderApp([task('import-ami-a')], {theme: ascii, rows: 60});
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

describe('hints and help that say what the key does now', () => {
	it('while paused the hint line says p resume', async () => {
		app = await renderApp([task('import-ami-a')]);
		assert.match(app.frame(), /p pause/);
		await app.press('p');
		assert.match(app.frame(), /p resume/);
		assert.doesNotMatch(app.frame(), /p pause/);
		await app.press('p');
		assert.match(app.frame(), /p pause/);
	});

	it('help says what Y copies in the list and what it copies in details', async () => {
		app = await renderApp([task('import-ami-a')], {rows: 60});
		await app.press('?');
		const help = app.frame();
		const list = help.slice(help.indexOf('Task list'), help.indexOf('Task details'));
		const details = help.slice(help.indexOf('Task details'), help.indexOf('Events (e)'));
		assert.match(list, /^ {2}Y +Copy the image id \(a snapshot import: its snapshot id\)$/m);
		assert.match(details, /^ {2}Y +Copy the snapshot ids of the task’s disks$/m);
	});
});

describe('at 80 columns nothing is cut mid-word (issue 17, item 14)', () => {
	it('help wraps a long description at a space, under its column', async () => {
		app = await renderApp([task('import-ami-a')], {columns: 80, rows: 60});
		await app.press('?');
		const lines = app.frame().split('\n');
		assert.doesNotMatch(app.frame(), /…/);
		const sort = lines.findIndex((line) => /^ {2}s +Sort by the next column/.test(line));
		assert.ok(sort >= 0);
		const column = (lines[sort] ?? '').indexOf('Sort');
		assert.match(lines[sort + 1] ?? '', new RegExp(`^ {${column}}\\S`), 'the rest under the description column');
		assert.equal(`${lines[sort]?.slice(column).trim()} ${lines[sort + 1]?.trim()}`, 'Sort by the next column (newest first, id, status, progress, ETA)');
		for (const line of lines) assert.ok(line.length <= 80, line);
	});

	it('the events view’s header drops what does not fit whole rather than cut it', async () => {
		const many = [
			...Array.from({length: 12}, (_, index) => task(`import-ami-0000000000000a${String(index).padStart(3, '0')}`)),
			...Array.from({length: 7}, (_, index) => task(`import-ami-0000000000000c${String(index).padStart(3, '0')}`, {status: 'completed', progress: undefined})),
			...Array.from({length: 2}, (_, index) => task(`import-ami-0000000000000d${String(index).padStart(3, '0')}`, {status: 'deleted', progress: undefined})),
		];
		app = await renderApp(many, {columns: 80, rows: 24});
		await app.press('e');
		const [, tabs = ''] = app.frame().split('\n');
		assert.match(tabs, /5 deleted 2$/, tabs);
		assert.doesNotMatch(tabs, /…/);
	});
});

describe('the paused hint stays (issue 17, item 14)', () => {
	for (const theme of [{color: false, unicode: true}, ascii]) {
		for (const columns of [80, 90, 100]) {
			it(`p resume is in the hint line at ${columns} columns (${theme.unicode ? 'UTF-8' : 'ASCII'}), in the list, the details and the events`, async () => {
				app = await renderApp([task('import-ami-a')], {columns, theme});
				await app.press('p');
				const hintLine = () => app?.frame().split('\n').at(-1) ?? '';
				assert.match(hintLine(), /p resume/, hintLine());
				await app.press(keys.enter);
				assert.match(hintLine(), /p resume/, hintLine());
				await app.press(keys.escape, 'e');
				assert.match(hintLine(), /p resume/, hintLine());
			});
		}
	}
});
