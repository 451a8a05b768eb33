import assert from 'node:assert/strict';
import {after, afterEach, before, describe, it} from 'node:test';
import type {ImportTask} from '../../source/model/import-task.js';
import {plainColumns} from '../../source/ui/task-columns.js';
import {createEc2Source} from '../../source/watch/ec2-source.js';
import {type AppHarness, keys, renderApp, waitFor} from '../helpers/render-app.js';
import {manualClock, startTestSimulator, type TestSimulator, testCredentials} from '../helpers/simulator.js';
import {task} from '../helpers/tasks.js';

// Image and snapshot imports in one table: the Kind column, K, a snapshot's disk in its details, and the header
// line for --max-items and a kind that is not allowed (the real source against the simulator).

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

const snapshot = task('import-snap-0123456789abcdef0', {
	kind: 'snapshot',
	statusMessage: 'downloading/converting',
	progress: 42,
	description: 'pg-data',
	encrypted: true,
	snapshotDetails: [
		{diskImageSize: 705638400, format: 'VMDK', progress: 42, status: 'active', statusMessage: 'downloading/converting', s3Bucket: 'disks', s3Key: 'pg.vmdk'},
	],
});
const image = task('import-ami-0123456789abcdef0', {description: 'web-01'});

describe('snapshot imports on screen', () => {
	it('a Kind column when both kinds are listed; K shows snapshots, images, then both', async () => {
		app = await renderApp([image, snapshot], {columns: 140});
		assert.match(app.frame(), /TASK ID +KIND +STATUS/);
		assert.match(app.frame(), /import-snap-0123456789abcdef0 snapshot ▶ active +downloading\/con/);
		assert.match(app.frame(), /import-ami-0123456789abcdef0 +image +▶ active/);
		await app.press('K');
		assert.match(app.frame(), /image imports \(K\)/);
		assert.match(app.frame(), /\[1 all 1\]/);
		assert.doesNotMatch(app.frame(), /import-snap-/);
		await app.press('K');
		assert.match(app.frame(), /snapshot imports \(K\)/);
		assert.doesNotMatch(app.frame(), /import-ami-/);
		await app.press('K');
		assert.doesNotMatch(app.frame(), /imports \(K\)/);
		assert.match(app.frame(), /import-ami-.*\n.*import-snap-|import-snap-.*\n.*import-ami-/);
	});

	it('K keeps the selection on the same task whenever it is shown (K, K, K ends where it began)', async () => {
		const more = [task('import-ami-000000000000000a1'), snapshot, task('import-ami-000000000000000b2'), task('import-ami-000000000000000c3')];
		app = await renderApp(more, {columns: 120});
		await app.press('j', 'j');
		const cursor = () => /^> (\S+)/m.exec(app?.frame() ?? '')?.[1];
		assert.equal(cursor(), 'import-ami-000000000000000b2');
		await app.press('K');
		assert.equal(cursor(), 'import-ami-000000000000000b2', 'image imports: still on it');
		await app.press('K');
		assert.equal(cursor(), 'import-snap-0123456789abcdef0', 'snapshot imports: the cursor rests on the one row');
		await app.press('K');
		assert.equal(cursor(), 'import-ami-000000000000000b2', 'both kinds: back on the task chosen');
		await app.poll();
		await app.press('K', 'K', 'K');
		assert.equal(cursor(), 'import-ami-000000000000000b2', 'and across a poll');
	});

	it('the result column says what the rows shown hold: IMAGE, SNAPSHOT, or IMAGE/SNAPSHOT (K and --once alike)', async () => {
		const ami = {...image, status: 'completed', imageId: 'ami-0123456789abcdef0'};
		const snap = {...snapshot, status: 'completed', snapshotDetails: [{status: 'completed', snapshotId: 'snap-0123456789abcdef0'}]};
		app = await renderApp([ami, snap], {columns: 160});
		assert.match(app.frame(), / IMAGE\/SNAPSHOT/);
		await app.press('K');
		assert.match(app.frame(), / IMAGE\b/);
		assert.doesNotMatch(app.frame(), /SNAPSHOT/);
		await app.press('K');
		assert.match(app.frame(), / SNAPSHOT\b/);
		assert.doesNotMatch(app.frame(), /IMAGE/);
		const headers = (tasks: ImportTask[]) => plainColumns({color: false, unicode: false}, false, false, tasks).map((column) => column.header);
		assert.ok(headers([snap]).includes('SNAPSHOT'));
		assert.ok(headers([ami]).includes('IMAGE'));
		assert.ok(headers([ami, snap]).includes('IMAGE/SNAPSHOT'));
	});

	it('at 110 columns the Kind column goes (after the Disk column): the id says the kind too', async () => {
		app = await renderApp([{...image, imageId: 'ami-0123456789abcdef0'}, snapshot], {columns: 110});
		assert.doesNotMatch(app.frame(), /KIND/);
		assert.match(app.frame(), /IMAGE/);
	});

	it('a completed snapshot import shows its snapshot where an image import shows its AMI; / finds it; Y copies it', async () => {
		const copied: string[] = [];
		const finished = task('import-snap-0000000000000done', {
			kind: 'snapshot',
			status: 'completed',
			statusMessage: undefined,
			progress: undefined,
			snapshotDetails: [{snapshotId: 'snap-0fedcba9876543210', status: 'completed'}],
		});
		const ami = task('import-ami-0000000000000done', {status: 'completed', statusMessage: undefined, progress: undefined, imageId: 'ami-0c93e58db64cb1d23'});
		app = await renderApp([finished, ami, snapshot], {columns: 160, onCopy: (text) => copied.push(text)});
		assert.match(app.frame(), /IMAGE\/SNAPSHOT/);
		assert.match(app.frame(), /import-snap-0000000000000done snapshot ✔ completed .* snap-0fedcba9876543210/);
		assert.match(app.frame(), /import-ami-0000000000000done +image +✔ completed .* ami-0c93e58db64cb1d23/);
		await app.press('Y');
		assert.deepEqual(copied, ['snap-0fedcba9876543210']);
		await app.press('/', 's', 'n', 'a', 'p', '-', '0', 'f', 'e', keys.enter);
		assert.deepEqual(
			[...app.frame().matchAll(/^[> ] (import-\S+)/gm)].map((match) => match[1]),
			['import-snap-0000000000000done'],
		);
	});

	it('no Kind column while only one kind is listed', async () => {
		app = await renderApp([image]);
		assert.doesNotMatch(app.frame(), /KIND/);
	});

	it('the details of a snapshot import show its disk', async () => {
		app = await renderApp([snapshot]);
		await app.press(keys.enter);
		const frame = app.frame();
		assert.match(frame, /Kind +snapshot import \(one disk\)/);
		assert.doesNotMatch(frame, /Architecture|ImageId/);
		assert.match(frame, /Encrypted +true/);
		assert.match(frame, /Disks \(1\)/);
		assert.match(frame, /VMDK +673 MiB .*42% .*active/);
		assert.match(frame, /disk 1 S3 +s3:\/\/disks\/pg\.vmdk/);
	});
});

describe('the header line for what a poll left out', () => {
	let sim: TestSimulator;
	before(async () => {
		sim = await startTestSimulator({
			seed: 5,
			tasks: 6,
			snapshotTasks: 4,
			arrivals: false,
			now: manualClock().now,
			denyActions: ['DescribeImportSnapshotTasks'],
		});
	});
	after(() => sim.close());

	it('says the list was cut by --max-items and that snapshots are not allowed', async () => {
		const source = createEc2Source({region: 'us-east-1', endpoint: sim.url, credentials: testCredentials, maxAttempts: 1, maxItems: 4});
		app = await renderApp([], {realSource: source});
		await waitFor(() => /first 4 tasks/.test(app?.frame() ?? ''), 'the first poll');
		assert.match(app.frame(), /first 4 tasks \(--max-items\) · snapshot imports not shown: not authorized for ec2:DescribeImportSnapshotTasks/);
		assert.equal([...app.frame().matchAll(/import-ami-/g)].length, 4);
	});
});
