import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {explainFailure, explanationFrom, failureBrief, hasFailed, slowPhaseNote, troubleshootingDoc} from '../../source/model/failure-explanations.js';
import {cancelReason} from '../../source/model/cancel-prompt.js';
import {endedState} from '../../source/model/task-span.js';
import {parseJournalLine} from '../../source/model/journal-read.js';
import {journalLine} from '../../source/model/journal-line.js';
import {observe} from '../../source/model/history.js';
import {collect, due, emptyNotifier} from '../../source/model/notifications.js';
import {generateSpec} from '../../source/simulator/generate.js';
import {stream} from '../../source/simulator/random.js';
import {task} from '../helpers/tasks.js';

// Each failure family: the message as EC2 sent it (the reference's §4, the troubleshooting page) and a variant
// (another prefix, case, number, singular or plural, bracketed detail) get the same explanation.

const guide = 'https://docs.aws.amazon.com/vm-import/latest/userguide/';
const failed = (statusMessage: string, status = 'deleted') => task('import-ami-0306b6f28c3708613', {status, statusMessage, progress: undefined});

const families: {brief: string; cause: RegExp; doc: string; sent: string; variant: string}[] = [
	{
		brief: 'no access to the S3 object',
		cause: /vmimport service role was refused \(403 Forbidden\)/,
		doc: `${guide}required-permissions.html#vmimport-role`,
		sent: 'ClientError: Disk validation failed [We do not have access to the given resource. Reason 403 Forbidden]',
		variant: 'CLIENT_ERROR : ClientError: Disk validation failed [we do not have access to the given resource. reason 403 forbidden (s3://bucket/vms/a.ova)]',
	},
	{
		brief: 'VMDK not stream-optimized',
		cause: /not a stream-optimized one/,
		doc: `${guide}prerequisites.html#vmimport-image-formats`,
		sent: 'ClientError: Disk validation failed [Unsupported VMDK File Format]',
		variant: 'clienterror: disk validation failed [unsupported vmdk file format: monolithicSparse]',
	},
	{
		brief: 'OVA not readable',
		cause: /could not read the OVA's OVF descriptor/,
		doc: `${guide}prerequisites.html#vmimport-image-formats`,
		sent: 'ClientError: Disk validation failed [OVF file parsing error: OVA with chunked disk files is not supported]',
		variant: 'ClientError: Disk validation failed [OVF file parsing error: OVA file contains no valid disk image]',
	},
	{
		brief: 'disk image damaged',
		cause: /damaged or cut short/,
		doc: `${guide}vmimport-troubleshooting.html#import-instance-errors`,
		sent: 'ClientError: Uncompressed data has invalid length',
		variant: 'ERROR: File uses unsupported compression algorithm 0',
	},
	{
		brief: 'VHD footers differ',
		cause: /differencing disk/,
		doc: `${guide}vmimport-troubleshooting.html#import-instance-errors`,
		sent: 'ClientError: Footers not identical',
		variant: 'CLIENT_ERROR : ClientError: Footer not identical.',
	},
	{
		brief: 'disk format not supported',
		cause: /could not validate the disk image/,
		doc: `${guide}prerequisites.html#vmimport-image-formats`,
		sent: 'ClientError: Disk validation failed [Unsupported disk format]',
		variant: 'ClientError: Disk validation failed [Invalid header 0x4B444D56 at offset 512]',
	},
	{
		brief: 'unknown OS',
		cause: /no supported operating system on the boot disk/,
		doc: `${guide}prerequisites.html#vmimport-operating-systems`,
		sent: 'ClientError: Unknown OS / Missing OS files.',
		variant: 'CLIENT_ERROR : ClientError: Unknown OS / Missing OS files.',
	},
	{
		brief: 'unsupported kernel',
		cause: /kernel that boots the image is not one VM Import supports/,
		doc: `${guide}prerequisites.html#vmimport-operating-systems`,
		sent: 'ClientError: Unsupported kernel version 4.15.0-1021-aws',
		variant: 'CLIENT_ERROR : ClientError: unsupported kernel version 6.12.0-55.el10.x86_64',
	},
	{
		brief: 'no valid partition',
		cause: /no partition on the boot disk/,
		doc: `${guide}prerequisites.html#vmimport-volume-types`,
		sent: 'ClientError: No valid partitions. Not a valid volume.',
		variant: 'ClientError: No valid partition',
	},
	{
		brief: 'UEFI boot',
		cause: /boots with UEFI/,
		doc: `${guide}prerequisites.html#vmimport-boot-modes`,
		sent: 'ClientError: EFI partition detected. UEFI booting is not supported in EC2.',
		variant: 'CLIENT_ERROR : ClientError: UEFI partition detected [/dev/sda1]',
	},
	{
		brief: 'several GRUB configurations',
		cause: /more than one GRUB configuration/,
		doc: `${guide}vmimport-troubleshooting.html#linux-vm-errors`,
		sent: 'ClientError: Multiple different grub/menu.lst files found.',
		variant: 'ClientError: multiple different GRUB/menu.lst files found (2)',
	},
	{
		brief: 'default kernel unknown (BLS)',
		cause: /Boot Loader Specification entries/,
		doc: `${guide}vmimport-troubleshooting.html#linux-vm-errors`,
		sent: 'ClientError: BLSC-style GRUB found, but unable to detect default kernel',
		variant: 'CLIENT_ERROR : ClientError: BLS-style GRUB found, but unable to detect the default kernel',
	},
	{
		brief: 'LVM activation failed',
		cause: /LVM volume group could not be activated/,
		doc: `${guide}vmimport-troubleshooting.html#linux-vm-errors`,
		sent: 'ClientError: Unsupported configuration - Logical volume group activation failed',
		variant: 'ClientError: Unsupported configuration - logical volume group activation failed [vg_root]',
	},
	{
		brief: 'fstab unreadable',
		cause: /could not read \/etc\/fstab/,
		doc: `${guide}vmimport-troubleshooting.html#linux-vm-errors`,
		sent: 'ClientError: Invalid configuration - Could not read fstab',
		variant: 'CLIENT_ERROR : ClientError: Invalid configuration - could not read /etc/fstab',
	},
	{
		brief: 'several installations',
		cause: /more than one operating system installation/,
		doc: `${guide}vmimport-troubleshooting.html#linux-vm-errors`,
		sent: 'ClientError: Unsupported configuration - Multiple directories found',
		variant: 'ClientError: Unsupported configuration - multiple directories found [/etc, /mnt/old/etc]',
	},
	{
		brief: 'instance not reachable',
		cause: /could not reach the VM over the network/,
		doc: `${guide}vmimport-troubleshooting.html#windows-vm-errors`,
		sent: 'ClientError: Booter Networking failure/instance not reachable. Please retry after installation of .Net framework 3.5 SP1 or greater.',
		variant: 'ClientError: Booter networking failure / instance not reachable.',
	},
	{
		brief: 'first boot failed',
		cause: /did not boot, or did not get a network address/,
		doc: `${guide}vmimport-troubleshooting.html#windows-vm-errors`,
		sent: 'FirstBootFailure: This import request failed because the instance failed to boot and establish network connectivity.',
		variant: 'FirstBootFailure: This import request failed because the Windows instance failed to boot and establish network connectivity.',
	},
];

describe('every failure family is explained, as EC2 sends it and in a variant', () => {
	for (const family of families) {
		it(family.brief, () => {
			const sent = explainFailure(failed(family.sent));
			assert.ok(sent !== undefined, family.sent);
			assert.match(sent.cause, family.cause);
			assert.equal(sent.doc, family.doc);
			assert.ok(sent.fix.length > 20);
			assert.equal(failureBrief(sent), family.brief);
			assert.deepEqual(explainFailure(failed(family.variant, 'deleting')), sent, family.variant);
		});
	}

	it('every family has a cause of its own, one sentence, and a guide page', () => {
		const explained = families.map((family) => explainFailure(failed(family.sent)));
		assert.equal(new Set(explained.map((explanation) => explanation?.cause)).size, families.length);
		for (const explanation of explained) {
			assert.match(explanation?.cause ?? '', /^[A-Z][^.]*(\.[^ ][^.]*)*\.$/, 'one sentence');
			assert.ok(explanation?.doc.startsWith(guide));
		}
	});
});

describe('failure or not', () => {
	it('an unknown failure says no known cause matches and links the troubleshooting guide', () => {
		for (const message of ['ServerError: Internal failure [code 7]', 'ClientError: Something new happened.', 'SomeFailure: the import stopped']) {
			const explanation = explainFailure(failed(message));
			assert.match(explanation?.cause ?? '', /^No known cause matches this message/, message);
			assert.equal(explanation?.doc, troubleshootingDoc);
			assert.equal(troubleshootingDoc, `${guide}vmimport-troubleshooting.html`);
			assert.equal(failureBrief(explanation ?? {cause: '', fix: '', doc: ''}), 'unknown cause');
		}
	});

	it('a task cancelled by a person (its message is the reason) is not a failure, deleting or deleted', () => {
		for (const status of ['deleting', 'deleted']) {
			for (const reason of ['cancelled from ec2-import-watch', 'wrong disk', 'Cancelled: migrating wave 3 instead', undefined]) {
				const cancelled = task('import-ami-1', {status, statusMessage: reason, progress: undefined});
				assert.equal(hasFailed(cancelled), false, `${status} ${reason}`);
				assert.equal(explainFailure(cancelled), undefined);
			}
		}
	});

	it('a cancel reason that names a known failure is a cancel; an error-shaped message naming it is a failure', () => {
		for (const status of ['deleting', 'deleted']) {
			for (const reason of [
				'cancelled: Unsupported kernel version suspected by admin',
				'Canceled - Unsupported kernel version',
				'cancel: Unknown OS / Missing OS files',
				`${cancelReason}: FirstBootFailure suspected`,
				cancelReason,
			]) {
				const cancelled = task('import-ami-1', {status, statusMessage: reason, progress: undefined});
				assert.equal(hasFailed(cancelled), false, `${status} ${reason}`);
				assert.equal(explainFailure(cancelled), undefined, `${status} ${reason}`);
			}
			for (const message of [
				'ClientError: Unsupported kernel version 5.4.0-1021-aws',
				'CLIENT_ERROR : ClientError: cancelled by EC2',
				'Unsupported kernel version 5.4.0',
			]) {
				assert.equal(hasFailed(task('import-ami-1', {status, statusMessage: message, progress: undefined})), true, `${status} ${message}`);
			}
		}
		assert.equal(endedState('deleted', 'cancelled: Unsupported kernel version suspected by admin'), 'cancelled');
		assert.equal(endedState('deleted', 'ClientError: Unsupported kernel version 5.4.0'), 'failed');
	});

	it('an active or completed task did not fail, whatever its message says', () => {
		assert.equal(explainFailure(task('import-ami-1', {statusMessage: 'ClientError: Unknown OS / Missing OS files.'})), undefined);
		assert.equal(explainFailure(task('import-ami-1', {status: 'completed', statusMessage: undefined})), undefined);
		assert.equal(explainFailure(task('import-ami-1', {status: 'weird', statusMessage: 'ClientError: x'})), undefined);
	});

	it('a slow booting phase is explained as normal once it is long, and nothing else is', () => {
		assert.match(slowPhaseNote(task('a', {statusMessage: 'booting'}), 3_600_000) ?? '', /^Booting can take hours/);
		assert.equal(slowPhaseNote(task('a', {statusMessage: 'booting'}), undefined), undefined);
		assert.equal(slowPhaseNote(task('a', {statusMessage: 'converting'}), 3_600_000), undefined);
	});
});

describe('the failure’s journal entry and notification', () => {
	const id = 'import-ami-0306b6f28c3708613';
	const booting = task(id, {statusMessage: 'booting', progress: 58});
	const failing = task(id, {status: 'deleting', statusMessage: 'ClientError: Unsupported kernel version 4.15.0-1021-aws', progress: undefined});

	it('one entry per failure carries the explanation: the last change of the poll that shows it, not the deleted that follows', () => {
		const first = observe(new Map(), [booting], 0, true, Number.POSITIVE_INFINITY);
		const shown = observe(first.history, [failing], 1000, false, Number.POSITIVE_INFINITY);
		assert.deepEqual(
			shown.entries.map((entry) => [entry.type, entry.explanation !== undefined]),
			[
				['status', false],
				['message', true],
			],
		);
		const ended = observe(shown.history, [{...failing, status: 'deleted'}], 2000, false, Number.POSITIVE_INFINITY);
		assert.deepEqual(
			ended.entries.map((entry) => [entry.type, entry.explanation !== undefined]),
			[['status', false]],
		);
		const seen = observe(new Map(), [failing], 0, true, Number.POSITIVE_INFINITY);
		assert.equal(seen.entries[0]?.explanation?.doc, `${guide}prerequisites.html#vmimport-operating-systems`);
	});

	it('the journal line carries it, and reads back', () => {
		const shown = observe(observe(new Map(), [booting], 0, true, 1e9).history, [failing], Date.UTC(2026, 11, 7), false, 1e9);
		const line = shown.entries.map(journalLine).find((text) => text.includes('"explanation"')) ?? '';
		const record: unknown = JSON.parse(line);
		assert.deepEqual(
			explanationFrom(typeof record === 'object' && record !== null && 'explanation' in record ? record.explanation : undefined),
			explainFailure(failing),
		);
		assert.deepEqual(parseJournalLine(line)?.explanation, explainFailure(failing));
		assert.equal(explanationFrom({cause: 'x', fix: 1, doc: 'y'}), undefined);
	});

	it('a notification says the cause in a few words, once: not again when the task is then deleted; a cancel says deleted', () => {
		const shown = observe(observe(new Map(), [booting], 0, true, 1e9).history, [failing], 1000, false, 1e9);
		const ended = observe(shown.history, [{...failing, status: 'deleted'}], 2000, false, 1e9);
		let state = collect(emptyNotifier(), shown.entries);
		state = collect(state, ended.entries);
		assert.equal(due(state, 20_000).message?.body, `${id} failed: unsupported kernel`);
		const cancelled = observe(
			observe(new Map(), [task('import-ami-2')], 0, true, 1e9).history,
			[task('import-ami-2', {status: 'deleted', statusMessage: 'wrong disk', progress: undefined})],
			1000,
			false,
			1e9,
		);
		assert.equal(due(collect(emptyNotifier(), cancelled.entries), 20_000).message?.body, 'import-ami-2 deleted');
	});
});

describe('the simulator fails with the same families', () => {
	it('every generated failure is one the watcher explains by a known cause, variants included', () => {
		const random = stream(7, 'image');
		const messages = new Set(
			Array.from({length: 3000}, (_, index) => generateSpec(random, index * 1000).failure?.message).filter((message) => message !== undefined),
		);
		for (const message of messages) {
			const explanation = explainFailure(failed(message));
			assert.ok(explanation !== undefined && failureBrief(explanation) !== 'unknown cause', message);
		}
		assert.ok(messages.has('CLIENT_ERROR : ClientError: Unknown OS / Missing OS files.'));
		assert.ok(messages.has('ClientError: No valid partition'));
		assert.ok(new Set([...messages].map((message) => failureBrief(explainFailure(failed(message)) ?? {cause: '', fix: '', doc: ''}))).size >= 15);
	});
});
