// Pure: an import snapshot task's plan plus a moment of simulated time → the task as
// DescribeImportSnapshotTasks shows it then. What EC2 is known to show: ImportSnapshot answers
// `active`, `pending`, progress 3 and DiskImageSize 0.0 (boto3#2286, 2020); the AWS CLI's own
// example shows `downloading/converting` at 42 with the real size, and the snapshot id once
// `completed` (without progress or message); since 2024 a running task carries `SnapshotId: ""`
// (aws-cli#9118). The order pending → validating → validated is that of image imports.

import type {ApiSnapshotTask, ApiSnapshotTaskDetail, ApiTag} from './api-task.js';
import {type PlannedStage, retentionMs, stageAt} from './lifecycle.js';

export const snapshotStageNames = ['pending', 'validating', 'validated', 'downloading/converting'] as const;
export type SnapshotStageName = (typeof snapshotStageNames)[number];

export interface SnapshotStage extends PlannedStage {
	message: SnapshotStageName;
}

/** ImportSnapshot takes one disk image in one of these formats. */
export type SnapshotFormat = 'VMDK' | 'VHD' | 'RAW';

export interface SnapshotSpec {
	id: string;
	/** Simulated epoch ms when ImportSnapshot was called. */
	createdAt: number;
	description?: string;
	sizeBytes: number;
	format: SnapshotFormat;
	bucket: string;
	key: string;
	/** Since 2024 EC2 also reports `Url: s3://bucket/key`. */
	withUrl: boolean;
	encrypted: boolean;
	kmsKeyId?: string;
	snapshotId: string;
	tags: ApiTag[];
	/** Run in order; when `failure` is set the task fails at the end of the last stage. */
	stages: SnapshotStage[];
	failure?: {message: string; deletingMs: number};
}

/** The size is known once the disk has been validated; before that EC2 says 0.0. */
const sizeKnownFrom = snapshotStageNames.indexOf('validated');

export function snapshotFinishedAt(spec: SnapshotSpec): number {
	return spec.createdAt + spec.stages.reduce((total, stage) => total + stage.durationMs, 0) + (spec.failure?.deletingMs ?? 0);
}

/** The task as listed at simulated time `now`, or undefined when it is not listed then. */
export function snapshotTaskAt(spec: SnapshotSpec, now: number): ApiSnapshotTask | undefined {
	if (now < spec.createdAt || now >= snapshotFinishedAt(spec) + retentionMs) return undefined;
	const elapsed = now - spec.createdAt;
	const running = stageAt(spec.stages, elapsed);
	const detail: ApiSnapshotTaskDetail = {};
	if (spec.description !== undefined) detail.Description = spec.description;
	const lastStage = running?.stage.message ?? spec.stages.at(-1)?.message ?? 'pending';
	detail.DiskImageSize = snapshotStageNames.indexOf(lastStage) >= sizeKnownFrom ? spec.sizeBytes : 0;
	if (spec.encrypted) detail.Encrypted = true;
	detail.Format = spec.format;
	if (spec.kmsKeyId !== undefined) detail.KmsKeyId = spec.kmsKeyId;
	if (running !== undefined) {
		detail.Progress = String(running.progress);
		detail.SnapshotId = '';
		detail.Status = 'active';
		detail.StatusMessage = running.stage.message;
	} else if (spec.failure === undefined) {
		detail.SnapshotId = spec.snapshotId;
		detail.Status = 'completed';
	} else {
		detail.SnapshotId = '';
		detail.Status = now < snapshotFinishedAt(spec) ? 'deleting' : 'deleted';
		detail.StatusMessage = spec.failure.message;
	}
	if (spec.withUrl) detail.Url = `s3://${spec.bucket}/${spec.key}`;
	detail.UserBucket = {S3Bucket: spec.bucket, S3Key: spec.key};
	const task: ApiSnapshotTask = {ImportTaskId: spec.id};
	if (spec.description !== undefined) task.Description = spec.description;
	task.SnapshotTaskDetail = detail;
	task.Tags = spec.tags.map((tag) => ({...tag}));
	return task;
}
