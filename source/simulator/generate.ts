// A seeded, realistic mix of import tasks: Linux and Windows; OVA, VMDK, VHD, RAW; 1–3 disks;
// Name tags; some encrypted; some BYOL with license configurations; some failing with the real
// `ClientError: …` messages users have posted and the VM Import/Export troubleshooting page lists
// (e.g. "Unsupported kernel version 4.15.0-1021-aws" in hashicorp/packer#6743, "Unknown OS / Missing
// OS files." in coreos/fedora-coreos-tracker#914); a few stalling for hours like a Windows 11 import
// that sat at "booting", 39 %, for more than two hours before FirstBootFailure.

import type {ApiLicenseSpecification, ApiTag} from './api-task.js';
import {type DiskFormat, type DiskSpec, durationOf, type Stage, type StageName, type TaskSpec} from './lifecycle.js';
import {chance, hex, pick, type Random, uuid} from './random.js';

const second = 1000;
export const minute = 60 * second;
export const gib = 1024 ** 3;

type Platform = TaskSpec['platform'];

interface StageShape {
	message: StageName;
	/** Fixed part and per-GiB part of the stage's duration. */
	baseMs: number;
	perGibMs?: number;
	from: number;
	to: number;
}

// Percentages from the real sequences: Linux pending 2, converting 28, updating 34–41, booting 58,
// preparing ami 84; Windows converting 19, booting 39.
const shapes: Record<Platform, StageShape[]> = {
	Linux: [
		{message: 'pending', baseMs: 1 * minute, from: 2, to: 2},
		{message: 'validating', baseMs: 1.5 * minute, from: 3, to: 5},
		{message: 'validated', baseMs: 0.5 * minute, from: 6, to: 6},
		{message: 'converting', baseMs: 3 * minute, perGibMs: 4 * minute, from: 28, to: 33},
		{message: 'updating', baseMs: 4 * minute, from: 34, to: 41},
		{message: 'booting', baseMs: 5 * minute, from: 58, to: 75},
		{message: 'booted', baseMs: 1 * minute, from: 76, to: 83},
		{message: 'preparing ami', baseMs: 4 * minute, perGibMs: 1 * minute, from: 84, to: 99},
	],
	Windows: [
		{message: 'pending', baseMs: 1 * minute, from: 2, to: 2},
		{message: 'validating', baseMs: 2 * minute, from: 3, to: 5},
		{message: 'validated', baseMs: 0.5 * minute, from: 6, to: 6},
		{message: 'converting', baseMs: 4 * minute, perGibMs: 1.5 * minute, from: 19, to: 29},
		{message: 'updating', baseMs: 8 * minute, from: 30, to: 38},
		{message: 'booting', baseMs: 25 * minute, from: 39, to: 57},
		{message: 'booted', baseMs: 2 * minute, from: 58, to: 83},
		{message: 'preparing ami', baseMs: 6 * minute, perGibMs: 0.5 * minute, from: 84, to: 99},
	],
};

function planStages(platform: Platform, totalBytes: number, jitter: () => number): Stage[] {
	return shapes[platform].map((shape) => ({
		message: shape.message,
		durationMs: Math.round((shape.baseMs + (shape.perGibMs ?? 0) * (totalBytes / gib)) * jitter()),
		from: shape.from,
		to: shape.to,
	}));
}

// The messages as EC2 sends them, with the variants seen: the 2025 `CLIENT_ERROR : ` prefix (a fedora-bootc RAW),
// the singular "No valid partition" (REMnux/remnux-cli#156), and those the VM Import/Export troubleshooting page
// lists. The watcher explains each family (model/failure-explanations.ts); this list stays here, as the simulator
// imports nothing of the app. A message about one disk format comes only for that format (`Footers not identical`
// is a VHD footer check, `Unsupported VMDK File Format` a VMDK one, chunked disk files an OVA one).
type Failure = readonly [StageName, string];
const linuxFailures: readonly [Failure, ...Failure[]] = [
	['validating', 'ClientError: Disk validation failed [We do not have access to the given resource. Reason 403 Forbidden]'],
	['validating', 'ClientError: Disk validation failed [Unsupported VMDK File Format]'],
	['validating', 'ClientError: Disk validation failed [OVF file parsing error: OVA with chunked disk files is not supported]'],
	['converting', 'ClientError: No valid partitions. Not a valid volume.'],
	['converting', 'ClientError: No valid partition'],
	['converting', 'ClientError: Footers not identical'],
	['converting', 'ClientError: Uncompressed data has invalid length'],
	['updating', 'ClientError: Unknown OS / Missing OS files.'],
	['updating', 'CLIENT_ERROR : ClientError: Unknown OS / Missing OS files.'],
	['updating', 'ClientError: Unsupported kernel version 4.15.0-1021-aws'],
	['updating', 'ClientError: EFI partition detected. UEFI booting is not supported in EC2.'],
	['updating', 'ClientError: Multiple different grub/menu.lst files found.'],
	['updating', 'ClientError: BLSC-style GRUB found, but unable to detect default kernel'],
	['updating', 'ClientError: Unsupported configuration - Logical volume group activation failed'],
	['updating', 'ClientError: Invalid configuration - Could not read fstab'],
	['updating', 'ClientError: Unsupported configuration - Multiple directories found'],
];
/** The formats a format-specific message fits; a message not listed fits every format. */
const formatsOf: ReadonlyMap<string, readonly string[]> = new Map([
	['ClientError: Footers not identical', ['VHD', 'VHDX']],
	['ClientError: Disk validation failed [Unsupported VMDK File Format]', ['VMDK', 'OVA']],
	['ClientError: Disk validation failed [OVF file parsing error: OVA with chunked disk files is not supported]', ['OVA']],
]);

/**
 * The picked failure when it fits the disk format, else the first of `all` at the same stage that fits (no extra
 * draw, so no seed's other tasks change).
 */
export function fittingFailure<Stage>(picked: readonly [Stage, string], all: readonly (readonly [Stage, string])[], format: string): readonly [Stage, string] {
	const fits = ([, message]: readonly [Stage, string]) => formatsOf.get(message)?.includes(format) ?? true;
	return fits(picked) ? picked : (all.find((failure) => failure[0] === picked[0] && fits(failure)) ?? picked);
}

const firstBootFailure = 'FirstBootFailure: This import request failed because the instance failed to boot and establish network connectivity.';
const windowsFailures: readonly [string, ...string[]] = [
	firstBootFailure,
	'FirstBootFailure: This import request failed because the Windows instance failed to boot and establish network connectivity.',
	'ClientError: Booter Networking failure/instance not reachable. Please retry after installation of .Net framework 3.5 SP1 or greater.',
];

const linuxNames = [
	'web-01',
	'web-02',
	'db-primary',
	'build-agent',
	'centos7-base',
	'ubuntu-22.04-golden',
	'rhel9-app',
	'fedora-bootc',
	'kafka-03',
	'legacy-erp',
] as const;
const windowsNames = ['win2019-dc', 'win11-dev', 'win2022-sql', 'win10-kiosk', 'win2016-iis'] as const;
export const buckets = ['my-import-bucket', 'vm-migration-prod', 'acme-vmimport'] as const;
export const account = '123456789012';

function importTaskId(random: Random): string {
	// Both real id shapes: 17 hex digits (2018) and 16 hex + `t` (2025).
	return chance(random, 0.7) ? `import-ami-${hex(random, 17)}` : `import-ami-${hex(random, 16)}t`;
}

function diskSize(random: Random, platform: Platform, index: number): number {
	const [min, max] = platform === 'Windows' ? [8, 40] : index === 0 ? [0.4, 6] : [2, 20];
	// Whole 64 KiB blocks, so the double prints as `705626112.0`.
	return Math.round(((min + random() * (max - min)) * gib) / 65536) * 65536;
}

function disks(random: Random, platform: Platform, name: string): DiskSpec[] {
	const count = pick(random, [1, 1, 1, 1, 1, 1, 1, 2, 2, 3]);
	const format: DiskFormat = pick(random, platform === 'Windows' ? ['OVA', 'VMDK', 'VHD', 'VHDX'] : ['OVA', 'OVA', 'VMDK', 'VHD', 'RAW']);
	const bucket = pick(random, buckets);
	const withUrl = chance(random, 0.5);
	const describe = chance(random, 0.5);
	return Array.from({length: count}, (_, index): DiskSpec => {
		const key = format === 'OVA' ? `vms/${name}.ova` : `vms/${name}-disk${index + 1}.${format.toLowerCase()}`;
		const disk: DiskSpec = {
			sizeBytes: diskSize(random, platform, index),
			sourceFormat: format,
			bucket,
			key,
			deviceName: index === 0 ? '/dev/sda1' : `/dev/sd${String.fromCharCode(98 + index - 1)}`,
			snapshotId: `snap-${hex(random, 17)}`,
			withUrl,
		};
		if (describe) disk.description = `${name} disk${index + 1}`;
		return disk;
	});
}

type Outcome = {kind: 'success'} | {kind: 'fail'; at: StageName; message: string} | {kind: 'stall'; at: StageName; thenFail: boolean};

function outcome(random: Random, platform: Platform, format: DiskFormat): Outcome {
	const roll = random();
	if (platform === 'Windows' && roll < 0.25) return {kind: 'stall', at: 'booting', thenFail: chance(random, 0.6)};
	if (platform === 'Linux' && roll < 0.05) return {kind: 'stall', at: 'updating', thenFail: false};
	if (roll > 0.78) {
		// A Windows failure is chosen by the same roll (no extra draw, so no seed's other tasks change).
		const windows = windowsFailures[Math.min(windowsFailures.length - 1, Math.floor(((roll - 0.78) / 0.22) * windowsFailures.length))] ?? firstBootFailure;
		const [at, message] = platform === 'Windows' ? (['booting', windows] as const) : fittingFailure(pick(random, linuxFailures), linuxFailures, format);
		return {kind: 'fail', at, message};
	}
	return {kind: 'success'};
}

/** Apply the outcome to the plan: cut it at the failing stage, or hold a stage for hours. */
function shapeStages(stages: Stage[], result: Outcome, random: Random): Pick<TaskSpec, 'stages' | 'failure'> {
	const at = stages.findIndex((stage) => result.kind !== 'success' && stage.message === result.at);
	const stage = stages[at];
	if (result.kind === 'success' || stage === undefined) return {stages};
	const failure = {deletingMs: Math.round((0.5 + random()) * minute)};
	if (result.kind === 'fail') {
		const failing = {...stage, durationMs: Math.round(stage.durationMs * (0.2 + 0.8 * random()))};
		return {stages: [...stages.slice(0, at), failing], failure: {...failure, message: result.message}};
	}
	// A stall: progress stays put (Windows sat at booting 39 for more than two hours).
	const stalled = {...stage, to: stage.from, durationMs: Math.round((90 + random() * 90) * minute)};
	if (result.thenFail) {
		return {stages: [...stages.slice(0, at), stalled], failure: {...failure, message: firstBootFailure}};
	}
	return {stages: [...stages.slice(0, at), stalled, ...stages.slice(at + 1)]};
}

function tags(random: Random, name: string): ApiTag[] {
	if (chance(random, 0.15)) return [];
	const list: ApiTag[] = [{Key: 'Name', Value: name}];
	if (chance(random, 0.4)) list.push({Key: 'Project', Value: pick(random, ['migration-wave-2', 'dc-exit', 'lab'])});
	return list;
}

/** One task's whole plan; `createdAt` is simulated epoch ms. */
export function generateSpec(random: Random, createdAt: number): TaskSpec {
	const platform: Platform = chance(random, 0.7) ? 'Linux' : 'Windows';
	const name = platform === 'Windows' ? pick(random, windowsNames) : pick(random, linuxNames);
	const taskDisks = disks(random, platform, name);
	const totalBytes = taskDisks.reduce((sum, disk) => sum + disk.sizeBytes, 0);
	const plan = shapeStages(
		planStages(platform, totalBytes, () => 0.8 + 0.4 * random()),
		outcome(random, platform, taskDisks[0]?.sourceFormat ?? 'VMDK'),
		random,
	);
	const architecture = platform === 'Linux' && chance(random, 0.1) ? 'arm64' : 'x86_64';
	const licenseType = platform === 'Windows' && chance(random, 0.6) ? 'AWS' : 'BYOL';
	const spec: TaskSpec = {
		id: importTaskId(random),
		createdAt,
		platform,
		architecture,
		licenseType,
		encrypted: false,
		tags: tags(random, name),
		licenseSpecifications: [],
		disks: taskDisks,
		imageId: `ami-${hex(random, 17)}`,
		...plan,
	};
	if (chance(random, 0.7)) spec.description = `${name} ${taskDisks[0]?.sourceFormat ?? 'VMDK'}`;
	const bootRoll = random();
	if (architecture === 'arm64') spec.bootMode = 'uefi';
	else if (bootRoll < 0.6) spec.bootMode = 'legacy-bios';
	else if (bootRoll < 0.8) spec.bootMode = platform === 'Windows' ? 'uefi-preferred' : 'uefi';
	if (chance(random, 0.25)) {
		spec.encrypted = true;
		spec.kmsKeyId = `arn:aws:kms:us-east-1:${account}:key/${uuid(random)}`;
	}
	if (platform === 'Windows' && licenseType === 'BYOL' && chance(random, 0.6)) {
		const license: ApiLicenseSpecification = {
			LicenseConfigurationArn: `arn:aws:license-manager:us-east-1:${account}:license-configuration:lic-${hex(random, 32)}`,
		};
		spec.licenseSpecifications = [license];
		spec.usageOperation = 'RunInstances:0800';
	} else if (platform === 'Windows' && licenseType === 'AWS') {
		spec.usageOperation = 'RunInstances:0002';
	}
	return spec;
}

/** A small Linux OVA (about 700 MB) that succeeds, with no jitter: the yardstick for demo speeds. */
export const typicalImportMs = durationOf({stages: planStages('Linux', 705638400, () => 1)});
