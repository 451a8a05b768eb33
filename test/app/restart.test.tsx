import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, it} from 'node:test';
import {formatClock} from '../../source/model/format.js';
import type {JournalEntry} from '../../source/model/history.js';
import {parseJournalText} from '../../source/model/journal-read.js';
import {historyDirectory, historyFile} from '../../source/watch/history-paths.js';
import {withHistory} from '../../source/watch/history-source.js';
import {type HistoryStore, openHistoryStore} from '../../source/watch/history-store.js';
import {createEc2Source, type Ec2Source} from '../../source/watch/ec2-source.js';
import {type AppHarness, keys, renderApp, start, waitFor} from '../helpers/render-app.js';
import {scratchDir} from '../helpers/scratch-dir.js';
import {startTestSimulator, type TestSimulator, testCredentials} from '../helpers/simulator.js';

// A restart against the simulator: a watcher writes its history and is stopped; simulated time moves on ten
// minutes (an import completes, one fails, one keeps converting); a new watcher on the same store shows on its
// first screen with data the ETA from before, the timeline from before, the "since" line and the events.

const minute = 60_000;
const down = 10 * minute;
let now = start;
let simulator: TestSimulator;
let source: Ec2Source;
let state: string;
const opened: HistoryStore[] = [];
let app: AppHarness | undefined;

before(async () => {
	state = scratchDir('eiw-restart-');
	// Seed 7: fe3c converting 29 % → 31 %, 2b94 converting → deleted, 5a0t preparing ami → completed.
	simulator = await startTestSimulator({seed: 7, tasks: 4, snapshotTasks: 0, arrivals: false, now: () => now});
	source = createEc2Source({region: 'us-east-1', endpoint: simulator.url, credentials: testCredentials});
});
after(async () => {
	app?.unmount();
	for (const store of opened) await store.close();
	source.destroy();
	await simulator.close();
});

/** A watcher as the shell starts one: the source polled through the history store, its transitions appended. */
async function startWatcher(startAt: number, transitions: JournalEntry[][] = []): Promise<AppHarness> {
	const store = openHistoryStore({directory: historyDirectory({XDG_STATE_HOME: state}, '/nonexistent'), now: () => now});
	opened.push(store);
	const harness = await renderApp([], {
		realSource: withHistory(source, store),
		startAt,
		columns: 140,
		rows: 40,
		onTransitions: (entries) => {
			transitions.push([...entries]);
			store.append(entries);
		},
	});
	// The simulator's clock is the app's.
	now = harness.timers.now();
	return harness;
}

describe('a restart on the same history', () => {
	it('shows the ETA, the timeline and the events from before, and says what changed meanwhile', async () => {
		const first = await startWatcher(start);
		app = first;
		await waitFor(() => first.frame().includes('import-ami-'), 'the first poll');
		assert.doesNotMatch(
			first
				.frame()
				.split('\n')
				.find((line) => line.includes('fe3c')) ?? '',
			/\d+h \d+m/,
			'no ETA yet without history',
		);
		first.unmount();
		app = undefined;
		const file = historyFile(historyDirectory({XDG_STATE_HOME: state}, '/nonexistent'));
		const written = parseJournalText(readFileSync(file, 'utf8'));
		assert.deepEqual(
			written.entries.map((entry) => entry.type),
			['first-seen', 'first-seen', 'first-seen', 'first-seen'],
		);

		const transitions: JournalEntry[][] = [];
		now = start + down;
		const second = await startWatcher(start + down, transitions);
		app = second;
		await waitFor(() => second.frame().includes('import-ami-'), 'the first poll after the restart');
		const frame = second.frame();
		assert.match(frame, new RegExp(`since ${formatClock(start)} \\(last run\\): 1 completed, 1 deleted · e for events`));
		// fe3c: 29 % ten minutes ago, 31 % now: an ETA at once (no minute of waiting for a rate).
		const converting = frame.split('\n').find((line) => line.includes('fe3c'));
		assert.ok(converting !== undefined, frame);
		assert.match(converting, /31%/);
		assert.match(converting, /31% +\d+h \d+m /, 'an ETA on the first frame');

		// The late transitions are journaled as such, at the time they were noticed, and no first-seen again.
		const [found] = transitions;
		assert.deepEqual(
			found?.filter((entry) => entry.type === 'status').map((entry) => [entry.to, entry.late, entry.at]),
			[
				['deleted', true, start + down],
				['completed', true, start + down],
			],
		);
		assert.equal(
			found?.some((entry) => entry.type === 'first-seen'),
			false,
		);
		const stored = parseJournalText(readFileSync(file, 'utf8')).entries;
		assert.equal(stored.filter((entry) => entry.late === true && entry.type === 'status').length, 2);

		// The details: the timeline from before the restart, and the ETA.
		const row = frame.split('\n').findIndex((line) => line.includes('fe3c'));
		const top = frame.split('\n').findIndex((line) => line.includes('import-ami-'));
		await second.press(...Array.from({length: row - top}, () => 'j'), keys.enter);
		await second.press(...Array.from({length: 40}, () => 'j'));
		const detail = second.frame();
		assert.match(detail, /Timeline \(as recorded by the watcher, oldest first\)/);
		assert.match(detail, new RegExp(`${formatClock(start)} +seen: active, converting 29%`));
		await second.press(keys.escape);

		// The events view: the earlier first sights, and the two outcomes seen after the fact.
		await second.press('e');
		const events = second.frame();
		assert.match(events, /while away: status active → completed/);
		assert.match(events, /while away: status active → deleted/);
		assert.equal((events.match(new RegExp(`${formatClock(start)} `, 'g')) ?? []).length, 4, 'the four first sights from before');
		await second.press(keys.escape);
		assert.doesNotMatch(second.frame(), /since .* \(last run\)/, 'said until the events have been seen');
	});
});
