import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {type History, observe, pace} from '../../source/model/history.js';
import {journalLine} from '../../source/model/journal-line.js';
import {nextSortKey, sortTasks} from '../../source/model/task-sort.js';
import {task} from '../helpers/tasks.js';

const minute = 60_000;
const stuckAfter = 30 * minute;

function run(polls: [number, ReturnType<typeof task>[]][]): {history: History; entries: ReturnType<typeof observe>['entries'][]} {
	let history: History = new Map();
	const entries = [];
	for (const [index, [at, tasks]] of polls.entries()) {
		const seen = observe(history, tasks, at, index === 0, stuckAfter);
		history = seen.history;
		entries.push(seen.entries);
	}
	return {history, entries};
}

describe('history', () => {
	it('records the first poll as first-seen and nothing else', () => {
		const {entries} = run([[0, [task('a'), task('b', {status: 'completed'})]]]);
		assert.deepEqual(
			entries[0]?.map((e) => `${e.type} ${e.taskId}`),
			['first-seen a', 'first-seen b'],
		);
	});

	it('the first sight (or arrival) of an import already completed carries what it made, as a status entry to completed does', () => {
		const done = task('import-ami-1', {status: 'completed', progress: undefined, imageId: 'ami-0done'});
		const {entries} = run([
			[0, [done, task('import-ami-2')]],
			[minute, [done, task('import-ami-2'), task('import-ami-3', {status: 'completed', progress: undefined, imageId: 'ami-0new'})]],
		]);
		assert.deepEqual(
			entries.flat().map((e) => [e.type, e.taskId, e.resultId]),
			[
				['first-seen', 'import-ami-1', 'ami-0done'],
				['first-seen', 'import-ami-2', undefined],
				['new', 'import-ami-3', 'ami-0new'],
			],
		);
		assert.match(journalLine(entries[0]?.[0] ?? {at: 0, type: 'gone'}), /"resultId":"ami-0done"/);
	});

	it('journals a task without an id with taskId null, and two tasks of one id apart', () => {
		const noId = task('x', {statusMessage: 'pending'});
		delete noId.importTaskId;
		noId.occurrence = 1;
		const twin = task('a', {occurrence: 2, progress: 10});
		const {entries} = run([
			[0, [noId, task('a'), twin]],
			[minute, [{...noId, statusMessage: 'converting'}, task('a'), {...twin, progress: 30}]],
		]);
		assert.deepEqual(
			entries[0]?.map((e) => JSON.parse(journalLine(e)).taskId),
			[null, 'a', 'a'],
		);
		assert.deepEqual(
			entries[1]?.map((e) => [e.type, e.taskId ?? null, e.from, e.to]),
			[
				['message', null, 'pending', 'converting'],
				['progress', 'a', '10%', '25%'],
			],
		);
	});

	it('journals new tasks, status and message changes, milestones and tasks that are gone', () => {
		const {entries} = run([
			[0, [task('a', {statusMessage: 'pending', progress: 2}), task('b')]],
			[minute, [task('c'), task('a', {statusMessage: 'converting', progress: 28})]],
			[2 * minute, [task('c'), task('a', {statusMessage: 'booting', progress: 58})]],
			[3 * minute, [task('c'), task('a', {status: 'completed', statusMessage: undefined, progress: undefined, imageId: 'ami-1'})]],
		]);
		assert.deepEqual(
			entries[1]?.map((e) => [e.type, e.taskId, e.from ?? '', e.to ?? '']),
			[
				['new', 'c', '', ''],
				['message', 'a', 'pending', 'converting'],
				['progress', 'a', '2%', '25%'],
				['gone', 'b', '', ''],
			],
		);
		assert.deepEqual(
			entries[2]?.map((e) => [e.type, e.to]),
			[
				['message', 'booting'],
				['progress', '50%'],
			],
		);
		assert.deepEqual(
			entries[3]?.map((e) => [e.type, e.from, e.to, e.resultId]),
			// The message EC2 clears on completion is not news (issue 17); the AMI is.
			[['status', 'active', 'completed', 'ami-1']],
		);
	});

	it('gives a rate and an ETA only after a minute of rising progress', () => {
		const early = run([
			[0, [task('a', {progress: 10})]],
			[30_000, [task('a', {progress: 20})]],
		]);
		assert.deepEqual(pace(task('a', {progress: 20}), early.history.get('a'), 30_000, stuckAfter), {});
		const later = run([
			[0, [task('a', {progress: 10})]],
			[10 * minute, [task('a', {progress: 30})]],
		]);
		const result = pace(task('a', {progress: 30}), later.history.get('a'), 10 * minute, stuckAfter);
		assert.equal(result.rate, 20 / (10 * minute));
		assert.equal(result.etaMs, 35 * minute);
		assert.equal(pace(task('a', {progress: 30}), later.history.get('a'), 15 * minute, stuckAfter).etaMs, 30 * minute, 'the ETA counts down between polls');
	});

	it('marks an active task stuck once, when nothing changed for --stuck-after, and shows for how long', () => {
		const still = task('w', {statusMessage: 'booting', progress: 39});
		const {history, entries} = run([
			[0, [still]],
			[20 * minute, [still]],
			[31 * minute, [still]],
			[40 * minute, [still]],
		]);
		assert.deepEqual(
			entries.map((list) => list.map((e) => e.type)),
			[['first-seen'], [], ['stuck'], []],
		);
		assert.equal(entries[2]?.[0]?.since, 0);
		assert.equal(pace(still, history.get('w'), 45 * minute, stuckAfter).stuckForMs, 45 * minute);
		assert.equal(pace(task('w', {status: 'completed'}), history.get('w'), 45 * minute, stuckAfter).stuckForMs, undefined);
		const moving = run([
			[0, [still]],
			[31 * minute, [{...still, progress: 40}]],
		]);
		assert.equal(pace({...still, progress: 40}, moving.history.get('w'), 32 * minute, stuckAfter).stuckForMs, undefined);
	});

	it('keeps a bounded timeline per task', () => {
		const polls: [number, ReturnType<typeof task>[]][] = Array.from({length: 100}, (_, index) => [
			index * minute,
			[task('a', {statusMessage: `step ${index}`})],
		]);
		const {history} = run(polls);
		assert.equal(history.get('a')?.timeline.length, 40);
		assert.equal(history.get('a')?.timeline.at(-1)?.to, 'step 99');
	});
});

describe('sorting', () => {
	const tasks = [task('b', {progress: 50}), task('c', {status: 'completed', progress: undefined}), task('a', {progress: 10})];

	it('puts later arrivals first and keeps EC2 order within a poll', () => {
		const {history} = run([
			[0, tasks],
			[minute, [task('d'), ...tasks]],
		]);
		const ids = (list: ReturnType<typeof task>[]) => list.map((t) => t.importTaskId);
		assert.deepEqual(ids(sortTasks([...tasks, task('d')], {key: 'newest', reverse: false}, history, minute, stuckAfter)), ['d', 'b', 'c', 'a']);
		assert.deepEqual(ids(sortTasks(tasks, {key: 'id', reverse: false}, history, 0, stuckAfter)), ['a', 'b', 'c']);
		assert.deepEqual(ids(sortTasks(tasks, {key: 'id', reverse: true}, history, 0, stuckAfter)), ['c', 'b', 'a']);
		assert.deepEqual(ids(sortTasks(tasks, {key: 'status', reverse: false}, history, 0, stuckAfter)), ['a', 'b', 'c']);
		assert.deepEqual(ids(sortTasks(tasks, {key: 'progress', reverse: false}, history, 0, stuckAfter)), ['b', 'a', 'c']);
	});

	it('sorts by ETA, unknown last', () => {
		const {history} = run([
			[0, [task('slow', {progress: 10}), task('fast', {progress: 10}), task('new', {progress: 5})]],
			[10 * minute, [task('slow', {progress: 20}), task('fast', {progress: 80}), task('new', {progress: 5})]],
		]);
		const list = [task('new', {progress: 5}), task('slow', {progress: 20}), task('fast', {progress: 80})];
		assert.deepEqual(
			sortTasks(list, {key: 'eta', reverse: false}, history, 10 * minute, stuckAfter).map((t) => t.importTaskId),
			['fast', 'slow', 'new'],
		);
	});

	it('puts tasks without a value last in both directions (progress, ETA)', () => {
		const {history} = run([
			[0, [task('slow', {progress: 10}), task('fast', {progress: 10}), task('new', {progress: 5})]],
			[10 * minute, [task('slow', {progress: 20}), task('fast', {progress: 80}), task('new', {progress: 5})]],
		]);
		const done = task('done', {status: 'completed', progress: undefined});
		const gone = task('gone', {status: 'deleted', statusMessage: 'cancelled', progress: undefined});
		const list = [done, task('new', {progress: 5}), gone, task('slow', {progress: 20}), task('fast', {progress: 80})];
		const sorted = (key: 'eta' | 'progress', reverse: boolean) => sortTasks(list, {key, reverse}, history, 10 * minute, stuckAfter).map((t) => t.importTaskId);
		assert.deepEqual(sorted('eta', false), ['fast', 'slow', 'done', 'gone', 'new'], 'new has no ETA yet: no change seen');
		assert.deepEqual(sorted('eta', true).slice(0, 2), ['slow', 'fast'], 'latest first: the known ETAs, latest on top');
		assert.deepEqual(sorted('eta', true).slice(2).sort(), ['done', 'gone', 'new'], 'then the tasks without an ETA');
		assert.deepEqual(sorted('progress', false), ['fast', 'slow', 'new', 'done', 'gone']);
		assert.deepEqual(sorted('progress', true).slice(0, 3), ['new', 'slow', 'fast'], 'least first: the known progress, least on top');
	});

	it('cycles through the sort keys', () => {
		assert.deepEqual(
			[nextSortKey('newest'), nextSortKey('id'), nextSortKey('status'), nextSortKey('progress'), nextSortKey('eta')],
			['id', 'status', 'progress', 'eta', 'newest'],
		);
	});
});

describe('a task followed by id after it left the list', () => {
	it('is advanced as a listed task is: its stall is found, and a progress move counts as a change', () => {
		const a = (progress: number) => task('import-ami-0000000000000000a', {status: 'active', statusMessage: 'converting', progress});
		let history: History = observe(new Map(), [a(10)], 0, true, stuckAfter).history;
		// It leaves the list (--state, --max-items) and is looked up: it moved without a milestone, then stood still.
		history = observe(history, [], 10 * minute, false, stuckAfter, [{task: a(12), how: 'found'}]).history;
		const still = observe(history, [], 41 * minute, false, stuckAfter, [{task: a(12), how: 'found'}]);
		assert.deepEqual(
			still.entries.map((entry) => [entry.type, entry.since]),
			[['stuck', 10 * minute]],
			'stuck since its last move, as for a listed task',
		);
	});
});
