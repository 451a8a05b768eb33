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
	it('leaves the screen as it was for 2 s, then says "polling…" on the header tick', async () => {
		const source = slowSource([task('import-ami-a')]);
		const app = await renderApp([], {realSource: source, intervalMs: 5000});
		await app.timers.advance(5000 - (app.timers.now() - start));
		const idle = app.frame();
		assert.ok(!idle.includes('polling…'));
		await app.timers.advance(1999);
		assert.equal(app.frame(), idle, 'under 2 s: the same screen');
		await app.timers.advance(1);
		assert.match(app.frame(), /polling… \(2s\)/);
		await app.timers.advance(1000);
		assert.match(app.frame(), /polling… \(3s\)/);
		source.answer();
		await app.timers.advance(0);
		assert.ok(!app.frame().includes('polling…'));
		app.unmount();
	});
});
