import assert from 'node:assert/strict';
import {afterEach, describe, it} from 'node:test';
import {type AppHarness, keys, renderApp} from '../helpers/render-app.js';
import {task} from '../helpers/tasks.js';

// The events view: every transition seen, newest first, across all tasks; the same / filter; Enter opens the
// event's task and Esc comes back.

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

const rows = (frame: string) =>
	[...frame.matchAll(/^[> ] (\d\d:\d\d:\d\d) (import-\w+-\w+) +(\w+)? +([\w-]+) +(.*?)\s*$/gm)].map((match) => `${match[2]} ${match[4]} ${match[5]}`);

async function twoPolls(columns = 140): Promise<AppHarness> {
	const a = task('import-ami-aaaaaaaaaaaaaaaaa', {statusMessage: 'pending', progress: 2});
	const b = task('import-ami-bbbbbbbbbbbbbbbbb', {status: 'completed', statusMessage: undefined, progress: undefined});
	const harness = await renderApp([a, b], {columns});
	harness.source.set([
		task('import-snap-ccccccccccccccccc', {kind: 'snapshot', statusMessage: 'validating', progress: 5}),
		{...a, statusMessage: 'converting', progress: 30},
		b,
	]);
	await harness.poll();
	return harness;
}

describe('events view', () => {
	it('at 80×24 KIND and EVENT go and what changed gets the room', async () => {
		app = await twoPolls(80);
		app.source.set([task('import-ami-aaaaaaaaaaaaaaaaa', {status: 'deleting', statusMessage: 'cancelled by operator', progress: 30})]);
		await app.poll();
		await app.press('e');
		assert.match(app.frame(), /TIME +TASK ID +WHAT CHANGED/);
		assert.doesNotMatch(app.frame(), /KIND|EVENT/);
		assert.match(app.frame(), /import-ami-aaaaaaaaaaaaaaaaa +status active → deleting/);
		assert.match(app.frame(), /import-ami-aaaaaaaaaaaaaaaaa +converting → cancelled by operator/);
	});

	it('e lists every transition, newest first, with time, task and what changed; Esc goes back to the list', async () => {
		app = await twoPolls();
		await app.press('e');
		assert.match(app.frame(), /TIME +TASK ID +KIND +EVENT +WHAT CHANGED/);
		assert.deepEqual(rows(app.frame()), [
			'import-ami-aaaaaaaaaaaaaaaaa progress passed 25% (was 2%)',
			'import-ami-aaaaaaaaaaaaaaaaa message pending → converting',
			'import-snap-ccccccccccccccccc new new import: active, validating',
			'import-ami-bbbbbbbbbbbbbbbbb first-seen seen: completed',
			'import-ami-aaaaaaaaaaaaaaaaa first-seen seen: active, pending 2%',
		]);
		assert.match(app.frame(), /Events, newest first · 1\/5/);
		assert.match(app.frame(), /import-snap-ccccccccccccccccc snapshot new/);
		await app.press(keys.escape);
		assert.match(app.frame(), /TASK ID +KIND +STATUS/);
	});

	it('the header does not present the list’s state filter and sort as applying to the events of all tasks', async () => {
		app = await twoPolls();
		await app.press('2', 'S');
		assert.match(app.frame(), /\[2 active 2\]/);
		assert.match(app.frame(), /sort: oldest first/);
		await app.press('e');
		assert.doesNotMatch(app.frame(), /\[\d \w+ \d+\]/, 'no state tab is chosen in the events view');
		assert.doesNotMatch(app.frame(), /sort/);
		assert.match(app.frame(), /events of all tasks, newest first/);
		assert.equal(rows(app.frame()).length, 5, 'the completed task’s event is listed too');
		await app.press(keys.escape);
		assert.match(app.frame(), /\[2 active 2\].*sort: oldest first/, 'back in the list, its filter and sort again');
	});

	it('the header never cuts its words (`events: all ta…`): whole or left out, at 80 to 99 columns, short and long counts', async () => {
		const many = Array.from({length: 121}, (_, index) =>
			task(
				`import-ami-${String(index).padStart(17, '0')}`,
				index % 3 === 0
					? {status: 'completed', statusMessage: undefined, progress: undefined}
					: index % 5 === 0
						? {status: 'deleted', statusMessage: 'ClientError: x', progress: undefined}
						: {},
			),
		);
		for (const tasks of [many.slice(0, 3), many]) {
			for (const columns of [80, 84, 86, 88, 90, 92, 95, 99]) {
				const shown = await renderApp(tasks, {columns});
				await shown.press('e');
				const tabs =
					shown
						.frame()
						.split('\n')
						.find((line) => line.startsWith('1 all ')) ?? '';
				shown.unmount();
				assert.ok(tabs.length <= columns, tabs);
				assert.doesNotMatch(tabs, /…/, `${columns}: ${tabs}`);
				assert.match(tabs, /(\d| {2}events: all tasks)$/, `${columns}: ${tabs}`);
			}
		}
	});

	it('the / filter narrows the events (Enter keeps it, Esc clears it and stays in the events)', async () => {
		app = await twoPolls();
		await app.press('e', '/', 'c', 'o', 'n', 'v');
		assert.deepEqual(rows(app.frame()), ['import-ami-aaaaaaaaaaaaaaaaa message pending → converting']);
		assert.match(app.frame(), /\/conv▏/);
		await app.press(keys.enter);
		assert.match(app.frame(), /WHAT CHANGED/);
		assert.equal(rows(app.frame()).length, 1);
		await app.press('/', keys.escape);
		assert.equal(rows(app.frame()).length, 5);
		assert.match(app.frame(), /WHAT CHANGED/, 'still the events view');
	});

	it('Enter opens the event’s task; Esc comes back to the events, on the same event', async () => {
		app = await twoPolls();
		await app.press('e', 'j', 'j');
		assert.match(app.frame(), /^> \d\d:\d\d:\d\d import-snap-ccccccccccccccccc/m);
		await app.press(keys.enter);
		assert.match(app.frame(), /Task import-snap-ccccccccccccccccc · updating live/);
		assert.match(app.frame(), /Kind +snapshot import/);
		await app.press(keys.escape);
		assert.match(app.frame(), /^> \d\d:\d\d:\d\d import-snap-ccccccccccccccccc/m);
	});

	it('a selection holds on its event while newer ones arrive; a gone task says so', async () => {
		app = await twoPolls();
		await app.press('e', 'G');
		assert.match(app.frame(), /^> \d\d:\d\d:\d\d import-ami-aaaaaaaaaaaaaaaaa +image +first-seen/m);
		app.source.set([task('import-ami-aaaaaaaaaaaaaaaaa', {statusMessage: 'converting', progress: 30})]);
		await app.poll();
		assert.match(app.frame(), /import-ami-bbbbbbbbbbbbbbbbb +image +gone +no longer listed by EC2/);
		assert.match(app.frame(), /^> \d\d:\d\d:\d\d import-ami-aaaaaaaaaaaaaaaaa +image +first-seen/m);
		await app.press('k');
		assert.match(app.frame(), /^> \d\d:\d\d:\d\d import-ami-bbbbbbbbbbbbbbbbb +image +first-seen/m);
		await app.press(keys.enter);
		assert.match(app.frame(), /import-ami-bbbbbbbbbbbbbbbbb is no longer listed by EC2\./);
		assert.match(app.frame(), /WHAT CHANGED/);
	});
});

describe('events view: a completion (issue 17, item 4)', () => {
	it('says which AMI it made; a message cleared on completion is no event', async () => {
		const running = task('import-ami-ddddddddddddddddd', {statusMessage: 'preparing ami', progress: 95});
		app = await renderApp([running], {columns: 120});
		app.source.set([{...running, status: 'completed', statusMessage: undefined, progress: undefined, imageId: 'ami-0c93e58db64cb1d23'}]);
		await app.poll();
		await app.press('e');
		assert.match(app.frame(), /import-ami-ddddddddddddddddd +image +status +status active → completed → ami-0c93e58db64cb1d23/);
		assert.doesNotMatch(app.frame(), /\(none\)/);
	});
});
