import assert from 'node:assert/strict';
import {afterEach, describe, it} from 'node:test';
import {type AppHarness, keys, renderApp} from '../helpers/render-app.js';
import {task} from '../helpers/tasks.js';

const tasks = [
	task('import-ami-0000000000000000a', {description: 'web-01 OVA', progress: 28}),
	task('import-ami-0000000000000000b', {status: 'completed', statusMessage: undefined, progress: undefined, imageId: 'ami-0c93e58db64cb1d23'}),
	task('import-ami-0000000000000000c', {description: 'db-01', statusMessage: 'booting', progress: 58}),
	task('import-ami-0000000000000000d', {status: 'deleted', statusMessage: 'ClientError: Unknown OS / Missing OS files.', progress: undefined}),
	task('import-ami-0000000000000000e', {status: 'deleting', statusMessage: 'ClientError: No valid partitions.'}),
];

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

const selected = (frame: string) => /^> (import-ami-\w+)/m.exec(frame)?.[1];
const rowIds = (frame: string) => [...frame.matchAll(/^[ >●] (import-ami-\w+)/gm)].map((match) => match[1]);

describe('list screen', () => {
	it('shows the header, a row per task with status word and glyph, and the hint line', async () => {
		app = await renderApp(tasks);
		const frame = app.frame();
		assert.match(frame, /ec2-import-watch · us-east-1 · every 10s · last poll \d\d:\d\d:\d\d \(just now\)/);
		assert.match(frame, /\[1 all 5\] {2}2 active 2 {3}3 completed 1 {3}4 deleting 1 {3}5 deleted 1/);
		assert.match(frame, /^> import-ami-0000000000000000a ▶ active +converting +[█▏▎▍▌▋▊▉░]+ +28% +web-01 OVA/m);
		assert.match(frame, /import-ami-0000000000000000b ✔ completed .*ami-0c93e58db64cb1d23/);
		assert.match(frame, /✖ deleted +ClientError/);
		assert.match(frame, /↑↓\/jk move {2}Enter details {2}1-5\/Tab state {2}\/ filter/);
		assert.deepEqual(rowIds(frame).length, 5);
	});

	it('filters by state with 1–5 and Tab/Shift-Tab, instantly and without a new request', async () => {
		app = await renderApp(tasks);
		const fetches = app.source.fetches;
		await app.press('2');
		assert.match(app.frame(), /\[2 active 2\]/);
		assert.deepEqual(rowIds(app.frame()), ['import-ami-0000000000000000a', 'import-ami-0000000000000000c']);
		await app.press('3');
		assert.deepEqual(rowIds(app.frame()), ['import-ami-0000000000000000b']);
		await app.press('4');
		assert.deepEqual(rowIds(app.frame()), ['import-ami-0000000000000000e']);
		await app.press('5');
		assert.deepEqual(rowIds(app.frame()), ['import-ami-0000000000000000d']);
		await app.press(keys.tab);
		assert.match(app.frame(), /\[1 all 5\]/);
		await app.press(keys.shiftTab);
		assert.match(app.frame(), /\[5 deleted 1\]/);
		await app.press('1');
		assert.equal(rowIds(app.frame()).length, 5);
		assert.equal(app.source.fetches, fetches);
	});

	it('moves with arrows, j/k, g/G, Home/End and PgUp/PgDn', async () => {
		app = await renderApp(tasks);
		await app.press('j', keys.down);
		assert.equal(selected(app.frame()), 'import-ami-0000000000000000c');
		await app.press('k');
		assert.equal(selected(app.frame()), 'import-ami-0000000000000000b');
		await app.press('G');
		assert.equal(selected(app.frame()), 'import-ami-0000000000000000e');
		await app.press('g');
		assert.equal(selected(app.frame()), 'import-ami-0000000000000000a');
		await app.press(keys.end);
		assert.equal(selected(app.frame()), 'import-ami-0000000000000000e');
		await app.press(keys.home);
		assert.equal(selected(app.frame()), 'import-ami-0000000000000000a');
		await app.press(keys.pageDown);
		assert.equal(selected(app.frame()), 'import-ami-0000000000000000e');
		await app.press(keys.pageUp);
		assert.equal(selected(app.frame()), 'import-ami-0000000000000000a');
	});

	it('keeps the selection on the same task across polls and marks changed rows until the next poll', async () => {
		app = await renderApp(tasks);
		await app.press('j', 'j');
		assert.equal(selected(app.frame()), 'import-ami-0000000000000000c');
		const moved = tasks.map((t) => (t.importTaskId === 'import-ami-0000000000000000a' ? {...t, progress: 34, statusMessage: 'updating'} : t));
		app.source.set([task('import-ami-0000000000000000f', {description: 'new'}), ...moved]);
		await app.poll();
		const frame = app.frame();
		assert.equal(selected(frame), 'import-ami-0000000000000000c');
		assert.match(frame, /^ {2}import-ami-0000000000000000f .* ●$/m);
		assert.match(frame, /^ {2}import-ami-0000000000000000a .*updating.* ●$/m);
		assert.match(frame, /^ {2}import-ami-0000000000000000b .*[^●]$/m);
		await app.poll();
		assert.doesNotMatch(app.frame(), /●$/m);
	});

	it('filters by text with /, live; Enter keeps it and Esc clears it', async () => {
		app = await renderApp(tasks);
		await app.press('/', 'd', 'b', '-');
		assert.match(app.frame(), /\/db-▏/);
		assert.deepEqual(rowIds(app.frame()), ['import-ami-0000000000000000c']);
		assert.match(app.frame(), /Enter keep {2}Esc clear/);
		await app.press(keys.enter);
		assert.match(app.frame(), / {2}\/db- {2}sort:/);
		assert.deepEqual(rowIds(app.frame()), ['import-ami-0000000000000000c']);
		await app.press('/', 'x', keys.escape);
		assert.equal(rowIds(app.frame()).length, 5);
		assert.doesNotMatch(app.frame(), /\/db-x/);
	});

	it('takes keys that arrive together (typed fast, pasted) one by one: "/db-" in one chunk filters', async () => {
		app = await renderApp(tasks);
		await app.press('/db-');
		assert.match(app.frame(), /\/db-▏/);
		assert.deepEqual(rowIds(app.frame()), ['import-ami-0000000000000000c']);
		await app.press(keys.escape, 'jj');
		assert.equal(selected(app.frame()), 'import-ami-0000000000000000e', 'Esc kept the selection on c; jj moved two rows');
		await app.press('k\r');
		assert.match(app.frame(), /ImportTaskId +import-ami-0000000000000000d/, 'k then Enter in one chunk');
		await app.press('\u007F2\t');
		assert.match(app.frame(), /\[3 completed 1\]/, 'Backspace, 2 and Tab in one chunk');
		await app.press(keys.enter, '\u001B1');
		assert.match(app.frame(), /\[1 all 5\]/, 'Esc and 1 in one chunk: back to the list, then all tasks');
		assert.match(app.frame(), /TASK ID/);
	});

	it('says so when no task matches, and when the region has none', async () => {
		app = await renderApp(tasks);
		await app.press('/', 'z', 'z', 'z');
		assert.match(app.frame(), /No task matches this text \(Esc clears it\)/);
		await app.press(keys.enter);
		assert.match(app.frame(), /No task matches this filter \(Esc clears the text filter\)\./, 'already on 1 all: only what applies');
		await app.press('2');
		assert.match(app.frame(), /No task matches this filter \(1 shows all, Esc clears the text filter\)\./);
		app.unmount();
		app = await renderApp(tasks.filter((one) => one.status !== 'deleting'));
		await app.press('4');
		assert.match(app.frame(), /No deleting tasks \(1 shows all\)\./, 'no text filter: Esc is not offered');
		app.unmount();
		app = await renderApp([]);
		assert.match(app.frame(), /No import tasks in this region/);
	});

	it('draws only the rows that fit and keeps the selection in view', async () => {
		const many = Array.from({length: 200}, (_, index) => task(`import-ami-${String(index).padStart(17, '0')}`));
		app = await renderApp(many, {rows: 12});
		assert.equal(app.frame().split('\n').length <= 12, true);
		assert.equal(rowIds(app.frame()).length, 7);
		await app.press('G');
		assert.equal(selected(app.frame()), 'import-ami-00000000000000199');
		assert.match(app.frame(), /200\/200 · 193 above/);
	});

	it('fits 80 columns by hiding the least needed columns, keeping alignment', async () => {
		app = await renderApp(tasks, {columns: 80, rows: 24});
		const lines = app.frame().split('\n');
		for (const line of lines) assert.ok(line.length <= 80, `too wide: ${line}`);
		assert.doesNotMatch(app.frame(), /IMAGE/);
		assert.match(app.frame(), /↑↓\/jk move {2}Enter details .*\? help {2}q quit$/m, 'help and quit stay in the hint line');
		const statusColumn = lines.filter((line) => /import-ami-/.test(line)).map((line) => line.search(/[▶✔✖⋯] /));
		assert.equal(new Set(statusColumn).size, 1);
	});

	it('says when help does not fit, and scrolls it', async () => {
		app = await renderApp(tasks, {columns: 80, rows: 24});
		await app.press('?');
		assert.match(app.frame(), /Keys \(1–\d+ of \d+, ↑↓ scroll, \? or Esc closes\)/);
		await app.press('G', keys.pageDown, keys.pageDown, keys.pageDown);
		assert.match(app.frame(), /Ctrl-C +Quit and give the terminal back/);
	});

	it('opens help with ? and closes it with ? or Esc', async () => {
		app = await renderApp(tasks, {rows: 40});
		await app.press('?');
		assert.match(app.frame(), /Task list/);
		assert.match(app.frame(), /q\/Ctrl-C +Quit and give the terminal back/);
		assert.match(app.frame(), /Tab +Next state filter/);
		await app.press('?');
		assert.match(app.frame(), /TASK ID/);
		await app.press('?', keys.escape);
		assert.match(app.frame(), /TASK ID/);
	});
});

describe('a narrow terminal keeps what matters', () => {
	it('keeps PAUSED, the age and the text filter at 80 columns, dropping the title, place and pace first', async () => {
		app = await renderApp(tasks, {columns: 80, rows: 24});
		await app.press('p', '/', 'w', 'e', 'b');
		const [line1, line2] = app.frame().split('\n');
		assert.match(line1 ?? '', /PAUSED \(p resumes\) · last poll \d\d:\d\d:\d\d \(just now\)/);
		assert.ok((line1 ?? '').length <= 80);
		assert.match(line2 ?? '', /\/web▏/);
	});

	it('says the sort in a word at 80 columns', async () => {
		app = await renderApp(tasks, {columns: 80, rows: 24});
		await app.press('s', 's', 's', 'S');
		const line2 = app.frame().split('\n')[1] ?? '';
		assert.match(line2, /^\[1 all 5\] {2}2 active 2 {2}3 completed 1 {2}4 deleting 1 {2}5 deleted 1 {2}sort progress ↑$/);
	});
});
