import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {after, before, describe, it} from 'node:test';
import type {ScenarioFile} from '../../source/simulator/server.js';
import {createEc2Source, type Ec2Source} from '../../source/watch/ec2-source.js';
import {type AppHarness, keys, renderApp, waitFor} from '../helpers/render-app.js';
import {startTestSimulator, type TestSimulator, testCredentials} from '../helpers/simulator.js';

// The whole app, through the real SDK over HTTP, against the simulator serving a scenario file.

const scenarioPath = new URL('../fixtures/known-tasks.json', import.meta.url);
let simulator: TestSimulator;
let source: Ec2Source;
let app: AppHarness | undefined;

before(async () => {
	const scenario: ScenarioFile = JSON.parse(await readFile(scenarioPath, 'utf8'));
	simulator = await startTestSimulator({scenario});
	source = createEc2Source({region: 'us-east-1', endpoint: simulator.url, credentials: testCredentials});
});
after(async () => {
	app?.unmount();
	source.destroy();
	await simulator.close();
});

describe('the watcher against the simulator', () => {
	it('lists the scenario’s tasks and shows every field of a task as the file has it', async () => {
		app = await renderApp([], {realSource: source, rows: 45, columns: 140});
		await waitFor(() => app?.frame().includes('import-ami-ffmjni7l') === true, 'the first poll');
		const list = app.frame();
		assert.match(list, /\[1 all 3\] {2}2 active 1 {3}3 completed 1 {3}4 deleting 0 {3}5 deleted 1/);
		assert.match(list, /import-ami-0306b6f28c3708613 ▶ active +preparing ami +.* 84% +CentOS 7 web tier +10.6 GiB/);
		assert.match(list, /import-ami-d1974645895f0b04t ✔ completed .*Windows Server 2022 +13.2 GiB ami-0c93e58db64cb1d23/);
		assert.match(list, /import-ami-ffmjni7l +✖ deleted +ClientError: Unknow/);

		await app.press(keys.enter);
		const detail = app.frame();
		for (const expected of [
			/ImportTaskId +import-ami-0306b6f28c3708613/,
			/Status +▶ active/,
			/Message +preparing ami/,
			/Progress +.* 84%/,
			/Description +CentOS 7 web tier/,
			/Architecture +x86_64/,
			/Platform +Linux/,
			/Hypervisor +xen/,
			/LicenseType +BYOL/,
			/UsageOperation +RunInstances:0000/,
			/BootMode +legacy-bios/,
			/Encrypted +true/,
			/KmsKeyId +arn:aws:kms:us-east-1:111122223333:key\/1234abcd-12ab-34cd-56ef-1234567890ab/,
			/Tags +Name=centos-7, team=migration/,
			/LicenseSpecifications +arn:aws:license-manager:us-east-1:111122223333:license-configuration:lic-0123/,
			/Disks \(2\)/,
			/1 +\/dev\/sda1 +VMDK +622 MiB .*100% +✔ completed +done +snap-0a1b2c3d4e5f60718/,
			/2 +\/dev\/sdb +VMDK +10.0 GiB .*61% +▶ active +converting +—/,
			/disk 1 S3 +s3:\/\/my-import-bucket\/vms\/centos-7.ova$/m,
			/disk 1 Url +https:\/\/my-import-bucket.s3.amazonaws.com\/vms\/centos-7.ova\?…$/m,
			/disk 1 Description +centos disk1$/m,
			/disk 2 S3 +s3:\/\/my-import-bucket\/vms\/centos-7-data.vmdk$/m,
		]) {
			assert.match(detail, expected);
		}
		assert.doesNotMatch(detail, /X-Amz-Signature|deadbeef|AKIAEXAMPLE/);

		await app.press(keys.escape, 'j', keys.enter);
		const windows = app.frame();
		for (const expected of [
			/Platform +Windows/,
			/LicenseType +AWS/,
			/BootMode +uefi/,
			/Encrypted +false/,
			/Image +ami-0c93e58db64cb1d23/,
			/disk 1 Url +s3:\/\/win-bucket\/2022.vhdx/,
		]) {
			assert.match(windows, expected);
		}
		assert.doesNotMatch(windows, /^Tags/m, 'no row for an empty field');
		await app.press(keys.escape, 'j', keys.enter);
		assert.match(app.frame(), /Message +ClientError: Unknown OS \/ Missing OS files\./);
		assert.match(app.frame(), /EC2 lists no snapshot details for this task\./, 'a deleted task: no "yet"');
	});
});
