import assert from 'node:assert/strict';
import {afterEach, describe, it} from 'node:test';
import {type AppHarness, keys, renderApp} from '../helpers/render-app.js';
import {task} from '../helpers/tasks.js';

// Words that fit the task's state: no "yet" for a task that has ended; a size EC2 does not know yet is —, not 0 B.

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

const cancelled = task('import-ami-0aaaaaaaaaaaaaaa1', {status: 'deleted', statusMessage: 'cancelled', progress: undefined});

describe('a task that has ended', () => {
	it('its details do not promise snapshot details "yet"', async () => {
		app = await renderApp([cancelled]);
		await app.press(keys.enter);
		assert.match(app.frame(), /EC2 lists no snapshot details for this task\./);
		assert.doesNotMatch(app.frame(), /yet/);
	});

	it('Y says it has no image id, without "yet"; an active task still says "yet"', async () => {
		app = await renderApp([cancelled, task('import-ami-0bbbbbbbbbbbbbbb2')]);
		await app.press('Y');
		assert.match(app.frame(), /import-ami-0aaaaaaaaaaaaaaa1 has no image id \(the import did not complete\)\./);
		await app.press('j', 'Y');
		assert.match(app.frame(), /import-ami-0bbbbbbbbbbbbbbb2 has no image id yet\./);
	});
});

describe('a disk EC2 has not measured', () => {
	const disk = {diskImageSize: 0, format: 'VMDK', status: 'active', statusMessage: 'pending', s3Bucket: 'disks', s3Key: 'a.vmdk'};
	const pending = task('import-snap-0ccccccccccccccc3', {kind: 'snapshot', statusMessage: 'pending', progress: 3, snapshotDetails: [disk]});
	const failed = task('import-snap-0ddddddddddddddd4', {
		kind: 'snapshot',
		status: 'deleted',
		statusMessage: 'ClientError: Disk validation failed',
		progress: undefined,
		snapshotDetails: [{...disk, status: 'deleted'}],
	});

	it('a new or failed snapshot import shows its size as —, in the list and the details, not 0 B', async () => {
		app = await renderApp([pending, failed], {columns: 160});
		assert.doesNotMatch(app.frame(), /0 B/);
		assert.doesNotMatch(app.frame(), /DISK/, 'no row has a known size, so the list hides the column');
		await app.press(keys.enter);
		assert.match(app.frame(), /SIZE/);
		assert.doesNotMatch(app.frame(), /0 B/);
		await app.press(keys.escape, 'j', keys.enter);
		assert.match(app.frame(), /import-snap-0ddddddddddddddd4/);
		assert.doesNotMatch(app.frame(), /0 B/);
	});

	it('a completed task keeps what EC2 said', async () => {
		app = await renderApp(
			[task('import-snap-0eeeeeeeeeeeeeee5', {kind: 'snapshot', status: 'completed', progress: undefined, snapshotDetails: [{...disk, status: 'completed'}]})],
			{columns: 160},
		);
		assert.match(app.frame(), /0 B/);
	});
});
