import assert from 'node:assert/strict';
import {afterEach, describe, it} from 'node:test';
import type {ImportTask} from '../../source/model/import-task.js';
import {type AppHarness, keys, renderApp} from '../helpers/render-app.js';
import {task} from '../helpers/tasks.js';

// A failed import's details say why and what to do, under EC2's message, and still show the disks at 80×24; a
// cancelled one does not; a task long at booting says that this is normal there. The guide link is never broken
// across lines (a terminal's link detection would open half of it): whole in the value column, else whole on a line
// of its own at column 0, else (longer than the line) cut with … there, and u copies it whole.

const minute = 60_000;

const disk = (index: number): ImportTask['snapshotDetails'][number] => ({
	deviceName: index === 1 ? '/dev/sda1' : `/dev/sd${String.fromCharCode(97 + index)}`,
	format: 'VMDK',
	diskImageSize: 2_233_466_880 * index,
	status: 'active',
	s3Bucket: 'vm-migration-prod',
	s3Key: `vms/web-01-disk${index}.vmdk`,
});

const failed: ImportTask = task('import-ami-0306b6f28c3708613', {
	status: 'deleted',
	statusMessage: 'CLIENT_ERROR : ClientError: Unsupported kernel version 4.15.0-1021-aws',
	progress: undefined,
	progressText: undefined,
	description: 'web-01 OVA',
	licenseType: 'BYOL',
	bootMode: 'legacy-bios',
	licenseSpecifications: ['arn:aws:license-manager:us-east-1:111122223333:license-configuration:lic-1'],
	snapshotDetails: [disk(1), disk(2)],
});

/** A field's value over its lines: the first after the label, the rest under the value column. */
function fieldValue(lines: readonly string[], label: string): string {
	const start = lines.findIndex((line) => line.startsWith(`${label} `));
	assert.ok(start >= 0, `no ${label} row`);
	const column = (lines[start] ?? '').slice(label.length).search(/\S/) + label.length;
	const parts = [(lines[start] ?? '').slice(column)];
	for (const line of lines.slice(start + 1)) {
		if (line.search(/\S/) !== column) break;
		parts.push(line.slice(column));
	}
	return parts.join('\n');
}

/** Where the guide link is drawn: the lines holding any of it, and the one line it is on. */
function docLink(lines: readonly string[]): {on: number; line: string; column: number} {
	const on = lines.flatMap((line, index) => (line.includes('https://') ? [index] : []));
	assert.equal(on.length, 1, `the link on one line: ${JSON.stringify(on.map((index) => lines[index]))}`);
	const line = lines[on[0] ?? 0] ?? '';
	return {on: on[0] ?? 0, line: line.slice(line.indexOf('https://')), column: line.indexOf('https://')};
}

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

describe('a failed import explained in its details', () => {
	it('at 80×24: cause, fix and doc under the message, wrapped, nothing but the link cut, both disks on the first screen', async () => {
		app = await renderApp([failed], {columns: 80, rows: 24});
		await app.press(keys.enter);
		const frame = app.frame();
		const lines = frame.split('\n');
		assert.ok(lines.length <= 24, `${lines.length} lines`);
		for (const line of lines) assert.ok(line.length <= 80, `wider than 80: ${line}`);
		assert.deepEqual(
			lines.filter((line) => line.includes('…')),
			[docLink(lines).line],
			'nothing but the link is cut',
		);
		const order = ['Status', 'Message', 'Cause', 'Fix', 'Doc', 'Description'].map((label) => lines.findIndex((line) => line.startsWith(`${label} `)));
		assert.deepEqual(
			[...order].sort((a, b) => a - b),
			order,
			`in this order: ${order.join(', ')}`,
		);
		assert.equal(fieldValue(lines, 'Message').replaceAll('\n', ' '), failed.statusMessage);
		assert.equal(
			fieldValue(lines, 'Cause').replaceAll('\n', ' '),
			'The kernel that boots the image is not one VM Import supports (a custom, cloud-tuned or too new kernel).',
		);
		assert.match(fieldValue(lines, 'Fix').replaceAll('\n', ' '), /stock kernel of a supported release/);
		assert.ok(fieldValue(lines, 'Fix').includes('\n'), 'the fix is wrapped onto more than one line');
		for (const index of [1, 2]) {
			assert.match(frame, new RegExp(`^ +${index} +\\S+ +VMDK`, 'm'), `disk ${index} on the first screen`);
			assert.match(frame, new RegExp(`^disk ${index} S3 +s3://vm-migration-prod/vms/web-01-disk${index}\\.vmdk$`, 'm'));
		}
	});

	it('a failure no family explains says so and links the troubleshooting guide', async () => {
		app = await renderApp([{...failed, statusMessage: 'ServerError: The import could not be completed (code 7).', snapshotDetails: []}], {
			columns: 100,
			rows: 30,
		});
		await app.press(keys.enter);
		const lines = app.frame().split('\n');
		assert.match(fieldValue(lines, 'Cause'), /^No known cause matches this message/);
		const doc = lines.findIndex((line) => line.startsWith('Doc'));
		assert.deepEqual(
			[lines[doc], lines[doc + 1]],
			['Doc', 'https://docs.aws.amazon.com/vm-import/latest/userguide/vmimport-troubleshooting.html'],
			'too long for the value column, whole on a line of its own',
		);
	});

	it('at 80×24 a guide link longer than the line is on a line of its own at column 0, cut with …, and u copies it whole', async () => {
		const copies: string[] = [];
		app = await renderApp([failed], {columns: 80, rows: 24, onCopy: (text) => copies.push(text)});
		await app.press(keys.enter);
		const lines = app.frame().split('\n');
		const url = 'https://docs.aws.amazon.com/vm-import/latest/userguide/prerequisites.html#vmimport-operating-systems';
		const doc = lines.findIndex((line) => line.startsWith('Doc '));
		assert.match(lines[doc] ?? '', /^Doc +u copies the whole link$/);
		assert.deepEqual(docLink(lines), {on: doc + 1, line: `${url.slice(0, 79)}…`, column: 0});
		await app.press('u');
		assert.deepEqual(copies, [url]);
		assert.match(app.frame(), /Copied https:\/\/docs\.aws\.amazon\.com\//);
	});

	it('the doc URL and IAM actions are never broken across lines, at any width', async () => {
		const s3 = 'ClientError: Disk validation failed [We do not have access to the given resource. Reason 403 Forbidden]';
		const url = 'https://docs.aws.amazon.com/vm-import/latest/userguide/required-permissions.html#vmimport-role';
		const other = 'https://docs.aws.amazon.com/vm-import/latest/userguide/vmimport-troubleshooting.html';
		const widths = [70, 74, 78, 80, 84, 88, 92, 100, 110, 120, 130].map((columns) => [columns, s3, url] as const);
		for (const [columns, message, expected] of [...widths, [80, 'ClientError: Something new', other], [120, 'ClientError: Something new', other]] as const) {
			app = await renderApp([{...failed, statusMessage: message, snapshotDetails: []}], {columns, rows: 40});
			await app.press(keys.enter);
			const lines = app.frame().split('\n');
			const doc = lines.findIndex((line) => line.startsWith('Doc'));
			const valueColumn = (lines.find((line) => line.startsWith('Cause ')) ?? '').slice(5).search(/\S/) + 5;
			const link = docLink(lines);
			if (valueColumn + expected.length <= columns) assert.deepEqual(link, {on: doc, line: expected, column: valueColumn}, `${columns}: in the value column`);
			else if (expected.length <= columns) assert.deepEqual(link, {on: doc + 1, line: expected, column: 0}, `${columns}: whole at column 0`);
			else assert.deepEqual(link, {on: doc + 1, line: `${expected.slice(0, columns - 1)}…`, column: 0}, `${columns}: cut at column 0`);
			if (message === s3) {
				const fix = fieldValue(lines, 'Fix').split('\n');
				for (const action of ['s3:GetBucketLocation', 's3:GetObject', 's3:ListBucket', 'kms:Decrypt'])
					assert.ok(
						fix.some((line) => line.includes(action)),
						`${columns}: ${action} broken: ${JSON.stringify(fix)}`,
					);
			}
			app.unmount();
			app = undefined;
		}
	});

	it('a cancelled import (its message is the reason given) is not explained as a failure', async () => {
		app = await renderApp([{...failed, status: 'deleting', statusMessage: 'cancelled from ec2-import-watch'}], {columns: 80, rows: 24});
		await app.press(keys.enter);
		const frame = app.frame();
		assert.match(frame, /^Message +cancelled from ec2-import-watch$/m);
		assert.doesNotMatch(frame, /^(Cause|Fix|Doc) /m);
		await app.press('u');
		assert.match(app.frame(), /import-ami-0306b6f28c3708613 did not fail: no guide link to copy\./);
	});

	it('an import long at booting says that is normal there, beside the stall', async () => {
		const booting = task('import-ami-0000000000000win', {statusMessage: 'booting', progress: 39, progressText: '39', platform: 'Windows'});
		app = await renderApp([booting], {columns: 80, rows: 24, intervalMs: 5 * minute, stuckAfterMs: 30 * minute});
		await app.press(keys.enter);
		assert.doesNotMatch(app.frame(), /^Note /m, 'not before it is long');
		for (let poll = 0; poll < 7; poll++) await app.poll();
		const lines = app.frame().split('\n');
		assert.match(fieldValue(lines, 'ETA'), /^stuck: no change for 35m/);
		assert.match(
			fieldValue(lines, 'Note').replaceAll('\n', ' '),
			/^Booting can take hours, most of all for Windows \(2–3 h have been seen\); EC2 ends the task itself, with FirstBootFailure/,
		);
		app.source.set([{...booting, statusMessage: 'converting'}]);
		await app.poll();
		assert.doesNotMatch(app.frame(), /^Note /m, 'only at booting');
	});

	it('the events view puts the cause on the line after the failure, at 80×24, and moves over it', async () => {
		const booting = task('import-ami-0306b6f28c3708613', {statusMessage: 'booting', progress: 58});
		const others = Array.from({length: 14}, (_, index) => task(`import-ami-00000000000000${String(index).padStart(3, '0')}`));
		app = await renderApp([booting, ...others], {columns: 80, rows: 24});
		app.source.set([{...booting, status: 'deleting', statusMessage: 'ClientError: Footers not identical', progress: undefined}, ...others]);
		await app.poll();
		await app.press('e');
		const lines = app.frame().split('\n');
		assert.ok(lines.length <= 24);
		const failure = lines.findIndex((line) => /^> \d\d:\d\d:\d\d import-ami-0306b6f28c3708613 +booting → ClientError: Footers not i/.test(line));
		assert.ok(failure > 0, app.frame());
		assert.match(lines[failure + 1] ?? '', /^ {11}cause: The VHD is a differencing disk, or it was damaged while it w\S*…$/);
		assert.equal(lines.filter((line) => line.includes('cause:')).length, 1, 'the status line before it has none');
		// To the oldest event and back: the selection stays on screen with the cause line taking a row.
		await app.press('G');
		assert.match(app.frame(), /^> \d\d:\d\d:\d\d import-ami-0306b6f28c3708613 +seen: active, booting 58%/m);
		assert.ok(app.frame().split('\n').length <= 24);
		await app.press('g', keys.enter);
		assert.match(app.frame(), /^Cause +The VHD is a differencing disk/m);
	});
});
