import assert from 'node:assert/strict';
import {afterEach, describe, it} from 'node:test';
import type {ImportTask} from '../../source/model/import-task.js';
import {displayWidth} from '../../source/text/text-width.js';
import {task} from '../helpers/tasks.js';

// The timeline (t): the list's tasks as bars on one time axis, in every state, at 120×40 and 80×24, in ASCII and
// without colour; the selection is the list's, Enter opens the task and Esc goes back.

// Tick labels are local times: one zone, so they are the same on every machine. Colour on, so that a theme
// without colour is seen to send none (chalk decides when Ink is first loaded).
process.env.TZ = 'UTC';
process.env.FORCE_COLOR = '1';
const {keys, renderApp} = await import('../helpers/render-app.js');
type AppHarness = Awaited<ReturnType<typeof renderApp>>;

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

const a = 'import-ami-0aaaaaaaaaaaaaaa1';
const b = 'import-ami-0bbbbbbbbbbbbbbb2';
const c = 'import-snap-0ccccccccccccccc3';
const d = 'import-ami-0ddddddddddddddd4';
const done = {status: 'completed', statusMessage: undefined, progress: undefined};
const failed = {status: 'deleted', statusMessage: 'ClientError: Disk validation failed', progress: undefined};
const snap = (progress: number | undefined, extra: Partial<ImportTask> = {}) => task(c, {kind: 'snapshot', progress, ...extra});

/**
 * A wave polled every 5 minutes from 20:26:40 UTC: a completes, b fails, c is cancelled, d (new at the second poll)
 * is still going.
 */
const wave: ImportTask[][] = [
	[task(a, {progress: 10}), task(b, {progress: 5}), snap(2)],
	[task(a, {progress: 40}), task(b, {progress: 30}), snap(20), task(d, {progress: 3})],
	[task(a, {progress: 70}), task(b, failed), snap(20, {status: 'deleting', statusMessage: 'cancelled from ec2-import-watch'}), task(d, {progress: 9})],
	[task(a, done), task(b, failed), snap(undefined, {status: 'deleted', statusMessage: 'cancelled from ec2-import-watch'}), task(d, {progress: 30})],
	[task(a, done), task(b, failed), snap(undefined, {status: 'deleted', statusMessage: 'cancelled from ec2-import-watch'}), task(d, {progress: 30})],
];

const plain = {color: false, unicode: true};
const ascii = {color: false, unicode: false};

async function watchWave(columns: number, rows: number, theme = plain): Promise<AppHarness> {
	const [first = [], ...rest] = wave;
	const harness = await renderApp(first, {columns, rows, theme, intervalMs: 5 * 60_000});
	for (const tasks of rest) {
		harness.source.set(tasks);
		await harness.poll();
	}
	return harness;
}

const sgr = /\u001B\[[0-9;]*m/g;
const lines = (frame: string) => frame.replace(sgr, '').split('\n');
/** The screen as text (bold and inverse left out). */
const text = (harness: AppHarness) => harness.frame().replace(sgr, '');
/** The timeline's lines: from its axis to the line above the hints. */
const body = (frame: string) => {
	const all = lines(frame);
	return all.slice(
		all.findIndex((line) => line.startsWith('  TASK ')),
		-1,
	);
};

/** The runs of a line's visible text by the foreground colour in effect (30–37, 90–97), blanks left out. */
function colourRuns(line: string): {colour: string; run: string}[] {
	const runs: {colour: string; run: string}[] = [];
	let colour = '';
	for (const part of line.split(/(\u001B\[[0-9;]*m)/)) {
		const code = /^\u001B\[([0-9;]*)m$/.exec(part)?.[1];
		if (code !== undefined) {
			if (/^(3[0-7]|9[0-7])$/.test(code)) colour = code;
			if (code === '39' || code === '0' || code === '') colour = '';
			continue;
		}
		const visible = part.trim();
		if (visible === '' || colour === '') continue;
		const last = runs[runs.length - 1];
		if (last !== undefined && last.colour === colour) last.run += visible;
		else runs.push({colour, run: visible});
	}
	return runs;
}

describe('timeline', () => {
	it('at 120×40: a bar per task on one axis, from first sight to its end or now, glyphed by state', async () => {
		app = await watchWave(120, 40);
		await app.press('t');
		assert.deepEqual(body(app.frame()).slice(0, 7), [
			'  TASK                         20:28   20:30   20:32   20:34   20:36   20:38   20:40   20:42   20:44   20:46   20:48',
			'  ami-0ddddddddddddddd4        ┊       ┊     ██████████████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░▶     ┊',
			'> ami-0aaaaaaaaaaaaaaa1  ████████████████████████████████████████████████████████████✔ ┊       ┊       ┊       ┊',
			'  ami-0bbbbbbbbbbbbbbb2  ████████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░✖     ┊       ┊       ┊       ┊       ┊       ┊',
			'  snap-0ccccccccccccccc3 ████████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░⊘ ┊       ┊       ┊       ┊',
			'2/4 · import-ami-0aaaaaaaaaaaaaaa1 completed: 20:26 → 20:41 (15m 00s)',
			'▶ active ✔ completed ✖ failed ⊘ cancelled · 1 column = 15s',
		]);
	});

	it('a task that had already ended when first seen claims no duration: its line says so, its row is one mark', async () => {
		app = await renderApp(
			[task(a, done), task(b, failed), snap(undefined, {status: 'deleted', statusMessage: 'cancelled from ec2-import-watch'}), task(d, {progress: 3})],
			{columns: 120, rows: 40, theme: plain, intervalMs: 5 * 60_000},
		);
		app.source.set([
			task(a, done),
			task(b, failed),
			snap(undefined, {status: 'deleted', statusMessage: 'cancelled from ec2-import-watch'}),
			task(d, {progress: 9}),
		]);
		await app.poll();
		await app.press('t');
		const said = new Map<string, string>();
		for (let step = 0; step < 4; step++) {
			const all = body(app.frame());
			const selected = all.find((line) => line.startsWith('> ')) ?? '';
			const detail = all.find((line) => /^\d+\/\d+ · /.test(line)) ?? '';
			said.set(detail.replace(/^\d+\/\d+ · /, ''), selected);
			await app.press('j');
		}
		const ended: [string, string, string][] = [
			[a, 'completed', '✔'],
			[b, 'failed', '✖'],
			[c, 'cancelled', '⊘'],
		];
		for (const [id, state, mark] of ended) {
			const line = `${id}: already ${state} when first seen at 20:26`;
			const row = said.get(line);
			assert.ok(row !== undefined, `no "${line}" in ${JSON.stringify([...said.keys()])}`);
			const cells = row.slice(25).replace(/[┊ ]/g, '');
			assert.equal(cells, mark, `${id}: a mark at first sight, not a bar: ${row}`);
		}
		assert.ok(
			[...said.keys()].some((line) => line.startsWith(`${d} active at 9%: 20:26 → now`)),
			'a task still going keeps its span',
		);
		assert.doesNotMatch([...said.keys()].join('\n'), /\(0s\)/);
	});

	it('at 80×24 in ASCII without colour: short ids, the bars in the rest, nothing wider than 80', async () => {
		app = await watchWave(80, 24, ascii);
		await app.press('t');
		assert.deepEqual(body(app.frame()).slice(0, 7), [
			'  TASK                          20:30     20:35     20:40     20:45     20:50',
			'  ami-0ddddddddddddddd4         :  #########---------------------o      :',
			'> ami-0aaaaaaaaaaaaaaa1  ##############################+      :         :',
			'  ami-0bbbbbbbbbbbbbbb2  ######--------------x      :         :         :',
			'  snap-0ccccccccccccccc3 ######------------------------/      :         :',
			'2/4 · import-ami-0aaaaaaaaaaaaaaa1 completed: 20:26 > 20:41 (15m 00s)',
			'o active + completed x failed / cancelled · 1 column = 30s',
		]);
		assert.doesNotMatch(app.frame(), /\u001B\[(3\d|9\d|4\d)m/, 'no colour is sent');
		for (const line of lines(app.frame())) assert.ok(line.length <= 80, line);
		for (const line of body(app.frame()).slice(0, 5)) assert.match(line, /^[\x20-\x7e]*$/, 'the axis and the bars are ASCII');
	});

	it('in colour: each bar and its end glyph in its state’s colour, the track and the grid dim', async () => {
		app = await watchWave(120, 40, {color: true, unicode: true});
		await app.press('t');
		const row = (label: string) =>
			app
				?.frame()
				.split('\n')
				.find((line) => line.includes(label)) ?? '';
		// Each run: its colour and its text without spaces, a glyph repeated said once.
		const colours = (line: string) => colourRuns(line).map(({colour, run}) => `${colour}:${run.replace(/ /g, '').replace(/([^\p{L}])\1+/gu, '$1')}`);
		assert.deepEqual(colours(row('ami-0ddddddddddddddd4')), ['90:┊', '36:█', '90:░', '36:▶', '90:┊'], 'active: cyan');
		assert.deepEqual(colours(row('ami-0aaaaaaaaaaaaaaa1')), ['32:█✔', '90:┊'], 'completed: green');
		assert.deepEqual(colours(row('ami-0bbbbbbbbbbbbbbb2')), ['31:█', '90:░', '31:✖', '90:┊'], 'failed: red');
		assert.deepEqual(colours(row('snap-0ccccccccccccccc3')), ['33:█', '90:░', '33:⊘', '90:┊'], 'cancelled: yellow');
		assert.deepEqual(
			colours(
				app
					.frame()
					.split('\n')
					.find((line) => line.replace(sgr, '').startsWith('▶ active ✔ completed')) ?? '',
			),
			['36:▶active', '32:✔completed', '31:✖failed', '33:⊘cancelled', '90:·1column=15s'],
			'the legend in the same colours',
		);
	});

	it('the selection is the list’s: moving in either moves both; Enter opens the task and Esc comes back', async () => {
		app = await watchWave(120, 40);
		await app.press('j', 't');
		assert.match(text(app), /^> ami-0bbbbbbbbbbbbbbb2 /m, 'selected in the list, selected here');
		await app.press('j');
		assert.match(text(app), /^> snap-0ccccccccccccccc3 /m);
		assert.match(text(app), /4\/4 · import-snap-0ccccccccccccccc3 cancelled at 20%: 20:26 → 20:41 \(15m 00s\)/);
		await app.press(keys.escape);
		assert.match(text(app), /TASK ID +KIND +STATUS/, 'back in the list');
		assert.match(text(app), /^> import-snap-0ccccccccccccccc3 /m, 'on the task chosen in the timeline');
		await app.press('t', 'k', keys.enter);
		assert.match(text(app), /Task import-ami-0bbbbbbbbbbbbbbb2/);
		await app.press(keys.escape);
		assert.match(text(app), /^> ami-0bbbbbbbbbbbbbbb2 /m, 'Esc from the details comes back to the timeline');
		await app.press('g');
		assert.match(text(app), /^> ami-0ddddddddddddddd4 /m);
		await app.press('G');
		assert.match(text(app), /^> snap-0ccccccccccccccc3 /m);
		assert.match(text(app), /↑↓\/jk move {2}Enter details {2}Esc back {2}r refresh {2}p pause {2}\? help {2}q quit/);
	});

	it('shows the list’s rows: its filter and its order, and says so when none is left', async () => {
		app = await watchWave(120, 40);
		await app.press('5', 'S');
		const listed = [...text(app).matchAll(/^[> ] import-(\S+)/gm)].map((match) => match[1]);
		assert.deepEqual(listed, ['snap-0ccccccccccccccc3', 'ami-0bbbbbbbbbbbbbbb2'], 'deleted ones, oldest first');
		await app.press('t');
		assert.deepEqual(
			[...text(app).matchAll(/^[> ] ((?:ami|snap)-\S+)/gm)].map((match) => match[1]),
			listed,
		);
		assert.match(body(app.frame())[0] ?? '', /^ {2}TASK +20:28 /, 'the axis starts at the first of these tasks');
		await app.press(keys.escape, '4', 't');
		assert.match(text(app), /^ {2}No deleting tasks \(Esc: back to the list to change the filter\)\.$/m);
	});

	it('updates on each poll: a bar grows with its progress and a new task gets a row', async () => {
		app = await watchWave(120, 40);
		await app.press('t');
		app.source.set([
			...(wave[4] ?? []).map((one) => (one.importTaskId === d ? {...one, progress: 90} : one)),
			task('import-ami-0eeeeeeeeeeeeeee5', {progress: 1}),
		]);
		await app.poll();
		assert.deepEqual(
			body(app.frame()).slice(0, 3),
			[
				'  TASK                             20:30          20:35          20:40          20:45          20:50          20:55',
				'  ami-0eeeeeeeeeeeeeee5            ┊              ┊              ┊              ┊              ┊    ▶         ┊',
				'  ami-0ddddddddddddddd4            ┊    ██████████████████████████████████████████████████████░░░░░░▶         ┊',
			],
			'the new task is one cell, at now; d is 90 % along its bar',
		);
		assert.match(text(app), /1 column = 20s/, 'the axis stepped up to hold 25 minutes');
	});

	it('a row is named by its name (here its Name tag) when no other row has it (wide text cut to the column, the bars still line up)', async () => {
		const named = (id: string, name: string, extra: Partial<ImportTask> = {}) => task(id, {tags: [{key: 'Name', value: name}], ...extra});
		app = await renderApp(
			[named(a, 'web-01'), named(b, 'db-primary'), named(c, 'db-primary', {kind: 'snapshot'}), named(d, '東京のデータベース・本番サーバー二号機')],
			{columns: 80, rows: 24},
		);
		await app.press('t');
		const rows = body(app.frame()).slice(1, 5);
		assert.deepEqual(
			rows.map((line) => line.slice(2, line.search(/[▶✔✖⊘]/)).trimEnd()),
			['web-01', 'ami-0bbbbbbbbbbbbbbb2', 'snap-0ccccccccccccccc3', '東京のデータベース・本 …'],
		);
		const barStart = (line: string) => displayWidth(line.slice(0, line.search(/[▶✔✖⊘]/)));
		assert.deepEqual(rows.map(barStart), [27, 27, 27, 27], 'each bar in column 27: 2 + 24 + 1');
	});

	it('a row is named as the list names the task: its description, a snapshot’s disk description, else its Name tag', async () => {
		const tag = (name: string) => [{key: 'Name', value: name}];
		app = await renderApp(
			[
				task(a, {description: 'web tier', tags: tag('web-01')}),
				task(b, {tags: tag('db-primary')}),
				task(c, {kind: 'snapshot', tags: tag('snap-tag'), snapshotDetails: [{description: 'data disk', format: 'VMDK'}]}),
				task(d),
			],
			{columns: 120, rows: 40},
		);
		// The list's DESCRIPTION column, the last: what follows the progress.
		const named = [...text(app).matchAll(/^[> ] import-(\S+) .*% ?(.*?)\s*$/gm)].map((match) => [match[1], match[2]]);
		assert.deepEqual(
			named,
			[
				['ami-0aaaaaaaaaaaaaaa1', 'web tier'],
				['ami-0bbbbbbbbbbbbbbb2', 'db-primary'],
				['snap-0ccccccccccccccc3', 'data disk'],
				['ami-0ddddddddddddddd4', ''],
			],
			'the list',
		);
		await app.press('t');
		assert.deepEqual(
			body(app.frame())
				.slice(1, 5)
				.map((line) => line.slice(2, line.search(/[▶✔✖⊘]/)).trimEnd()),
			['web tier', 'db-primary', 'data disk', 'ami-0ddddddddddddddd4'],
			'the timeline: the same names, the id where the list has none',
		);
	});

	it('help has a Timeline section; ? and Esc come back to the timeline', async () => {
		app = await watchWave(120, 60);
		await app.press('t', '?');
		assert.match(text(app), /^Timeline \(t\)\n {2}Enter +Show the selected task’s details \(Esc comes back\)$/m);
		assert.match(text(app), /^ {2}t +Show the tasks on a time line/m);
		await app.press(keys.escape);
		assert.match(text(app), /^ {2}TASK +20:28/m);
	});
});
