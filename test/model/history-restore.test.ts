import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {formatClock, formatDateTime} from '../../source/model/format.js';
import {type JournalEntry, observe, pace} from '../../source/model/history.js';
import {describeEntry} from '../../source/model/entry-text.js';
import {awayLine, priorHistory, rebuildTask, resume} from '../../source/model/history-restore.js';
import {journalLine} from '../../source/model/journal-line.js';
import {lineTime, parseJournalLine, parseJournalText, parseJournalTextFor, peekTaskId} from '../../source/model/journal-read.js';
import {task} from '../helpers/tasks.js';

// A restart folds the store's entries back into each task's history, then compares the first poll with them.

const minute = 60_000;
const t0 = Date.UTC(2026, 5, 1, 13, 0);
const stuckAfter = 30 * minute;

/** What a watcher journaled of one task, written and read back as the store does. */
function stored(...entries: JournalEntry[]): JournalEntry[] {
	return parseJournalText(entries.map(journalLine).join('')).entries;
}

describe('rebuilding a task from the store', () => {
	test('first sight, the rate baseline, the latest message and the last change, as the live fold left them', () => {
		const first = observe(new Map(), [task('import-ami-1', {progress: 10, statusMessage: 'validating'})], t0, true, stuckAfter);
		const later = observe(first.history, [task('import-ami-1', {progress: 30, statusMessage: 'converting'})], t0 + 5 * minute, false, stuckAfter);
		const live = later.history.get('import-ami-1');
		const rebuilt = rebuildTask(stored(...first.entries, ...later.entries), 0);
		assert.ok(live !== undefined && rebuilt !== undefined);
		assert.equal(rebuilt.firstSeenAt, live.firstSeenAt);
		assert.deepEqual(rebuilt.baseline, live.baseline);
		assert.deepEqual(rebuilt.latest, live.latest);
		assert.equal(rebuilt.lastChangeAt, live.lastChangeAt);
		assert.equal(rebuilt.stuck, false);
		assert.deepEqual(
			rebuilt.timeline.map((entry) => entry.type),
			live.timeline.map((entry) => entry.type),
		);
	});

	test('a stall already said is not said again after the restart; one that began before is found at once', () => {
		const seen: JournalEntry = {at: t0, type: 'first-seen', taskId: 'import-ami-1', status: 'active', progress: 39, message: 'booting'};
		const stall: JournalEntry = {at: t0 + 40 * minute, type: 'stuck', taskId: 'import-ami-1', status: 'active', progress: 39, since: t0, message: 'booting'};
		const still = [task('import-ami-1', {progress: 39, statusMessage: 'booting'})];
		const said = resume(priorHistory(stored(seen, stall)), still, t0 + 60 * minute, stuckAfter);
		assert.deepEqual(said.entries, [], 'no second stuck entry, no first sight');
		assert.equal(pace(still[0] ?? task('x'), said.history.get('import-ami-1'), t0 + 60 * minute, stuckAfter).stuckForMs, 60 * minute);
		const unsaid = resume(priorHistory(stored(seen)), still, t0 + 60 * minute, stuckAfter);
		assert.deepEqual(
			unsaid.entries.map((entry) => [entry.type, entry.since, entry.late]),
			[['stuck', t0, undefined]],
		);
	});
});

describe('the first poll after a restart', () => {
	const prior = priorHistory(
		stored(
			{at: t0, type: 'first-seen', taskId: 'import-ami-a', status: 'active', progress: 20, message: 'converting'},
			{at: t0, type: 'first-seen', taskId: 'import-ami-b', status: 'active', progress: 80, message: 'preparing ami'},
			{at: t0, type: 'first-seen', taskId: 'import-ami-c', status: 'active', progress: 30, message: 'converting'},
			{at: t0 + minute, type: 'first-seen', taskId: 'import-ami-gone', status: 'active', progress: 5},
			{at: t0 + 2 * minute, type: 'message', taskId: 'import-ami-c', status: 'active', progress: 31, from: 'converting', to: 'updating'},
		),
	);
	const at = t0 + 70 * minute;
	const tasks = [
		task('import-ami-new', {progress: 1, statusMessage: 'pending'}),
		task('import-ami-a', {progress: 40, statusMessage: 'converting'}),
		task('import-ami-b', {status: 'completed', statusMessage: undefined, progress: undefined}),
		task('import-ami-c', {status: 'deleted', statusMessage: 'ClientError: no OS', progress: undefined}),
	];
	const resumed = resume(prior, tasks, at, Number.POSITIVE_INFINITY);

	test('journals what changed as late, at the time it was noticed; a task the store did not know as new, late', () => {
		assert.deepEqual(
			resumed.entries.map((entry) => [entry.taskId, entry.type, entry.to ?? entry.status, entry.late ?? false, entry.at]),
			[
				['import-ami-new', 'new', 'active', true, at],
				['import-ami-a', 'progress', '25%', true, at],
				['import-ami-b', 'status', 'completed', true, at],
				['import-ami-c', 'status', 'deleted', true, at],
				['import-ami-c', 'message', 'ClientError: no OS', true, at],
			],
		);
		assert.equal(
			resumed.entries.every((entry) => entry.late !== true || journalLine(entry).includes('"late":true')),
			true,
		);
	});

	test('the rate and ETA from before the restart at once; the timeline and the events from before', () => {
		const a = resumed.history.get('import-ami-a');
		assert.equal(a?.firstSeenAt, t0);
		const eta = pace(tasks[1] ?? task('x'), a, at, Number.POSITIVE_INFINITY).etaMs;
		// 20 % → 40 % in 70 minutes: 60 % more takes 210 minutes.
		assert.equal(Math.round(eta ?? 0), 210 * minute);
		assert.deepEqual(
			resumed.history.get('import-ami-c')?.timeline.map((entry) => [entry.type, entry.late ?? false]),
			[
				['first-seen', false],
				['message', false],
				['status', true],
				['message', true],
			],
		);
		assert.deepEqual(
			resumed.earlier.map((entry) => entry.taskId),
			['import-ami-a', 'import-ami-b', 'import-ami-c', 'import-ami-c'],
			'the earlier events of the tasks listed, oldest first (not of tasks EC2 no longer lists)',
		);
	});

	test('sums it up in one line, outcomes first, since the last record', () => {
		assert.deepEqual(resumed.away, {
			since: t0 + 2 * minute,
			counts: [
				['completed', 1],
				['deleted', 1],
				['new', 1],
				['moved on', 1],
			],
		});
		assert.equal(
			awayLine(resumed.away ?? {since: 0, counts: []}, at),
			`since ${formatClock(t0 + 2 * minute)} (last run): 1 completed, 1 deleted, 1 new, 1 moved on`,
		);
		assert.equal(
			awayLine({since: t0 - 2 * 86_400_000, counts: [['completed', 2]]}, at),
			`since ${formatDateTime(t0 - 2 * 86_400_000)} (last run): 2 completed`,
		);
		assert.equal(resume(prior, [task('import-ami-a', {progress: 20})], at, Number.POSITIVE_INFINITY).away, undefined, 'nothing changed: nothing said');
	});
});

describe('what the store knew, beyond the listed tasks', () => {
	const at = t0 + 70 * minute;
	const known = stored({at: t0, type: 'first-seen', taskId: 'import-ami-a', status: 'active', progress: 20, message: 'converting'});

	test('imports that appeared while no watcher ran are new and late, counted; a first run ever finds them first seen', () => {
		const fresh = [task('import-ami-x', {progress: 1}), task('import-ami-y', {status: 'completed', progress: undefined})];
		const after = resume(priorHistory([], t0 + 5 * minute), fresh, at, stuckAfter);
		assert.deepEqual(
			after.entries.map((entry) => [entry.taskId, entry.type, entry.late]),
			[
				['import-ami-x', 'new', true],
				['import-ami-y', 'new', true],
			],
		);
		assert.deepEqual(after.away, {since: t0 + 5 * minute, counts: [['new', 2]]});
		const firstEver = resume(priorHistory([]), fresh, at, stuckAfter);
		assert.deepEqual(
			firstEver.entries.map((entry) => [entry.type, entry.late]),
			[
				['first-seen', undefined],
				['first-seen', undefined],
			],
		);
		assert.equal(firstEver.away, undefined);
	});

	test('the since line starts at the newest entry of any task in the store, not only of those listed', () => {
		const after = resume(priorHistory(known, t0 + 50 * minute), [task('import-ami-a', {status: 'completed', progress: undefined})], at, stuckAfter);
		assert.equal(after.away?.since, t0 + 50 * minute);
	});

	test('a milestone passed while away says no "was": the last progress the run saw is not in the store', () => {
		const after = resume(priorHistory(known), [task('import-ami-a', {progress: 80, statusMessage: 'converting'})], at, stuckAfter);
		const [passed] = after.entries;
		assert.deepEqual([passed?.type, passed?.to, passed?.late, passed?.from], ['progress', '75%', true, undefined]);
		assert.equal(describeEntry(passed ?? {at, type: 'progress'}), 'while away: passed 75%');
	});

	test('a transition two watchers both recorded counts once, in the timeline and the events', () => {
		const twice = stored(
			{at: t0, type: 'first-seen', taskId: 'import-ami-a', status: 'active', progress: 20},
			{at: t0 + 100, type: 'first-seen', taskId: 'import-ami-a', status: 'active', progress: 20},
			{at: t0 + minute, type: 'status', taskId: 'import-ami-a', status: 'completed', from: 'active', to: 'completed', late: true},
			{at: t0 + minute + 65, type: 'status', taskId: 'import-ami-a', status: 'completed', from: 'active', to: 'completed', late: true},
			{at: t0 + minute, type: 'status', taskId: 'import-ami-a', region: 'eu-west-1', status: 'completed', from: 'active', to: 'completed'},
		);
		const byTask = priorHistory(twice).byTask;
		assert.deepEqual(
			byTask.get('import-ami-a')?.map((entry) => [entry.type, entry.at]),
			[
				['first-seen', t0],
				['status', t0 + minute],
			],
		);
		assert.equal(byTask.size, 2, 'the same id in another region is another task');
		const later = stored({at: t0 + 10 * minute, type: 'status', taskId: 'import-ami-a', status: 'completed', from: 'active', to: 'completed'});
		assert.equal(priorHistory([...twice, ...later]).byTask.get('import-ami-a')?.length, 3, 'the same transition minutes later is kept');
	});
});

describe('a restart after a completion that cleared the message', () => {
	test('leaves no message behind: the next restart finds nothing that moved', () => {
		const first = observe(new Map(), [task('import-ami-1', {progress: 80, statusMessage: 'preparing ami'})], t0, true, stuckAfter);
		const done = task('import-ami-1', {status: 'completed', statusMessage: undefined, progress: undefined});
		const later = observe(first.history, [done], t0 + minute, false, stuckAfter);
		assert.equal(later.entries.find((entry) => entry.type === 'status')?.message, '', 'the status entry says the message is gone');
		const resumed = resume(priorHistory(stored(...first.entries, ...later.entries)), [done], t0 + 60 * minute, stuckAfter);
		assert.deepEqual(resumed.entries, []);
		assert.equal(resumed.away, undefined);
		assert.equal(resumed.history.get('import-ami-1')?.latest.message, undefined);
	});
});

describe('journal lines read back', () => {
	const line = journalLine({at: t0, type: 'status', taskId: 'import-ami-1', status: 'completed', from: 'active', to: 'completed', late: true}).trimEnd();

	test('carry their schema version and the late marker', () => {
		assert.match(line, /^\{"v":1,"time":/);
		assert.equal(parseJournalLine(line)?.late, true);
		assert.equal(parseJournalLine(line.replace('"v":1,', ''))?.taskId, 'import-ami-1', 'a line from before the version marker');
		assert.equal(parseJournalLine(line.replace('"v":1', '"v":"1"')), undefined);
		const text = `${line}\n${line.replace('"v":1', '"v":2')}\n{"v":1,"time":"2026-`;
		assert.deepEqual((({unreadable, future, entries}) => ({unreadable, future, entries: entries.length}))(parseJournalText(text)), {
			unreadable: 1,
			future: 1,
			entries: 1,
		});
	});

	test('one reader for every field: the report’s, the explanation and the late marker', () => {
		const explanation = {cause: 'the cause', fix: 'the fix', doc: 'https://docs.aws.amazon.com/vm-import/'};
		const entry: JournalEntry = {
			at: t0,
			type: 'status',
			taskId: 'import-ami-1',
			kind: 'image',
			status: 'completed',
			from: 'active',
			to: 'completed',
			resultId: 'ami-1',
			diskBytes: 1024,
			message: '',
			late: true,
		};
		assert.deepEqual(parseJournalLine(journalLine(entry)), entry);
		const first: JournalEntry = {
			at: t0,
			type: 'first-seen',
			taskId: 'import-ami-2',
			kind: 'image',
			status: 'deleting',
			description: 'web',
			diskBytes: 2048,
			explanation,
		};
		assert.deepEqual(parseJournalLine(journalLine(first)), first);
	});

	test('lines of tasks not wanted are only peeked at, torn ones still counted', () => {
		assert.equal(peekTaskId(line), 'import-ami-1');
		assert.equal(lineTime(line), t0);
		assert.equal(peekTaskId(line.slice(0, -1)), undefined, 'a torn line is parsed (and counted)');
		assert.equal(peekTaskId(line.replace('import-ami-1', 'import-ami-\\"1')), undefined, 'an id with an escape is parsed');
		assert.equal(peekTaskId(journalLine({at: t0, type: 'new', status: 'active'}).trimEnd()), null);
		const other = line.replace('import-ami-1', 'import-ami-2');
		const parsed = parseJournalTextFor(`${line}\n${other}\n${other.slice(0, 40)}`, (taskId) => taskId === 'import-ami-2');
		assert.deepEqual([parsed.entries.map((entry) => entry.taskId), parsed.unreadable], [['import-ami-2'], 1]);
	});
});
