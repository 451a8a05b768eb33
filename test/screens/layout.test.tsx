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

	it("at 80 columns, a deleted task: the VM's name is shown, the message cut to make room for it", async () => {
		app = await renderApp([rows[1] ?? task('x')], {columns: 80});
		assert.match(app.frame(), /FirstBootFai… +— +win2019-dc/);
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
		const line =
			app
				.frame()
				.split('\n')
				.find((text) => text.includes('import-ami-00000000000000001')) ?? '';
		assert.match(line, /ubuntu-22\.04-golden VMDK( +\S+)? ●$/, `mark far from its row: ${JSON.stringify(line)}`);
		assert.doesNotMatch(line, / {3}●$/, 'no run of blanks before the mark');
	});
});

describe('what a finished import produced (issue 17, item 3)', () => {
	const mixed = [
		task('import-snap-0000000000000000a', {kind: 'snapshot', statusMessage: 'downloading/converting', description: 'kafka-03-data VMDK'}),
		task('import-ami-00000000000000004', {statusMessage: 'converting', tags: [{key: 'Name', value: 'web-02'}]}),
		task('import-ami-00000000000000005', {
			status: 'completed',
			statusMessage: undefined,
			progress: undefined,
			description: 'rhel9-app',
			imageId: 'ami-0123456789abcdef0',
		}),
		task('import-snap-0000000000000000b', {
			kind: 'snapshot',
			status: 'completed',
			statusMessage: undefined,
			progress: undefined,
			description: 'logs-archive',
			snapshotDetails: [{snapshotId: 'snap-0123456789abcdef0', status: 'completed'}],
		}),
	];
	const line = (frame: string, id: string) => frame.split('\n').find((text) => text.includes(id)) ?? '';

	it('at 120×40: a completed import shows its AMI or snapshot and its name; an ETA of — in every row gives way', async () => {
		app = await renderApp(mixed, {columns: 120, rows: 40});
		const frame = app.frame();
		assert.match(frame, /IMAGE\/SNAPSHOT/);
		assert.match(line(frame, 'import-ami-00000000000000005'), /rhel9-app +ami-0123456789abcdef0$/);
		assert.match(line(frame, 'import-snap-0000000000000000b'), /logs-archive +snap-0123456789abcdef0$/);
		assert.doesNotMatch(frame, / ETA /, 'no ETA is known yet: the column says nothing');
	});

	it('at 120×40 with ETAs known: the AMI and the name stay, the message and the bar are cut to make room', async () => {
		app = await renderApp(mixed, {columns: 120, rows: 40, intervalMs: 10_000});
		for (let poll = 1; poll <= 7; poll++) {
			app.source.set(mixed.map((each) => (each.status === 'active' ? {...each, progress: 28 + poll * 2} : each)));
			await app.poll();
		}
		const frame = app.frame();
		assert.match(frame, / ETA /);
		assert.match(line(frame, 'import-ami-00000000000000004'), /\d+m \d\ds +web-02/, 'the ETA and the Name tag');
		assert.match(line(frame, 'import-ami-00000000000000005'), /rhel9-app +ami-0123456789abcdef0$/);
		assert.ok(frame.split('\n').every((text) => text.length <= 120));
	});

	it("at 80×24: rows carry the VM's name (description or Name tag), with the DESCRIPTION header whole", async () => {
		app = await renderApp(mixed, {columns: 80, rows: 24});
		const frame = app.frame();
		assert.match(frame, / DESCRIPTION$/m);
		assert.match(line(frame, 'import-ami-00000000000000004'), /web-02$/);
		assert.match(line(frame, 'import-ami-00000000000000005'), /rhel9-app$/);
		assert.match(line(frame, 'import-snap-0000000000000000a'), /kafka-03-d…$/);
		assert.ok(frame.split('\n').every((text) => text.length <= 80));
	});
});

describe('small oddities (issue 17, item 14)', () => {
	it('the change mark does not stick to a — that ends a row (no description): it sits where the next column starts', async () => {
		const bare = task('import-ami-00000000000000006', {status: 'deleted', statusMessage: 'ClientError: x', progress: undefined});
		const named = task('import-ami-00000000000000007', {status: 'deleted', statusMessage: 'ClientError: y', progress: undefined, description: 'web-01'});
		app = await renderApp([bare, named], {columns: 120});
		app.source.set([{...bare, statusMessage: 'ClientError: z'}, named]);
		await app.poll();
		const line =
			app
				.frame()
				.split('\n')
				.find((text) => text.includes('import-ami-00000000000000006')) ?? '';
		assert.doesNotMatch(line, /— ●/, line);
		const header =
			app
				.frame()
				.split('\n')
				.find((text) => text.includes('TASK ID')) ?? '';
		assert.equal(line.indexOf('●'), header.indexOf('DESCRIPTION'), `${line}\n${header}`);
	});

	it('an empty filtered list shows no column headers, only why it is empty', async () => {
		app = await renderApp(rows, {columns: 120});
		await app.press('3');
		assert.match(app.frame(), /No completed tasks \(1 shows all\)\./);
		assert.doesNotMatch(app.frame(), /TASK ID|STATUS|PROGRESS/);
		await app.press('1');
		assert.match(app.frame(), /TASK ID/);
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
