import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {Ec2Error} from '../../source/simulator/errors.js';
import {paginate, tokenCodec} from '../../source/simulator/pagination.js';
import type {Entry} from '../../source/simulator/store.js';

const entries = (seqs: number[]): Entry[] => seqs.map((seq) => ({seq, task: {ImportTaskId: `import-ami-${seq}`}}));
const ids = (page: {entries: Entry[]}) => page.entries.map((entry) => entry.seq);

describe('pagination', () => {
	const codec = tokenCodec(1);

	it('returns everything without MaxResults and pages with it', () => {
		const all = entries([5, 4, 3, 2, 1]);
		assert.deepEqual(paginate(all, codec), {entries: all});
		const first = paginate(all, codec, 2);
		assert.deepEqual(ids(first), [5, 4]);
		const second = paginate(all, codec, 2, first.nextToken);
		assert.deepEqual(ids(second), [3, 2]);
		const last = paginate(all, codec, 2, second.nextToken);
		assert.deepEqual(ids(last), [1]);
		assert.equal(last.nextToken, undefined);
	});

	it('clamps a page at 1000', () => {
		const many = entries(Array.from({length: 1500}, (_, index) => 1500 - index));
		assert.equal(paginate(many, codec, 5000).entries.length, 1000);
	});

	it('neither skips nor repeats a task when tasks arrive or expire between pages', () => {
		const first = paginate(entries([5, 4, 3, 2, 1]), codec, 2);
		// Two new tasks arrived (7, 6) and task 3 expired since the first page.
		const second = paginate(entries([7, 6, 5, 4, 2, 1]), codec, 2, first.nextToken);
		assert.deepEqual(ids(second), [2, 1]);
	});

	it('makes opaque tokens and refuses ones it did not make', () => {
		const token = paginate(entries([3, 2, 1]), codec, 1).nextToken ?? '';
		assert.doesNotMatch(token, /^[0-9]+$/);
		assert.equal(codec.decode(token), 3);
		const foreign = ['MQ==', 'abc+/=', Buffer.from('v1:2:xxxxxxxxxxxx').toString('base64'), tokenCodec(2).encode(3), token.slice(0, -4), `${token}AAAA`];
		for (const bad of foreign) {
			assert.throws(
				() => codec.decode(bad),
				(error: unknown) => error instanceof Ec2Error && error.code === 'InvalidPaginationToken' && error.status === 400,
				bad,
			);
		}
	});
});
