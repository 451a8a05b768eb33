// A seeded mix of import snapshot tasks (data disks imported one by one): VMDK, VHD, RAW; a few
// encrypted; some failing with the disk checks' real `ClientError: …` messages. Snapshot imports
// have no OS checks, so they fail only while validating or converting.

import {account, buckets, fittingFailure, gib, minute} from './generate.js';
import {type SnapshotFormat, type SnapshotSpec, type SnapshotStage, snapshotFinishedAt} from './snapshot-lifecycle.js';
import {chance, hex, pick, type Random, uuid} from './random.js';

type Failure = readonly [SnapshotStage['message'], string];
// From the VM Import/Export troubleshooting page and field reports of image imports (the same disk checks).
const failures: readonly [Failure, ...Failure[]] = [
	['validating', 'ClientError: Disk validation failed [We do not have access to the given resource. Reason 403 Forbidden]'],
	['validating', 'ClientError: Disk validation failed [Unsupported VMDK File Format]'],
	['downloading/converting', 'ClientError: Footers not identical'],
];
/** What a disk that is not VHD fails with while converting, instead of the VHD footer check. */
const fallbacks: readonly Failure[] = [...failures, ['downloading/converting', 'ClientError: Uncompressed data has invalid length']];

const names = ['data-01', 'pg-data', 'logs-archive', 'kafka-03-data', 'home-nfs', 'sql-tempdb'] as const;

function importSnapshotTaskId(random: Random): string {
	// The id shapes of image tasks: 17 hex digits, or 16 hex + `t` (import-snap-247b055a63e5a470t, 2024).
	return chance(random, 0.7) ? `import-snap-${hex(random, 17)}` : `import-snap-${hex(random, 16)}t`;
}

function planStages(sizeBytes: number, jitter: () => number): SnapshotStage[] {
	const stage = (message: SnapshotStage['message'], ms: number, from: number, to: number): SnapshotStage => ({
		message,
		durationMs: Math.round(ms * jitter()),
		from,
		to,
	});
	return [
		stage('pending', 1 * minute, 3, 3),
		stage('validating', 1.5 * minute, 4, 9),
		stage('validated', 0.5 * minute, 10, 10),
		stage('downloading/converting', 2 * minute + 3 * minute * (sizeBytes / gib), 11, 99),
	];
}

/** One snapshot task's whole plan; `createdAt` is simulated epoch ms. */
export function generateSnapshotSpec(random: Random, createdAt: number): SnapshotSpec {
	const name = pick(random, names);
	const format: SnapshotFormat = pick(random, ['VMDK', 'VMDK', 'VHD', 'RAW']);
	// Whole 64 KiB blocks, so the double prints as `705626112.0`.
	const sizeBytes = Math.round(((1 + random() * 30) * gib) / 65536) * 65536;
	let stages = planStages(sizeBytes, () => 0.8 + 0.4 * random());
	let failure: SnapshotSpec['failure'];
	if (chance(random, 0.2)) {
		const [at, message] = fittingFailure(pick(random, failures), fallbacks, format);
		const index = stages.findIndex((stage) => stage.message === at);
		const failing = stages[index];
		if (failing !== undefined) {
			stages = [...stages.slice(0, index), {...failing, durationMs: Math.round(failing.durationMs * (0.2 + 0.8 * random()))}];
			failure = {message, deletingMs: Math.round((0.5 + random()) * minute)};
		}
	}
	const spec: SnapshotSpec = {
		id: importSnapshotTaskId(random),
		createdAt,
		sizeBytes,
		format,
		bucket: pick(random, buckets),
		key: `disks/${name}.${format.toLowerCase()}`,
		withUrl: chance(random, 0.5),
		encrypted: false,
		snapshotId: `snap-${hex(random, 17)}`,
		tags: chance(random, 0.3) ? [] : [{Key: 'Name', Value: name}],
		stages,
	};
	if (failure !== undefined) spec.failure = failure;
	if (chance(random, 0.7)) spec.description = `${name} ${format}`;
	if (chance(random, 0.25)) {
		spec.encrypted = true;
		spec.kmsKeyId = `arn:aws:kms:us-east-1:${account}:key/${uuid(random)}`;
	}
	return spec;
}

/** How long a snapshot task lives from ImportSnapshot to completed or deleted. */
export function snapshotLifetime(spec: SnapshotSpec): number {
	return snapshotFinishedAt(spec) - spec.createdAt;
}
