import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {ImportTask} from '../../source/model/import-task.js';
import {renderApp, start} from '../helpers/render-app.js';
import {task} from '../helpers/tasks.js';

/** The first poll answers at once, later ones when the test says so. */
function slowSource(tasks: ImportTask[]) {
	let answer: (() => void) | undefined;
	let calls = 0;
	return {
		fetchTasks: (_signal: AbortSignal): Promise<ImportTask[]> => {
			calls += 1;
			if (calls === 1) return Promise.resolve(tasks);
			return new Promise((resolve) => {
				answer = () => resolve(tasks);
			});
		},
		answer: () => answer?.(),
	};
}

describe('the start of a poll', () => {
	it('leaves the screen as it was until the header’s next tick, then says "polling…", with its time from 2 s', async () => {
		const source = slowSource([task('import-ami-a')]);
		// Due half-way through a second, as polls usually are: the header ticks on the second.
		const app = await renderApp([], {realSource: source, intervalMs: 5500});
		await app.timers.advance(5500 - (app.timers.now() - start));
		const idle = app.frame();
		assert.ok(!idle.includes('polling…'));
		await app.timers.advance(499);
		assert.equal(app.frame(), idle, 'until the next tick: the same screen (a quick poll costs no frame)');
		await app.timers.advance(1);
		assert.match(app.frame(), /polling…$/m, 'never a next-poll time that has passed');
		assert.doesNotMatch(app.frame(), /next \d/);
		await app.timers.advance(2000);
		assert.match(app.frame(), /polling… \(2s\)/);
		await app.timers.advance(1000);
		assert.match(app.frame(), /polling… \(3s\)/);
		source.answer();
		await app.timers.advance(0);
		assert.ok(!app.frame().includes('polling…'));
		app.unmount();
	});
});
