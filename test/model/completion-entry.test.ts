import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {describeEntry} from '../../source/model/entry-text.js';
import {observe} from '../../source/model/history.js';
import {journalLine} from '../../source/model/journal-line.js';
import {parseJournalLine} from '../../source/model/journal-read.js';
import {task} from '../helpers/tasks.js';

// Issue 17, item 4: a completion carries what the import made (the AMI; a snapshot import's snapshot) in the
// journal and the words, read back from the journal file; a message EC2 clears on completion is no entry.

const at = Date.UTC(2026, 11, 7, 8, 0, 0);
const never = Number.POSITIVE_INFINITY;

function completion(before: ReturnType<typeof task>, after: ReturnType<typeof task>) {
	const first = observe(new Map(), [before], at, true, never);
	return observe(first.history, [after], at + 60_000, false, never).entries;
}

describe('the completion entry', () => {
	it('an image import: status active → completed with its AMI, and no "preparing ami → (none)"', () => {
		const running = task('import-ami-0123456789abcdef0', {statusMessage: 'preparing ami', progress: 95});
		const entries = completion(running, {...running, status: 'completed', statusMessage: undefined, progress: undefined, imageId: 'ami-0c93e58db64cb1d23'});
		assert.deepEqual(
			entries.map((entry) => [entry.type, entry.resultId]),
			[['status', 'ami-0c93e58db64cb1d23']],
		);
		const [done] = entries;
		assert.ok(done !== undefined);
		assert.equal(describeEntry(done), 'status active → completed → ami-0c93e58db64cb1d23');
		const line = journalLine(done);
		assert.equal(JSON.parse(line).resultId, 'ami-0c93e58db64cb1d23');
		assert.equal(parseJournalLine(line)?.resultId, 'ami-0c93e58db64cb1d23', 'read back from the journal file');
	});

	it('a snapshot import: its snapshot id', () => {
		const running = task('import-snap-0123456789abcdef0', {kind: 'snapshot', statusMessage: 'downloading/converting', progress: 99});
		const [done, ...rest] = completion(running, {
			...running,
			status: 'completed',
			statusMessage: undefined,
			progress: undefined,
			snapshotDetails: [{snapshotId: 'snap-0fedcba9876543210', status: 'completed'}],
		});
		assert.equal(rest.length, 0);
		assert.equal(done?.resultId, 'snap-0fedcba9876543210');
	});

	it('a failure keeps its message entry (the reason is news), and has no result', () => {
		const running = task('import-ami-0123456789abcdef0', {statusMessage: 'booting'});
		const entries = completion(running, {...running, status: 'deleted', statusMessage: 'ClientError: FirstBootFailure'});
		assert.deepEqual(
			entries.map((entry) => [entry.type, entry.resultId, entry.to]),
			[
				['status', undefined, 'deleted'],
				['message', undefined, 'ClientError: FirstBootFailure'],
			],
		);
	});
});
