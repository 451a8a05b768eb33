import {type ImportTask, statusOf} from './import-task.js';

// Why an import failed and what to do about it: the failure families EC2's task messages fall into, each learned
// from a real message (the reference /work/shared/reference/ec2-wire-format-and-lifecycle.md §4 "Failure
// examples", which quotes users' public output and the AWS VM Import/Export user guide's troubleshooting page).
// To add a family: an entry below (its source in a comment), a test in test/model/failure-explanations.test.ts
// with the message as EC2 sends it and a variant, and the README table refreshed from failureTableMarkdown().

export interface Explanation {
	/** One sentence: what went wrong. */
	cause: string;
	/** What the operator can do about it. */
	fix: string;
	/** The AWS VM Import/Export user guide page that covers it. */
	doc: string;
}

interface Family extends Explanation {
	/** The cause in a few words (a notification). */
	brief: string;
	/** The message as EC2 sent it, for the README. */
	example: string;
	/** Tried against the message normalised (see `normalised`): lower case, one space, the error prefixes gone. */
	patterns: readonly RegExp[];
}

const guide = 'https://docs.aws.amazon.com/vm-import/latest/userguide/';
const osDoc = `${guide}prerequisites.html#vmimport-operating-systems`;
const formatDoc = `${guide}prerequisites.html#vmimport-image-formats`;
const linuxDoc = `${guide}vmimport-troubleshooting.html#linux-vm-errors`;
const windowsDoc = `${guide}vmimport-troubleshooting.html#windows-vm-errors`;
export const troubleshootingDoc = `${guide}vmimport-troubleshooting.html`;

/** In order: the first family whose pattern matches explains the message (the specific disk checks before the generic one). */
const families: readonly Family[] = [
	// Reference §4: keithvassallomt/windows10-ec2#3. Guide: required-permissions.html ("Required service role"),
	// and the troubleshooting page on the vmimport role lacking kms:Decrypt for an SSE-KMS bucket.
	{
		brief: 'no access to the S3 object',
		example: 'ClientError: Disk validation failed [We do not have access to the given resource. Reason 403 Forbidden]',
		patterns: [/do not have access to the given resource/, /\b403\b.*forbidden|access denied/, /service role .*vmimport.* does not exist/],
		cause: 'EC2 could not read the disk image in S3: the vmimport service role was refused (403 Forbidden).',
		fix: 'Give the vmimport role s3:GetBucketLocation, s3:GetObject and s3:ListBucket on the bucket, and kms:Decrypt on its SSE-KMS key; then import again.',
		doc: `${guide}required-permissions.html#vmimport-role`,
	},
	// Reference §4 (the troubleshooting page lists it). Guide: prerequisites.html, "Image formats".
	{
		brief: 'VMDK not stream-optimized',
		example: 'ClientError: Disk validation failed [Unsupported VMDK File Format]',
		patterns: [/unsupported vmdk/, /vmdk file format/],
		cause: 'The VMDK is not a stream-optimized one (a flat or sparse VMDK, as VMware Workstation or VirtualBox make).',
		fix: 'Export the VM as an OVA, or convert the disk to a stream-optimized VMDK (qemu-img convert -O vmdk -o subformat=streamOptimized), or use VHD/VHDX or RAW.',
		doc: formatDoc,
	},
	// Reference §4 (the troubleshooting page lists the chunked form); other OVF parse errors read the same.
	{
		brief: 'OVA not readable',
		example: 'ClientError: Disk validation failed [OVF file parsing error: OVA with chunked disk files is not supported]',
		patterns: [/ovf file parsing error/, /chunked disk files?/],
		cause: "EC2 could not read the OVA's OVF descriptor or disks (an OVA with disks split into chunks is not supported).",
		fix: 'Export the OVA again with one file per disk (no chunking), or import each disk on its own as a stream-optimized VMDK.',
		doc: formatDoc,
	},
	// Guide: vmimport-troubleshooting.html ("ClientError: Uncompressed data has invalid length": the VMDK is corrupted).
	{
		brief: 'disk image damaged',
		example: 'ClientError: Uncompressed data has invalid length',
		patterns: [/uncompressed data has invalid length/, /unsupported compression algorithm/],
		cause: 'The disk image is damaged or cut short: its compressed data does not add up.',
		fix: 'Upload the disk again (compare its checksum with the source), or export it again from the VM.',
		doc: `${guide}vmimport-troubleshooting.html#import-instance-errors`,
	},
	// Reference §4 (the troubleshooting page lists it): a differencing VHD, or one damaged while made.
	{
		brief: 'VHD footers differ',
		example: 'ClientError: Footers not identical',
		patterns: [/footers? not identical/],
		cause: 'The VHD is a differencing disk, or it was damaged while it was made or uploaded: its two footers differ.',
		fix: 'Merge it into a fixed or dynamic VHD (not differencing), export it again and upload it again.',
		doc: `${guide}vmimport-troubleshooting.html#import-instance-errors`,
	},
	// The brief's "unsupported format": any other disk validation failure. Guide: prerequisites.html, "Image formats".
	{
		brief: 'disk format not supported',
		example: 'ClientError: Disk validation failed […] (any other reason)',
		patterns: [/disk validation failed/, /unsupported (disk|image|file) (format|type)/],
		cause: 'EC2 could not validate the disk image: not a format VM Import supports, or not what its format says.',
		fix: 'Upload the disk as an OVA, a stream-optimized VMDK, a fixed or dynamic VHD/VHDX, or RAW, and give that format when you import it.',
		doc: formatDoc,
	},
	// Reference §4: cornfeedhobo/packer-virtualbox-ami-centos7#1, coreos/fedora-coreos-tracker#914; 2025 fedora-bootc
	// RAW with the "CLIENT_ERROR : " prefix. Guide: prerequisites.html, "Operating systems".
	{
		brief: 'unknown OS',
		example: 'ClientError: Unknown OS / Missing OS files.',
		patterns: [/unknown os\b/, /missing os files?/],
		cause: 'EC2 found no supported operating system on the boot disk, or not its files (/etc, /boot, the kernel).',
		fix: 'Import a disk with a supported 64-bit Linux or Windows installed the usual way, /etc and /boot on the boot disk (bootc or CoreOS images are not recognised).',
		doc: osDoc,
	},
	// Reference §4: hashicorp/packer#6743 ("Unsupported kernel version 4.15.0-1021-aws"). Guide: prerequisites.html.
	{
		brief: 'unsupported kernel',
		example: 'ClientError: Unsupported kernel version 4.15.0-1021-aws',
		patterns: [/unsupported kernel/],
		cause: 'The kernel that boots the image is not one VM Import supports (a custom, cloud-tuned or too new kernel).',
		fix: 'Make a stock kernel of a supported release the default boot entry (remove custom kernels), then export and import again.',
		doc: osDoc,
	},
	// Reference §4: cloudnloud/weekly-cloud-engineer-interview-program#3; REMnux/remnux-cli#156 (singular). The
	// troubleshooting page's "No bootable partition found" reads the same. Guide: prerequisites.html, "Volume types".
	{
		brief: 'no valid partition',
		example: 'ClientError: No valid partitions. Not a valid volume.',
		patterns: [/no valid partitions?/, /no bootable partitions?/, /not a valid volume/],
		cause: 'EC2 found no partition on the boot disk that it can use as the root volume.',
		fix: 'Make the first disk the boot disk, with one root partition (ext2/3/4, XFS, Btrfs without subvolumes, JFS; NTFS for Windows) beside the boot loader.',
		doc: `${guide}prerequisites.html#vmimport-volume-types`,
	},
	// Reference §4: an OpenShift RHCOS VMDK. Guide: prerequisites.html, "Boot modes".
	{
		brief: 'UEFI boot',
		example: 'ClientError: EFI partition detected. UEFI booting is not supported in EC2.',
		patterns: [/\bu?efi partition detected/, /uefi booting is not supported/],
		cause: 'The image boots with UEFI, and the import went ahead as for a legacy BIOS boot.',
		fix: 'Import again with --boot-mode uefi (the EFI partition needs the fallback /EFI/BOOT/BOOTX64.EFI), or move the VM to legacy BIOS with an MBR boot disk.',
		doc: `${guide}prerequisites.html#vmimport-boot-modes`,
	},
	// Reference §4 ("Multiple different grub/menu.lst files found."). Guide: vmimport-troubleshooting.html, Linux.
	{
		brief: 'several GRUB configurations',
		example: 'ClientError: Multiple different grub/menu.lst files found.',
		patterns: [/multiple different grub/, /grub\/menu\.lst files/],
		cause: 'EC2 found more than one GRUB configuration and cannot tell which one boots the VM.',
		fix: 'Keep one boot loader configuration on the boot disk (remove those of old or second installations; no dual boot), then export again.',
		doc: linuxDoc,
	},
	// Reference §4 (the troubleshooting page lists it). Boot Loader Specification entries in /boot/loader/entries.
	{
		brief: 'default kernel unknown (BLS)',
		example: 'ClientError: BLSC-style GRUB found, but unable to detect default kernel',
		patterns: [/bls\w*[- ]style grub/, /unable to detect (the )?default kernel/],
		cause: 'GRUB uses Boot Loader Specification entries, and EC2 could not tell which kernel boots by default.',
		fix: 'Set the default kernel explicitly (grubby --set-default /boot/vmlinuz-VERSION) and check /etc/default/grub, then export again.',
		doc: linuxDoc,
	},
	// Reference §4 (the troubleshooting page lists it: "may indicate file or disk corruption").
	{
		brief: 'LVM activation failed',
		example: 'ClientError: Unsupported configuration - Logical volume group activation failed',
		patterns: [/logical volume group activation/, /volume groups? .*activation failed/],
		cause: 'An LVM volume group could not be activated: a damaged or incomplete image, or one spanning disks not imported.',
		fix: 'Import every disk of the volume group, check the upload is whole (checksums), and run vgck and fsck on the source VM before exporting again.',
		doc: linuxDoc,
	},
	// Reference §4 (the troubleshooting page: multi-boot volumes or several /etc directories are not supported).
	{
		brief: 'fstab unreadable',
		example: 'ClientError: Invalid configuration - Could not read fstab',
		patterns: [/could not read fstab/, /\bfstab\b/],
		cause: 'EC2 could not read /etc/fstab (several installations or /etc directories, or a damaged file).',
		fix: 'Leave one Linux installation with a readable /etc/fstab whose entries are on the imported disks (mark network or removable mounts nofail), then export again.',
		doc: linuxDoc,
	},
	// Guide: vmimport-troubleshooting.html, Linux ("Multiple directories found": multi-boot or several /etc).
	{
		brief: 'several installations',
		example: 'ClientError: Unsupported configuration - Multiple directories found',
		patterns: [/multiple directories found/],
		cause: 'EC2 found more than one operating system installation (several /etc directories, or multi-boot volumes).',
		fix: 'Import a disk with one installation on it: remove other installations and dual boot, then export again.',
		doc: linuxDoc,
	},
	// Reference §4 (the troubleshooting page lists it, Windows VM errors).
	{
		brief: 'instance not reachable',
		example: 'ClientError: Booter Networking failure/instance not reachable. Please retry after installation of .Net framework 3.5 SP1 or greater.',
		patterns: [/booter networking failure/, /instance not reachable/],
		cause: 'EC2 could not reach the VM over the network while booting it (Windows needs .NET Framework 3.5 SP1 or later).',
		fix: 'Install .NET Framework 3.5 SP1 or later (and 4.5 or later) on the Windows VM, make sure it gets its address by DHCP, then export and import again.',
		doc: windowsDoc,
	},
	// Reference §4: a Windows 11 import after 2–3 h at booting 39 %. Guide: vmimport-troubleshooting.html, Windows
	// ("FirstBootFailure": boot, drivers, DHCP, activation).
	{
		brief: 'first boot failed',
		example: 'FirstBootFailure: This import request failed because the instance failed to boot and establish network connectivity.',
		patterns: [/first ?boot ?failure/, /failed to boot and establish network/],
		cause: 'The converted VM did not boot, or did not get a network address, on its first boot in EC2.',
		fix: 'Before exporting: DHCP on, no antivirus, firewall or hardening blocking new drivers, secondary disks detached, Windows booting to its login screen; then import again.',
		doc: windowsDoc,
	},
];

/** No family matches: EC2's message is all there is. */
const unknownFailure: Explanation = {
	cause: "No known cause matches this message: EC2's message above is all it says.",
	fix: 'Look the message up in the VM Import/Export troubleshooting guide, check the image against the requirements (OS, disk format, boot mode), fix it and import again.',
	doc: troubleshootingDoc,
};

// `ClientError: `, `CLIENT_ERROR : ClientError: ` (2025), `ServerError: `: the kinds of error, not what went wrong.
const errorPrefix = /^(client|server)[ _]?error\s*:\s*/;
/** A message in an error's shape: `ClientError: …`, `CLIENT_ERROR : …`, `FirstBootFailure: …`, `ServerError: …`. */
const errorShape = /^\s*[a-z_]*(error|failure|exception)\s*:/i;
/** A message that reads as a cancel: `cancel …`, `canceled …`, `cancelled …` (the watcher's own reason starts so too). */
const cancelShape = /^\s*cancel(l?ed)?\b/i;

function normalised(message: string): string {
	let text = message.toLowerCase().replace(/\s+/g, ' ').trim();
	while (errorPrefix.test(text)) text = text.replace(errorPrefix, '');
	return text;
}

function familyOf(message: string): Family | undefined {
	const text = normalised(message);
	return families.find((family) => family.patterns.some((pattern) => pattern.test(text)));
}

/**
 * Failure or cancel, decided here only. A task that failed and one that was cancelled both end deleting, then
 * deleted (reference §4: "Failures: status=deleted with a ClientError: … message"; a cancel moves the task from
 * active to deleting at once and leaves its reason as the message). So: a deleting or deleted task failed when
 * its message is an error's (`ClientError: …`, `CLIENT_ERROR : …`, `FirstBootFailure: …`) or names a known
 * failure; any other message is a person's cancel reason, and no message at all says nothing either way. A
 * message that reads as a cancel (`cancelled: Unsupported kernel version suspected by admin`) is a cancel even
 * when it names a failure family; the error's shape comes first.
 */
export function hasFailed(task: Pick<ImportTask, 'status' | 'statusMessage'>): boolean {
	return failureOf(task) !== undefined;
}

/** The failure's family ('unknown' when none matches); undefined for a task that did not fail. One match a call. */
function failureOf(task: Pick<ImportTask, 'status' | 'statusMessage'>): Family | 'unknown' | undefined {
	const status = statusOf(task.status);
	if (status !== 'deleting' && status !== 'deleted') return undefined;
	const message = task.statusMessage ?? '';
	const errorShaped = errorShape.test(message);
	if (!errorShaped && cancelShape.test(message)) return undefined;
	const family = familyOf(message);
	if (family !== undefined) return family;
	return errorShaped ? 'unknown' : undefined;
}

/** Why a failed task failed, and what to do; undefined for a task that did not fail (active, completed, cancelled). */
export function explainFailure(task: Pick<ImportTask, 'status' | 'statusMessage'>): Explanation | undefined {
	const family = failureOf(task);
	if (family === undefined) return undefined;
	return family === 'unknown' ? {...unknownFailure} : {cause: family.cause, fix: family.fix, doc: family.doc};
}

/** The cause in a few words, for a notification: 'unsupported kernel', or 'unknown cause'. */
export function failureBrief(explanation: Explanation): string {
	return families.find((family) => family.cause === explanation.cause)?.brief ?? 'unknown cause';
}

/**
 * A phase that is slow where that is normal: an active task whose message is "booting" and that has not changed
 * for a long while (reference §4: Windows imports sat at booting 39 % for more than 2 h; EC2 ends the task
 * itself, with FirstBootFailure when the first boot fails).
 */
export function slowPhaseNote(task: Pick<ImportTask, 'status' | 'statusMessage'>, stuckForMs: number | undefined): string | undefined {
	if (stuckForMs === undefined || statusOf(task.status) !== 'active') return undefined;
	if (normalised(task.statusMessage ?? '') !== 'booting') return undefined;
	return 'Booting can take hours, most of all for Windows (2–3 h have been seen); EC2 ends the task itself, with FirstBootFailure if the first boot fails.';
}

/** An explanation read back from a journal line; undefined unless it has the three strings. */
export function explanationFrom(value: unknown): Explanation | undefined {
	if (typeof value !== 'object' || value === null || !('cause' in value && 'fix' in value && 'doc' in value)) return undefined;
	const {cause, fix, doc} = value;
	return typeof cause === 'string' && typeof fix === 'string' && typeof doc === 'string' ? {cause, fix, doc} : undefined;
}

const cell = (text: string): string => text.replaceAll('|', '\\|');

/** The README's table of failure families (a test keeps it in step). */
export function failureTableMarkdown(): string {
	const rows = [...families, {...unknownFailure, example: 'anything else (`ClientError: …`)'}].map(
		(family) =>
			`| ${family.example.startsWith('anything') ? family.example : `\`${cell(family.example)}\``} | ${cell(family.cause)} | ${cell(family.fix)} | [guide](${family.doc}) |`,
	);
	return ['| EC2 says | Cause | Fix | Doc |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
