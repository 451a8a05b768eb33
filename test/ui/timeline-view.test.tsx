import assert from 'node:assert/strict';
import {afterEach, describe, it} from 'node:test';
import {render} from 'ink-testing-library';
import type {ImportTask} from '../../source/model/import-task.js';
import {initialState, reduce, visibleTasks, type WatchState} from '../../source/model/state.js';
import {rowLabels, stepText, TimelineView} from '../../source/ui/components/timeline-view.js';
import {ThemeContext} from '../../source/ui/theme.js';
import {createFakeTimers, type FakeTimers, settle} from '../helpers/fake-timers.js';
import {task} from '../helpers/tasks.js';

// Tick labels are local times: one zone, so they read the same on every machine.
process.env.TZ = 'UTC';

// As time passes with no poll, the timeline draws again only when a cell changes: an open bar reaching the next
// column, or the axis stepping up to hold now. Seconds in between write nothing.

const second = 1000;
const minute = 60 * second;
/** On a whole 20 s, so the axis below starts here. */
const start = 1_780_000_000_000;

function polled(polls: [number, ImportTask[]][]): WatchState {
	return polls.reduce((state, [at, tasks]) => reduce(state, {type: 'poll-succeeded', at, generation: 1, tasks, nextPollAt: at + 5 * minute}), initialState());
}

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

async function drawn(state: WatchState, timers: FakeTimers, {width = 100, height = 8, unicode = true} = {}) {
	const instance = render(
		<ThemeContext.Provider value={{color: false, unicode}}>
			<TimelineView state={state} visible={visibleTasks(state)} timers={timers} width={width} height={height} />
		</ThemeContext.Provider>,
	);
	unmount = instance.unmount;
	await settle();
	return {frames: () => instance.frames.length, frame: () => instance.lastFrame() ?? ''};
}

const bar = (frame: string, label: string) =>
	frame
		.split('\n')
		.find((line) => line.includes(label))
		?.slice(24) ?? '';

describe('the timeline as time passes', () => {
	const a = 'import-ami-0aaaaaaaaaaaaaaa1';
	const b = 'import-ami-0bbbbbbbbbbbbbbb2';

	it('an open bar grows a cell when now reaches the next column, and nothing is drawn in between', async () => {
		// 20 minutes in 76 columns: 20 s a column; now is in column 60.
		const state = polled([
			[start, [task(a, {progress: 10}), task(b, {progress: 10})]],
			[start + 20 * minute, [task(a, {progress: 50}), task(b, {status: 'completed', statusMessage: undefined, progress: undefined})]],
		]);
		const timers = createFakeTimers(start + 20 * minute);
		const view = await drawn(state, timers);
		assert.match(view.frame(), /1 column = 20s/);
		assert.equal(bar(view.frame(), 'ami-0aaaaaaaaaaaaaaa1').indexOf('▶'), 60);
		const before = view.frames();
		await timers.advance(19 * second);
		assert.equal(view.frames(), before, 'no frame for 19 seconds that change no cell');
		await timers.advance(1 * second);
		assert.equal(view.frames(), before + 1, 'one frame as now enters column 61');
		assert.equal(bar(view.frame(), 'ami-0aaaaaaaaaaaaaaa1').indexOf('▶'), 61);
		assert.equal(bar(view.frame(), 'ami-0aaaaaaaaaaaaaaa1').match(/█/g)?.length, 30, 'half of the 61 cells before its end');
	});

	it('with every bar over, only the axis stepping up draws again', async () => {
		const state = polled([
			[start, [task(a, {progress: 10}), task(b, {progress: 10})]],
			[
				start + 20 * minute,
				[
					task(a, {status: 'completed', statusMessage: undefined, progress: undefined}),
					task(b, {status: 'deleted', statusMessage: 'ClientError: Unknown OS / Missing OS files.', progress: undefined}),
				],
			],
		]);
		const timers = createFakeTimers(start + 20 * minute);
		const view = await drawn(state, timers);
		const before = view.frames();
		// Column 75 (the last at 20 s) ends at 25 m 20 s.
		await timers.advance(5 * minute + 19 * second);
		assert.equal(view.frames(), before, 'no frame for 5 minutes of nothing new');
		assert.match(view.frame(), /1 column = 20s/);
		await timers.advance(1 * second);
		assert.equal(view.frames(), before + 1);
		assert.match(view.frame(), /1 column = 30s/);
		assert.equal(bar(view.frame(), 'ami-0aaaaaaaaaaaaaaa1').indexOf('✔'), 40);
	});
});

describe('a wave of days', () => {
	it('at 80 columns: three days on one axis (1 h 30 m a column), midnight labelled with its date, the bars to scale', async () => {
		const hour = 60 * minute;
		const day = 24 * hour;
		const monday = Date.UTC(2026, 5, 1, 9);
		const state = polled([
			[monday, [task('import-ami-0aaaaaaaaaaaaaaa1', {progress: 5})]],
			[monday + day, [task('import-ami-0aaaaaaaaaaaaaaa1', {progress: 60}), task('import-ami-0bbbbbbbbbbbbbbb2', {progress: 1})]],
			[
				monday + 2 * day,
				[
					task('import-ami-0aaaaaaaaaaaaaaa1', {status: 'completed', statusMessage: undefined, progress: undefined}),
					task('import-ami-0bbbbbbbbbbbbbbb2', {progress: 50}),
				],
			],
			[
				monday + 3 * day,
				[
					task('import-ami-0aaaaaaaaaaaaaaa1', {status: 'completed', statusMessage: undefined, progress: undefined}),
					task('import-ami-0bbbbbbbbbbbbbbb2', {progress: 75}),
				],
			],
		]);
		const timers = createFakeTimers(monday + 3 * day);
		const view = await drawn(state, timers, {width: 80, height: 6, unicode: false});
		assert.deepEqual(view.frame().split('\n'), [
			'  TASK                    12:00   06-02   12:00   06-03   12:00   06-04   12:00',
			'  ami-0bbbbbbbbbbbbbbb2   :       :     ########################--------o :',
			'> ami-0aaaaaaaaaaaaaaa1 ################################+ :       :       :',
			'2/2 · import-ami-0aaaaaaaaaaaaaaa1 completed: 06-01 09:00 > 06-03 09:00 (2d 0h)',
			'o active + completed x failed / cancelled · 1 column = 1h 30m',
		]);
	});
});

describe('the words around the bars', () => {
	it('the scale says a column’s time without a zero unit', () => {
		assert.deepEqual(
			[10 * second, minute, 1.5 * minute, 60 * minute, 1.5 * 60 * minute, 24 * 60 * minute, 36 * 60 * minute].map((step) => stepText({step})),
			['1 column = 10s', '1 column = 1m', '1 column = 1m 30s', '1 column = 1h', '1 column = 1h 30m', '1 column = 1d', '1 column = 1d 12h'],
		);
	});

	it('a row is named by its name (here its Name tag) only when no other row has that name', () => {
		const named = (id: string, name: string) => task(id, {tags: [{key: 'Name', value: name}]});
		const noId = task('x');
		delete noId.importTaskId;
		assert.deepEqual(
			rowLabels([
				named('import-ami-01', 'web'),
				named('import-ami-02', 'db'),
				named('import-snap-03', 'db'),
				task('import-ami-04'),
				noId,
				named('import-ami-05', ''),
			]),
			['web', 'ami-02', 'snap-03', 'ami-04', '(no id)', 'ami-05'],
		);
	});
});
