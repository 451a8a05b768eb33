import assert from 'node:assert/strict';
import {afterEach, describe, it} from 'node:test';
import type {ImportTask} from '../../source/model/import-task.js';
import {type AppHarness, keys, renderApp} from '../helpers/render-app.js';
import {task} from '../helpers/tasks.js';

const full: ImportTask = task('import-ami-0306b6f28c3708613', {
	status: 'active',
	statusMessage: 'preparing ami',
	progress: 84,
	progressText: '84',
	description: 'CentOS 7 OVA',
	architecture: 'x86_64',
	platform: 'Linux',
	hypervisor: 'xen',
	licenseType: 'BYOL',
	usageOperation: 'RunInstances:0000',
	bootMode: 'legacy-bios',
	encrypted: true,
	kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd',
	tags: [
		{key: 'Name', value: 'centos-7'},
		{key: 'team', value: 'migration'},
	],
	licenseSpecifications: ['arn:aws:license-manager:us-east-1:111122223333:license-configuration:lic-1'],
	snapshotDetails: [
		{
			deviceName: '/dev/sda1',
			format: 'VMDK',
			diskImageSize: 652312064,
			progress: 100,
			status: 'completed',
			snapshotId: 'snap-0123456789abcdef0',
			s3Bucket: 'my-import-bucket',
			s3Key: 'vms/centos-7.ova',
			url: 's3://my-import-bucket/vms/centos-7.ova',
		},
	],
});
const other = task('import-ami-0000000000000000b', {description: 'second'});

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

describe('detail screen', () => {
	it('shows every field and the disks, and goes back to the same row', async () => {
		app = await renderApp([other, full], {rows: 40});
		await app.press('j', keys.enter);
		const frame = app.frame();
		for (const expected of [
			/ImportTaskId +import-ami-0306b6f28c3708613/,
			/Status +▶ active/,
			/Message +preparing ami/,
			/Progress +█+.* 84%/,
			/Description +CentOS 7 OVA/,
			/Architecture +x86_64/,
			/Platform +Linux/,
			/Hypervisor +xen/,
			/LicenseType +BYOL/,
			/UsageOperation +RunInstances:0000/,
			/BootMode +legacy-bios/,
			/Encrypted +true/,
			/KmsKeyId +arn:aws:kms:us-east-1:111122223333:key\/1234abcd/,
			/Tags +Name=centos-7, team=migration/,
			/LicenseSpecifications +arn:aws:license-manager/,
			/Disks \(1\)/,
			/1 +\/dev\/sda1 +VMDK +622 MiB .*completed +.*snap-0123456789abcdef0/,
			/disk 1 S3 +s3:\/\/my-import-bucket\/vms\/centos-7.ova$/m,
			/disk 1 Url +s3:\/\/my-import-bucket\/vms\/centos-7.ova$/m,
		]) {
			assert.match(frame, expected);
		}
		await app.press(keys.escape);
		assert.match(app.frame(), /^> import-ami-0306b6f28c3708613/m);
		await app.press(keys.enter, keys.backspace);
		assert.match(app.frame(), /^> import-ami-0306b6f28c3708613/m);
	});

	it('keeps updating while open and says so when the task disappears', async () => {
		app = await renderApp([full], {rows: 40});
		await app.press(keys.enter);
		app.source.set([{...full, status: 'completed', statusMessage: undefined, progress: undefined, imageId: 'ami-0c93e58db64cb1d23'}]);
		await app.poll();
		assert.match(app.frame(), /Image +ami-0c93e58db64cb1d23/);
		assert.match(app.frame(), /Status +✔ completed/);
		assert.doesNotMatch(app.frame(), /updating live/, 'a completed task will not change');
		assert.match(app.frame(), /Task import-ami-0306b6f28c3708613 · completed \(final\)/);
		app.source.set([other]);
		await app.poll();
		assert.match(app.frame(), /EC2 no longer returns this task \(missing since \d\d:\d\d:\d\d\)/);
		assert.match(app.frame(), /Image +ami-0c93e58db64cb1d23/);
	});

	it('at 80×24 shows status, message, progress, ETA and the disks without scrolling; empty fields get no row', async () => {
		const twoDisks: ImportTask = {
			...full,
			status: 'active',
			statusMessage: 'converting',
			progress: 30,
			architecture: undefined,
			platform: undefined,
			hypervisor: undefined,
			snapshotDetails: [
				{deviceName: '/dev/sda1', format: 'VMDK', diskImageSize: 2_233_466_880, status: 'active', s3Bucket: 'vm-migration', s3Key: 'vms/disk1.vmdk'},
				{
					deviceName: '/dev/sdb',
					format: 'VMDK',
					diskImageSize: 11_918_534_656,
					status: 'completed',
					snapshotId: 'snap-0fedcba9876543210',
					s3Bucket: 'vm-migration',
					s3Key: 'vms/disk2.vmdk',
				},
			],
		};
		app = await renderApp([twoDisks], {columns: 80, rows: 24});
		await app.press(keys.enter);
		const frame = app.frame();
		assert.ok(frame.split('\n').length <= 24);
		for (const expected of [
			/^Status +▶ active$/m,
			/^Message +converting$/m,
			/^Progress +█+.*30%$/m,
			/^ETA +— \(not enough history yet\)$/m,
			/^ +# +DEVICE +FORMAT +SIZE +.*STATUS +SNAPSHOT/m,
			/^ +1 +\/dev\/sda1 +VMDK +2\.08 GiB +— +▶ active +—/m,
			/^disk 1 S3 +s3:\/\/vm-migration\/vms\/disk1\.vmdk$/m,
			/^ +2 +\/dev\/sdb +VMDK +11\.1 GiB +— +✔ completed +snap-0fedcba9876543210/m,
			/^disk 2 S3 +s3:\/\/vm-migration\/vms\/disk2\.vmdk$/m,
		]) {
			assert.match(frame, expected);
		}
		assert.doesNotMatch(frame, /^(Architecture|Platform|Hypervisor|Image)\b/m, 'no row for an empty field');
		assert.doesNotMatch(frame, /^[A-Za-z][\w ]*? {2,}—$/m, 'no field row that says only —');
	});

	it('at 80×24 wraps a long message, KMS key and S3 URL under the value column; disks stay on the first screen', async () => {
		const message = 'ClientError: Disk validation failed [OVF file parsing error: OVA file contains no valid disk image]';
		const kms = 'arn:aws:kms:us-east-1:111122223333:key/25c6a1b2-3c4d-5e6f-7a8b-9c0d1e2f3a4b';
		const failing: ImportTask = {
			...full,
			status: 'active',
			statusMessage: message,
			progress: 30,
			kmsKeyId: kms,
			snapshotDetails: [
				{
					deviceName: '/dev/sda1',
					format: 'VMDK',
					diskImageSize: 2_233_466_880,
					status: 'active',
					s3Bucket: 'vm-migration-imports-prod',
					s3Key: 'exports/2026/12/07/web-01/disk1.vmdk',
				},
			],
		};
		app = await renderApp([failing], {columns: 80, rows: 24});
		await app.press(keys.enter);
		const frame = app.frame();
		const lines = frame.split('\n');
		assert.ok(lines.length <= 24);
		for (const line of lines) assert.ok(line.length <= 80, `wider than 80: ${line}`);
		const valueColumn = (lines.find((line) => line.startsWith('Message')) ?? '').search(/ClientError/);
		assert.ok(valueColumn > 0);
		// The message, whole, over its lines: each continuation starts at the value column.
		const start = lines.findIndex((line) => line.startsWith('Message'));
		const wrapped = [lines[start] ?? ''];
		for (const line of lines.slice(start + 1)) {
			if (!/^ +\S/.test(line) || line.search(/\S/) !== valueColumn) break;
			wrapped.push(line);
		}
		assert.ok(wrapped.length > 1, 'the message takes more than one line');
		assert.equal(wrapped.map((line) => line.slice(valueColumn).trim()).join(' '), message);
		assert.doesNotMatch(frame, /…/, 'nothing is cut');
		for (const expected of [
			/^Status +▶ active$/m,
			/^Progress +█+.*30%$/m,
			/^ETA /m,
			/^ +1 +\/dev\/sda1 +VMDK +2\.08 GiB/m,
			/^disk 1 S3 +s3:\/\/vm-migration-imports-prod\//m,
		]) {
			assert.match(frame, expected);
		}
		await app.press(...Array.from({length: 12}, () => 'j'));
		const scrolled = app.frame();
		assert.doesNotMatch(scrolled, /…/, 'nothing is cut further down either');
		assert.match(scrolled.replace(/\n +/g, ''), new RegExp(kms.replaceAll('/', '\\/')), 'the KMS key is whole over its lines');
	});

	it('lists both tasks EC2 sent with one id, and opens each', async () => {
		const first = task('import-ami-0000000000000000d', {description: 'first of two'});
		const second = task('import-ami-0000000000000000d', {occurrence: 2, description: 'second of two', status: 'completed', progress: undefined});
		app = await renderApp([first, second]);
		assert.equal(app.frame().match(/import-ami-0000000000000000d/g)?.length, 2);
		await app.press('j', keys.enter);
		assert.match(app.frame(), /Description +second of two/);
	});

	it('shows a task without an id as such, and copies nothing for it', async () => {
		const {importTaskId: _id, ...rest} = task('unused', {occurrence: 1});
		const copied: string[] = [];
		app = await renderApp([rest, other], {onCopy: (text) => copied.push(text)});
		assert.match(app.frame(), /^> \(no id\) +▶ active/m);
		await app.press('y');
		assert.match(app.frame(), /This task has no id \(EC2 sent none\): nothing copied\./);
		assert.deepEqual(copied, []);
		await app.press(keys.enter);
		assert.match(app.frame(), /Task \(no id\) · updating live/);
		assert.match(app.frame(), /ImportTaskId +\(no id\) \(EC2 sent none\)/);
	});

	it('says when a task has no disks yet, and scrolls on a short terminal', async () => {
		app = await renderApp([task('import-ami-1', {statusMessage: 'pending', progress: 2})], {rows: 12});
		await app.press(keys.enter);
		assert.match(app.frame(), /\(1–8 of \d+, ↑↓ scroll\)/);
		await app.press(keys.pageDown, keys.pageDown);
		assert.match(app.frame(), /No snapshot details yet/);
		assert.ok(app.frame().split('\n').length <= 12);
	});
});

describe('details at 80×24 (issue 17, items 9 and 10)', () => {
	const disks: ImportTask['snapshotDetails'] = [
		{
			deviceName: '/dev/sda1',
			format: 'VMDK',
			diskImageSize: 2_233_466_880,
			progress: 42,
			progressText: '42',
			status: 'active',
			s3Bucket: 'vm-migration',
			s3Key: 'vms/disk1.vmdk',
		},
		{
			deviceName: '/dev/sdb',
			format: 'VMDK',
			diskImageSize: 11_918_534_656,
			progressText: 'in progress',
			status: 'active',
			s3Bucket: 'vm-migration',
			s3Key: 'vms/disk2.vmdk',
		},
		{
			deviceName: '/dev/sdc',
			format: 'VMDK',
			diskImageSize: 705_638_400,
			status: 'completed',
			snapshotId: 'snap-0fedcba9876543210',
			s3Bucket: 'vm-migration',
			s3Key: 'vms/disk3.vmdk',
		},
	];
	const named = task('import-ami-0306b6f28c3708613', {
		statusMessage: 'converting',
		progress: 30,
		tags: [{key: 'Name', value: 'web-01'}],
		snapshotDetails: disks,
	});

	it('each disk keeps its own progress (a number as a percent, EC2 text as sent) on the first screen; the exact bytes below', async () => {
		app = await renderApp([named], {columns: 80, rows: 24});
		await app.press(keys.enter);
		const frame = app.frame();
		assert.ok(frame.split('\n').length <= 24);
		for (const line of frame.split('\n')) assert.ok(line.length <= 80, `wider than 80: ${line}`);
		assert.match(frame, /^ +# +DEVICE +FORMAT +SIZE +PROGRESS +STATUS +SNAPSHOT$/m);
		assert.match(frame, /^ +1 +\/dev\/sda1 +VMDK +2\.08 GiB +\S* *42% +▶ active +—$/m);
		assert.match(frame, /^ +2 +\/dev\/sdb +VMDK +11\.1 GiB +in progr\S* +▶ active +—$/m);
		assert.match(frame, /^ +3 +\/dev\/sdc +VMDK +673 MiB +— +✔ completed +snap-0fedcba9876543210$/m);
		await app.press(...Array.from({length: 14}, () => 'j'));
		assert.match(app.frame(), /^disk 1 Size +2233466880 bytes \(2\.08 GiB\)$/m);
		assert.match(app.frame(), /^disk 2 Size +11918534656 bytes \(11\.1 GiB\)$/m);
	});

	it('labels the name row as what it is: the Name tag when EC2 sent no description', async () => {
		app = await renderApp([named], {columns: 80, rows: 24});
		await app.press(keys.enter);
		assert.match(app.frame(), /^Name tag +web-01$/m);
		assert.doesNotMatch(app.frame(), /^Description/m);
		app.unmount();
		app = await renderApp([{...named, description: 'web-01 VMDK'}], {columns: 80, rows: 24});
		await app.press(keys.enter);
		assert.match(app.frame(), /^Description +web-01 VMDK$/m);
		app.unmount();
		const snapshot = task('import-snap-0123456789abcdef0', {
			kind: 'snapshot',
			snapshotDetails: [{description: 'pg-data disk', status: 'active', progress: 28}],
		});
		app = await renderApp([snapshot], {columns: 80, rows: 24});
		assert.match(app.frame(), /import-snap-0123456789abcdef0 .* pg-data disk$/m, 'the list shows the disk description');
		await app.press(keys.enter);
		assert.match(app.frame(), /^Disk description +pg-data disk$/m);
	});
});
