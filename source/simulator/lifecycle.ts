// Pure: a task's plan plus a moment of simulated time → the task as DescribeImportImageTasks
// shows it at that moment. The order of stages and when each field appears follow what real imports
// showed: a 2018 CentOS OVA walkthrough (pending 2 with no snapshot details; converting 28, the
// detail appearing with the OVA shown as VMDK and its size in bytes; updating 34, the detail
// completed; booting 58, Platform, Architecture and DeviceName appearing; preparing ami 84, the
// SnapshotId appearing; completed with the ImageId and without Progress and StatusMessage),
// ZHAW ICCLab's per-second log of the sub-states (pending, validating/validated, converting,
// updating, booting/booted, preparing ami), and 2024 Windows imports (converting 19, booting 39,
// `Url: s3://bucket/key` in the details).

import type {ApiLicenseSpecification, ApiSnapshotDetail, ApiTag, ApiTask} from './api-task.js';

export const stageNames = ['pending', 'validating', 'validated', 'converting', 'updating', 'booting', 'booted', 'preparing ami'] as const;
export type StageName = (typeof stageNames)[number];

export interface Stage extends PlannedStage {
	message: StageName;
}

export type DiskFormat = 'OVA' | 'VMDK' | 'VHD' | 'VHDX' | 'RAW';

export interface DiskSpec {
	sizeBytes: number;
	sourceFormat: DiskFormat;
	bucket: string;
	key: string;
	description?: string;
	deviceName: string;
	snapshotId: string;
	/** Since 2024 EC2 also reports `Url: s3://bucket/key`. */
	withUrl: boolean;
}

export interface TaskSpec {
	id: string;
	/** Simulated epoch ms when ImportImage was called. */
	createdAt: number;
	description?: string;
	platform: 'Linux' | 'Windows';
	architecture: 'x86_64' | 'arm64' | 'i386';
	licenseType: 'AWS' | 'BYOL';
	bootMode?: 'legacy-bios' | 'uefi' | 'uefi-preferred';
	encrypted: boolean;
	kmsKeyId?: string;
	usageOperation?: string;
	tags: ApiTag[];
	licenseSpecifications: ApiLicenseSpecification[];
	disks: DiskSpec[];
	imageId: string;
	/** Run in order; when `failure` is set the task fails at the end of the last stage. */
	stages: Stage[];
	failure?: {message: string; deletingMs: number};
}

/** "currently active or were completed or canceled in the previous 7 days" (model doc). */
export const retentionMs = 7 * 24 * 60 * 60 * 1000;

export function durationOf(spec: Pick<TaskSpec, 'stages'>): number {
	return spec.stages.reduce((total, stage) => total + stage.durationMs, 0);
}

/** When the task reached completed or deleted. */
export function finishedAt(spec: TaskSpec): number {
	return spec.createdAt + durationOf(spec) + (spec.failure?.deletingMs ?? 0);
}

/** Whether the task is listed at all at `now`: created, and not yet past retention. */
export function isVisible(spec: TaskSpec, now: number): boolean {
	return now >= spec.createdAt && now < finishedAt(spec) + retentionMs;
}

interface Moment {
	/** How far the task got: index into stageNames, or stageNames.length once completed. */
	rank: number;
	status: 'active' | 'completed' | 'deleting' | 'deleted';
	statusMessage?: string;
	progress?: string;
}

const completedRank = stageNames.length;

/** A stage of any plan: progress moves linearly from `from` towards `to` while it runs. */
export interface PlannedStage {
	durationMs: number;
	from: number;
	to: number;
}

/** Where a plan is `elapsed` ms in: the running stage and its progress, or `undefined` once every stage is over. */
export function stageAt<S extends PlannedStage>(stages: readonly S[], elapsed: number): {stage: S; progress: number} | undefined {
	let start = 0;
	for (const stage of stages) {
		if (elapsed < start + stage.durationMs) {
			const fraction = (elapsed - start) / stage.durationMs;
			return {stage, progress: Math.floor(stage.from + (stage.to - stage.from) * fraction)};
		}
		start += stage.durationMs;
	}
	return undefined;
}

function momentAt(spec: TaskSpec, elapsed: number): Moment {
	const running = stageAt(spec.stages, elapsed);
	if (running !== undefined) {
		const message = running.stage.message;
		return {rank: stageNames.indexOf(message), status: 'active', statusMessage: message, progress: String(running.progress)};
	}
	if (spec.failure === undefined) {
		return {rank: completedRank, status: 'completed'};
	}
	const lastRank = stageNames.indexOf(spec.stages.at(-1)?.message ?? 'pending');
	const status = elapsed < durationOf(spec) + spec.failure.deletingMs ? 'deleting' : 'deleted';
	return {rank: lastRank, status, statusMessage: spec.failure.message};
}

const rankOf = (name: StageName): number => stageNames.indexOf(name);

function convertedFormat(format: DiskFormat): string {
	// An OVA is unpacked to its VMDK disks; the detail shows the disk's own format from converting on.
	return format === 'OVA' ? 'VMDK' : format;
}

function snapshotDetails(spec: TaskSpec, rank: number): ApiSnapshotDetail[] {
	if (rank < rankOf('converting')) return [];
	return spec.disks.map((disk) => {
		const detail: ApiSnapshotDetail = {};
		if (disk.description !== undefined) detail.Description = disk.description;
		if (rank >= rankOf('booting')) detail.DeviceName = disk.deviceName;
		detail.DiskImageSize = disk.sizeBytes;
		detail.Format = convertedFormat(disk.sourceFormat);
		if (rank >= rankOf('preparing ami')) detail.SnapshotId = disk.snapshotId;
		detail.Status = rank >= rankOf('updating') ? 'completed' : 'active';
		if (disk.withUrl) detail.Url = `s3://${disk.bucket}/${disk.key}`;
		detail.UserBucket = {S3Bucket: disk.bucket, S3Key: disk.key};
		return detail;
	});
}

/** The task as listed at simulated time `now`, or undefined when it is not listed then. */
export function taskAt(spec: TaskSpec, now: number): ApiTask | undefined {
	if (!isVisible(spec, now)) return undefined;
	const moment = momentAt(spec, now - spec.createdAt);
	const booted = moment.rank >= rankOf('booting');
	const task: ApiTask = {ImportTaskId: spec.id};
	if (booted) task.Architecture = spec.architecture;
	if (spec.description !== undefined) task.Description = spec.description;
	task.Encrypted = spec.encrypted;
	if (booted) task.Hypervisor = 'xen';
	if (moment.status === 'completed') task.ImageId = spec.imageId;
	if (spec.kmsKeyId !== undefined) task.KmsKeyId = spec.kmsKeyId;
	task.LicenseType = spec.licenseType;
	if (booted) task.Platform = spec.platform;
	if (moment.progress !== undefined) task.Progress = moment.progress;
	task.SnapshotDetails = snapshotDetails(spec, moment.rank);
	task.Status = moment.status;
	if (moment.statusMessage !== undefined) task.StatusMessage = moment.statusMessage;
	task.Tags = spec.tags.map((tag) => ({...tag}));
	task.LicenseSpecifications = spec.licenseSpecifications.map((license) => ({...license}));
	if (booted && spec.usageOperation !== undefined) task.UsageOperation = spec.usageOperation;
	if (spec.bootMode !== undefined) task.BootMode = spec.bootMode;
	return task;
}
