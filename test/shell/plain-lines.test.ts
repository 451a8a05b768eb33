import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {initialState, reduce} from '../../source/model/state.js';
import {changeLines, pollLines, wrapToWidth} from '../../source/shell/plain-lines.js';
import {plainColumns} from '../../source/ui/task-columns.js';
import {task} from '../helpers/tasks.js';

// One line per change: the date and time, the task, what changed, and the ETA of a task still active.

const minute = 60_000;
const at = Date.UTC(2026, 11, 7, 8, 15, 3);

function polled(...polls: ReturnType<typeof task>[][]) {
	let state = initialState({stuckAfterMs: 30 * minute});
	for (const [index, tasks] of polls.entries()) {
		const now = at + index * minute;
		state = reduce(state, {type: 'poll-started', at: now, generation: index + 1});
		state = reduce(state, {type: 'poll-succeeded', at: now, generation: index + 1, tasks, nextPollAt: now + minute});
	}
	return state;
}

describe('changeLine', () => {
	it('says when (with the date), which task, what changed, and the ETA', () => {
		const state = polled(
			[task('import-ami-a', {progress: 10})],
			[task('import-ami-a', {progress: 20})],
			[task('import-ami-a', {progress: 30, statusMessage: 'booting'})],
		);
		const lines = state.lastEntries.flatMap((entry) => changeLines(entry, state, 200, 'UTC'));
		assert.deepEqual(lines, [
			'2026-12-07 08:17:03 import-ami-a converting → booting · ETA 7m 00s',
			'2026-12-07 08:17:03 import-ami-a passed 25% (was 20%) · ETA 7m 00s',
		]);
	});

	it('within the width, shortens the old value first, keeps the new one whole and the ETA', () => {
		const id = 'import-ami-0123456789abcdef0';
		const state = polled(
			[task(id, {progress: 10, statusMessage: 'downloading/converting a long old story'})],
			[task(id, {progress: 20, statusMessage: 'downloading/converting a long old story'})],
			[task(id, {progress: 30, statusMessage: 'booting'})],
		);
		const [message, ...rest] = changeLines(state.lastEntries[0] ?? assert.fail('no entry'), state, 80, 'UTC');
		assert.deepEqual(rest, []);
		assert.equal(message, `2026-12-07 08:17:03 ${id} downloa… → booting · ETA 7m 00s`);
		assert.equal(message?.length, 80);
	});

	it('when the new value does not fit even so, wraps the change onto indented lines, nothing cut, ETA at the end', () => {
		const id = 'import-ami-0123456789abcdef0';
		const long = 'ClientError: Disk validation failed [We do not have access to the given resource. Reason 403 Forbidden]';
		const state = polled([task(id, {progress: 10})], [task(id, {progress: 20})], [task(id, {progress: 30, statusMessage: long})]);
		const lines = changeLines(state.lastEntries[0] ?? assert.fail('no entry'), state, 80, 'UTC');
		assert.ok(lines.length > 1, JSON.stringify(lines));
		for (const line of lines) assert.ok(line.length <= 80, line);
		for (const line of lines.slice(1)) assert.match(line, /^ {2}\S/);
		assert.equal(lines.map((line) => line.trim()).join(' '), `2026-12-07 08:17:03 ${id} converting → ${long} · ETA 7m 00s`);
		assert.doesNotMatch(lines.join('\n'), /…/);
	});

	it('has no ETA for a task that ended, and fits the width', () => {
		const state = polled([task('import-ami-a')], [task('import-ami-a', {status: 'completed', statusMessage: undefined, progress: undefined})]);
		const [status] = state.lastEntries.flatMap((entry) => changeLines(entry, state, 200, 'UTC'));
		assert.equal(status, '2026-12-07 08:16:03 import-ami-a status active → completed');
		for (const entry of state.lastEntries) for (const line of changeLines(entry, state, 30, 'UTC')) assert.ok(line.length <= 30, line);
	});
});

describe('wrapToWidth', () => {
	it('wraps at spaces onto indented lines, each within the width, losing nothing', () => {
		const lines = wrapToWidth('2026-12-07 08:15:03 endpoint unreachable since 08:15:03: cannot reach EC2 — check the network', 40);
		for (const line of lines) assert.ok(line.length <= 40, line);
		assert.equal(lines.map((line) => line.trim()).join(' '), '2026-12-07 08:15:03 endpoint unreachable since 08:15:03: cannot reach EC2 — check the network');
		assert.match(lines[1] ?? '', /^ {2}\S/);
	});
	it('breaks a word longer than a line instead of cutting it (a wrapped line loses nothing)', () => {
		const lines = wrapToWidth(`2026-12-07 08:15:03 ${'x'.repeat(50)} ok`, 30);
		for (const line of lines) assert.ok(line.length <= 30, line);
		assert.ok(lines[0]?.startsWith('2026-12-07 08:15:03 x'), lines[0]);
		assert.equal(
			lines
				.map((line) => line.trim())
				.join('')
				.replaceAll(' ', ''),
			`2026-12-0708:15:03${'x'.repeat(50)}ok`,
		);
	});
});

describe('the first heading', () => {
	it('at 80 columns says every count (the deleted one too), without "watched 0s"', () => {
		const tasks = [
			...Array.from({length: 11}, (_, index) => task(`import-ami-active${index}`)),
			...Array.from({length: 8}, (_, index) => task(`import-ami-done${index}`, {status: 'completed'})),
			task('import-ami-going', {status: 'deleting'}),
			task('import-ami-gone', {status: 'deleted'}),
		];
		const state = polled(tasks);
		const lines = pollLines(state, true, at, plainColumns({color: false, unicode: false}, false, false, tasks), 80);
		const heading = lines
			.slice(
				0,
				lines.findIndex((line) => line.includes('TASK ID')),
			)
			.join(' ');
		assert.match(heading, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d 21 tasks \(11 active, 8 completed, 1 deleting, 1 deleted\)$/);
		for (const line of lines) assert.ok(line.length <= 80, `wider than 80: ${line}`);
	});
});
