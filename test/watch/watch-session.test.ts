import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {ImportTask} from '../../source/model/import-task.js';
import type {PairFault} from '../../source/model/poll-events.js';
import type {PollNotes} from '../../source/model/poll-notes.js';
import type {TaskSource} from '../../source/model/task-source.js';
import {pollStartShownAt} from '../../source/model/watch-data.js';
import {createWatchSession} from '../../source/watch/watch-session.js';
import {createFakeTimers, settle} from '../helpers/fake-timers.js';
import {task} from '../helpers/tasks.js';

// The headless watch session: a scripted source on a fake clock, no screen. It folds each poll's result into the
// data once and tells its subscribers; a poll's start is told only once the poll is slow.

const interval = 10_000;
const start = 1_780_000_000_000;

/** A source the test answers poll by poll, with what it says besides the tasks; it counts each question. */
function scripted() {
	const answers: Array<{resolve: (tasks: ImportTask[]) => void; reject: (error: unknown) => void}> = [];
	const asked = {fetches: 0, notes: 0, partialFaults: 0};
	let notes: PollNotes = {disabled: []};
	let faults: PairFault[] = [];
	const source: TaskSource = {
		fetchTasks: () => {
			asked.fetches += 1;
			return new Promise((resolve, reject) => answers.push({resolve, reject}));
		},
		pollNotes: () => {
			asked.notes += 1;
			return notes;
		},
		partialFaults: () => {
			asked.partialFaults += 1;
			return faults;
		},
	};
	return {
		source,
		asked,
		say(next: {notes?: PollNotes; faults?: PairFault[]}) {
			notes = next.notes ?? notes;
			faults = next.faults ?? faults;
		},
		async answer(tasks: ImportTask[]) {
			answers.shift()?.resolve(tasks);
			await settle();
		},
		async fail(error: unknown) {
			answers.shift()?.reject(error);
			await settle();
		},
	};
}

function setup() {
	const timers = createFakeTimers(start);
	const script = scripted();
	const session = createWatchSession({
		source: script.source,
		intervalMs: interval,
		timers,
		classify: (error) => ({kind: 'network', message: String(error)}),
		stuckAfterMs: 60_000,
	});
	const told: number[] = [];
	session.subscribe(() => told.push(session.getSnapshot().polls));
	return {timers, script, session, told};
}

describe('the watch session', () => {
	it('folds each good poll into the data once and tells its subscribers; the snapshot holds still in between', async () => {
		const {script, session, told} = setup();
		assert.equal(session.getSnapshot().polls, 0);
		assert.equal(session.getSnapshot().stuckAfterMs, 60_000);
		session.start();
		const started = session.getSnapshot();
		assert.equal(started.polling, true, 'the start of the poll is in the data');
		assert.deepEqual(told, [], 'but no subscriber is told of a quick poll’s start');
		await script.answer([task('import-ami-a'), task('import-ami-b')]);
		const first = session.getSnapshot();
		assert.deepEqual(told, [1]);
		assert.deepEqual(
			first.tasks.map((each) => each.importTaskId),
			['import-ami-a', 'import-ami-b'],
		);
		assert.equal(first.polling, false);
		assert.equal(first.lastEntries.length, 2, 'the first poll’s first sightings, for the journal and hooks');
		assert.equal(first.eventLog.events.length, 2);
		assert.equal(session.getSnapshot(), first, 'the same snapshot until the data changes');
		session.stop();
	});

	it('takes the notes and partial faults from the poll result: asked once per poll, as the answer comes in', async () => {
		const {script, session} = setup();
		const fault: PairFault = {label: 'eu-west-1', fault: {kind: 'network', message: 'refused'}, since: start, retryAt: start + interval};
		script.say({notes: {cutAt: 5, disabled: []}, faults: [fault]});
		session.start();
		await script.answer([task('import-ami-a')]);
		assert.deepEqual(session.getSnapshot().notes, {cutAt: 5, disabled: []});
		assert.deepEqual(session.getSnapshot().pairFaults, [fault]);
		assert.deepEqual(script.asked, {fetches: 1, notes: 1, partialFaults: 1});
		// What the source says later, between polls, is not in the data until a poll carries it.
		script.say({notes: {disabled: []}, faults: []});
		assert.deepEqual(session.getSnapshot().pairFaults, [fault]);
		session.stop();
	});

	it('tells a slow poll’s start at the header’s tick, and a fault at once; keeps the last good tasks', async () => {
		const {timers, script, session, told} = setup();
		session.start();
		await script.answer([task('import-ami-a')]);
		const good = session.getSnapshot();
		await timers.advance(interval);
		assert.equal(session.getSnapshot().polling, true);
		assert.deepEqual(told, [1], 'a poll under way is not told at once');
		const startedAt = session.getSnapshot().pollStartedAt ?? 0;
		await timers.advance(pollStartShownAt(startedAt) - timers.now());
		assert.deepEqual(told, [1, 1], 'told once the poll is slow');
		await script.fail(new Error('refused'));
		const failed = session.getSnapshot();
		assert.deepEqual(told, [1, 1, 1]);
		assert.equal(failed.fault?.kind, 'network');
		assert.equal(failed.tasks, good.tasks, 'the last good tasks stay');
		assert.equal(failed.missedPolls, 1);
		session.stop();
	});

	it('polls now on refresh, pauses and resumes, and after stop tells nobody anything', async () => {
		const {timers, script, session, told} = setup();
		assert.equal(session.refresh(), 'not-running');
		session.start();
		assert.equal(session.refresh(), 'already-polling');
		await script.answer([task('import-ami-a')]);
		assert.equal(session.refresh(), 'started');
		await script.answer([task('import-ami-a', {progress: 50})]);
		assert.equal(session.getSnapshot().polls, 2);
		session.togglePause();
		assert.equal(session.getSnapshot().paused, true);
		assert.equal(session.pollerState().status, 'paused');
		session.togglePause();
		assert.equal(session.getSnapshot().paused, false);
		const before = told.length;
		session.stop();
		await script.answer([task('import-ami-a', {progress: 60})]);
		await timers.advance(10 * interval);
		assert.equal(told.length, before, 'nothing is told after stop');
		assert.equal(timers.pending(), 0, 'no timer left behind');
	});

	it('lets a subscriber leave', async () => {
		const {script, session} = setup();
		let heard = 0;
		const leave = session.subscribe(() => {
			heard += 1;
		});
		session.start();
		await script.answer([task('import-ami-a')]);
		leave();
		session.refresh();
		await script.answer([task('import-ami-a')]);
		assert.equal(heard, 1);
		assert.equal(session.getSnapshot().polls, 2);
		session.stop();
	});
});
