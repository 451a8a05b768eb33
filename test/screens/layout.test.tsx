import assert from 'node:assert/strict';
import {afterEach, describe, it} from 'node:test';
import {keys, type AppHarness, renderApp} from '../helpers/render-app.js';
import {task} from '../helpers/tasks.js';

// Space used where it helps: the cut columns get the room others leave blank, the change mark sits next to its
// row, the header says what is watched at every width, and a long text filter stays in view.

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

const failed = 'FirstBootFailure: This import request failed because the instance failed to boot';
const rows = [
	task('import-ami-00000000000000001', {statusMessage: 'converting', description: 'ubuntu-22.04-golden VMDK'}),
	task('import-ami-00000000000000002', {status: 'deleted', statusMessage: failed, progress: undefined, description: 'win2019-dc VHDX'}),
];

describe('column widths', () => {
	it('at 120 columns: empty IMAGE and DISK columns are hidden and their room goes to the cut description and message', async () => {
		app = await renderApp(rows, {columns: 120});
		const frame = app.frame();
		assert.match(frame, /ubuntu-22\.04-golden VMDK/, 'the description is not cut');
		assert.doesNotMatch(frame, /IMAGE|DISK/, 'columns empty in every row are hidden');
		assert.match(frame, /FirstBootFailure: This i/, 'the message gets the room');
	});

	it('at 120 columns, deleted tasks only: the message gets the room of the blank ETA and IMAGE columns and of PROGRESS', async () => {
		const deleted = task('import-ami-00000000000000003', {status: 'deleted', statusMessage: failed, progress: undefined, description: 'win11-dev'});
		app = await renderApp([rows[1] ?? deleted, deleted], {columns: 120});
		assert.match(app.frame(), /FirstBootFailure: This import request failed b/, 'the message is cut less');
		assert.match(app.frame(), / PROGRESS DESCRIPTION/, 'a progress column of — in every row narrows to its header');
		assert.doesNotMatch(app.frame(), /ETA|IMAGE/);
	});

	it('at 80 columns, a deleted task: the message keeps its room rather than squeezing in the description', async () => {
		app = await renderApp([rows[1] ?? task('x')], {columns: 80});
		assert.match(app.frame(), /FirstBootFailure: This i/);
		assert.doesNotMatch(app.frame(), /DESCRIPTI…/, 'no column header cut');
	});

	it('at 200 columns: a message is whole before the progress bar grows', async () => {
		app = await renderApp(rows, {columns: 200});
		assert.match(app.frame(), new RegExp(`${failed} `), 'the message is whole');
	});

	it('at 200 columns: the change mark sits next to its row', async () => {
		app = await renderApp(rows, {columns: 200});
		app.source.set([rows[0] === undefined ? task('x') : {...rows[0], progress: 40}, ...rows.slice(1)]);
		await app.poll();
		const line = app.frame().split('\n').find((text) => text.includes('import-ami-00000000000000001')) ?? '';
		assert.match(line, /ubuntu-22\.04-golden VMDK( +\S+)? ●$/, `mark far from its row: ${JSON.stringify(line)}`);
		assert.doesNotMatch(line, / {3}●$/, 'no run of blanks before the mark');
	});
});

describe('the header', () => {
	const where = 'us-east-1 (profile prod-imports) at https://ec2.us-east-1.amazonaws.com';
	for (const columns of [80, 100, 120, 200]) {
		it(`says what is watched at ${columns} columns`, async () => {
			app = await renderApp(rows, {columns, where});
			const [first = ''] = app.frame().split('\n');
			assert.ok(first.length <= columns, first);
			assert.match(first, /us-east-1 \(profile prod/, first);
		});
	}

	it('keeps a text filter of 60 characters in view, shortened with an ellipsis, at 80 and 120 columns', async () => {
		const needle = `web-${'x'.repeat(52)}-end`;
		for (const columns of [80, 120]) {
			app = await renderApp(rows, {columns});
			await app.press('/', ...needle.split(''), keys.enter);
			const [, second = ''] = app.frame().split('\n');
			assert.match(second, /\/…x+-end/, second);
			assert.ok(second.length <= columns);
			app.unmount();
			app = undefined;
		}
	});
});
