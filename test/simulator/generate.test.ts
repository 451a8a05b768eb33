import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {generateSpec} from '../../source/simulator/generate.js';
import {generateSnapshotSpec} from '../../source/simulator/generate-snapshot.js';
import {durationOf, retentionMs, type TaskSpec} from '../../source/simulator/lifecycle.js';
import {stream} from '../../source/simulator/random.js';
import {typicalImportMs} from '../../source/simulator/server.js';
import {generatedStore} from '../../source/simulator/store.js';

const minute = 60_000;
const hour = 60 * minute;

function specs(seed: number, count: number): TaskSpec[] {
	const random = stream(seed, 'tasks');
	return Array.from({length: count}, () => generateSpec(random, 0));
}

describe('generated tasks', () => {
	it('are the same for the same seed and differ for another', () => {
		assert.deepEqual(specs(7, 20), specs(7, 20));
		assert.notDeepEqual(specs(7, 20), specs(8, 20));
	});

	it('take a realistic time for a small Linux image', () => {
		assert.ok(typicalImportMs >= 20 * minute && typicalImportMs <= 30 * minute, `typicalImportMs = ${typicalImportMs}`);
	});

	it('make a realistic mix over many tasks', () => {
		const all = specs(1, 300);
		const platforms = new Set(all.map((spec) => spec.platform));
		const formats = new Set(all.flatMap((spec) => spec.disks.map((disk) => disk.sourceFormat)));
		const diskCounts = new Set(all.map((spec) => spec.disks.length));
		assert.deepEqual([...platforms].sort(), ['Linux', 'Windows']);
		for (const format of ['OVA', 'VMDK', 'VHD', 'RAW'] as const) assert.ok(formats.has(format), format);
		assert.deepEqual([...diskCounts].sort(), [1, 2, 3]);
		const failures = all.filter((spec) => spec.failure !== undefined);
		assert.ok(failures.length > 20 && failures.length < 120, `${failures.length} failures`);
		assert.ok(failures.some((spec) => spec.failure?.message.startsWith('ClientError: ')));
		assert.ok(failures.some((spec) => spec.failure?.message.startsWith('FirstBootFailure: ')));
		const stalls = all.filter((spec) => spec.stages.some((stage) => stage.from === stage.to && stage.durationMs >= 90 * minute));
		assert.ok(stalls.some((spec) => spec.platform === 'Windows' && spec.stages.some((stage) => stage.message === 'booting' && stage.from === 39)));
		assert.ok(all.some((spec) => spec.encrypted && spec.kmsKeyId?.startsWith('arn:aws:kms:')));
		assert.ok(all.every((spec) => spec.encrypted === (spec.kmsKeyId !== undefined)));
		assert.ok(all.some((spec) => spec.licenseSpecifications.length === 1 && spec.usageOperation === 'RunInstances:0800'));
		assert.ok(all.some((spec) => spec.tags.some((tag) => tag.Key === 'Name')));
		assert.ok(all.every((spec) => /^import-ami-[0-9a-f]{16}[0-9a-ft]$/.test(spec.id)));
	});
});

describe('generated store', () => {
	it('starts with tasks at every point of their life, newest first', () => {
		const entries = generatedStore({seed: 1, tasks: 12, arrivals: false}).list(0);
		assert.equal(entries.length, 12);
		const statuses = new Set(entries.map((entry) => entry.task.Status));
		assert.ok(statuses.has('active') && statuses.has('completed'), [...statuses].join());
		assert.deepEqual(
			entries.map((entry) => entry.seq),
			[...entries.map((entry) => entry.seq)].sort((a, b) => b - a),
		);
	});

	it('lets new imports arrive over time only when arrivals are on', () => {
		const arriving = generatedStore({seed: 1, tasks: 0, arrivals: true});
		const fixed = generatedStore({seed: 1, tasks: 0, arrivals: false});
		assert.equal(arriving.list(0).length, 0);
		const later = arriving.list(4 * hour);
		assert.ok(later.length >= 3, `${later.length} arrivals in 4 hours`);
		assert.ok(later.some((entry) => entry.task.StatusMessage === 'pending' || entry.task.Status === 'active'));
		assert.equal(fixed.list(4 * hour).length, 0);
	});

	it('forgets finished tasks 7 days after they finished', () => {
		const store = generatedStore({seed: 3, tasks: 12, arrivals: false});
		const longest = Math.max(...specs(3, 12).map((spec) => durationOf(spec) + (spec.failure?.deletingMs ?? 0)));
		assert.equal(store.list(0).length, 12);
		assert.equal(store.list(longest + retentionMs + 1).length, 0);
	});

	it('has a task count of 0 allowed', () => {
		assert.deepEqual(generatedStore({seed: 1, tasks: 0, arrivals: false}).list(0), []);
	});
});

describe('generated failures fit the disk format', () => {
	const fits: [RegExp, string[]][] = [
		[/Footers not identical/, ['VHD', 'VHDX']],
		[/Unsupported VMDK File Format/, ['VMDK', 'OVA']],
		[/OVA with chunked disk files/, ['OVA']],
	];
	it('image imports: a VHD footer error only for VHD/VHDX, a VMDK one only for VMDK/OVA, an OVA one only for OVA', () => {
		const failed = specs(1, 2000).filter((spec) => spec.failure !== undefined);
		for (const [message, formats] of fits) {
			const with_ = failed.filter((spec) => message.test(spec.failure?.message ?? ''));
			assert.ok(with_.length > 0, `${message} never generated`);
			for (const spec of with_) assert.ok(formats.includes(spec.disks[0]?.sourceFormat ?? ''), `${spec.disks[0]?.sourceFormat}: ${spec.failure?.message}`);
		}
		assert.ok(
			failed.some((spec) => spec.disks[0]?.sourceFormat === 'RAW' && spec.stages.at(-1)?.message === 'converting'),
			'RAW still fails while converting',
		);
	});
	it('snapshot imports likewise, and a VMDK or RAW disk fails converting with a message that fits it', () => {
		const random = stream(1, 'snapshots');
		const failed = Array.from({length: 2000}, () => generateSnapshotSpec(random, 0)).filter((spec) => spec.failure !== undefined);
		for (const [message, formats] of fits) {
			for (const spec of failed.filter((one) => message.test(one.failure?.message ?? '')))
				assert.ok(formats.includes(spec.format), `${spec.format}: ${spec.failure?.message}`);
		}
		assert.ok(failed.some((spec) => spec.format === 'VHD' && /Footers not identical/.test(spec.failure?.message ?? '')));
		assert.ok(failed.some((spec) => spec.format !== 'VHD' && /Uncompressed data has invalid length/.test(spec.failure?.message ?? '')));
	});
});
