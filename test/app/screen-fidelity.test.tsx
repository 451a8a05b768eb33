// Screen fidelity: the bytes the app writes (Ink, then the screen diff) are fed to a terminal emulator while a
// script of data changes, keys, resizes, foreign writes and Ctrl-L runs. After each step the emulator must show
// what a full redraw of the same frame shows on a fresh emulator; and, until the first resize, what Ink's own
// bytes show (a reference that owes nothing to our model of the screen). Task strings hold CJK, emoji, combining
// marks and Hangul fillers, and come through the sanitiser as EC2's would.

import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import {Writable} from 'node:stream';
import {after, test} from 'node:test';
import type {ReactElement} from 'react';
import {type ApiImportImageTask, normaliseTask} from '../../source/model/normalise-task.js';
import type {ImportTask} from '../../source/model/import-task.js';
import {rewriteStream} from '../../source/terminal/output-stream.js';
import {createScreenDiff} from '../../source/terminal/screen-diff.js';
import {createEmulator, type Emulator} from '../helpers/emulator.js';
import {createFakeTimers, settle} from '../helpers/fake-timers.js';
import {keys, scriptedSource, start} from '../helpers/render-app.js';

// Colours are part of what must match: chalk decides on colour when Ink is first loaded.
process.env.FORCE_COLOR = '1';
const {render} = await import('ink');
const {appElement} = await import('../helpers/app-harness.js');

const api = (id: string, fields: Partial<ApiImportImageTask>): ImportTask =>
	normaliseTask({ImportTaskId: id, Status: 'active', StatusMessage: 'converting', Progress: '20', ...fields});
const tasksAt = (step: number): ImportTask[] => [
	api('import-ami-0cjk0000000000001', {Description: '日本語のサーバー 東京', Progress: String(20 + step)}),
	api('import-ami-0emoji00000000002', {Description: '🚀 web-01 🇯🇵 ok', StatusMessage: step > 1 ? 'booting 🔁' : 'converting'}),
	api('import-ami-0mark000000000003', {Description: 'cafe\u0301 nai\u0308ve Zo\u0308e', Progress: String(40 + 2 * step)}),
	api('import-ami-0fill000000000004', {
		Description: `${step} filler\u3164here\u115Fand\uFFA0more\u1160end`,
		StatusMessage: 'validating\u00ADnow',
		Progress: String(30 + step),
	}),
	api('import-ami-0done000000000005', {
		Status: 'completed',
		StatusMessage: undefined,
		Progress: undefined,
		ImageId: 'ami-0123456789abcdef0',
		Description: '한국어 설명',
	}),
	...(step >= 2 ? [api('import-ami-0new0000000000006', {Description: `new ${'界'.repeat(step)} 👩🏽‍💻 arrives`, Progress: '5'})] : []),
];

/** A TTY-like stdout whose size the test sets; what is written goes to the emulators. */
class FakeTty extends Writable {
	isTTY = true;
	columns: number;
	rows: number;
	constructor(
		columns: number,
		rows: number,
		private readonly onWrite: (text: string) => void,
	) {
		super({decodeStrings: false});
		this.columns = columns;
		this.rows = rows;
	}
	override _write(chunk: unknown, _encoding: BufferEncoding, done: () => void): void {
		this.onWrite(typeof chunk === 'string' ? chunk : String(chunk));
		done();
	}
}

/** A TTY-like stdin Ink can read keys from (the shape ink-testing-library uses). */
class FakeStdin extends EventEmitter {
	isTTY = true;
	private data: string | null = null;
	write(data: string): void {
		this.data = data;
		this.emit('readable');
		this.emit('data', data);
	}
	read = (): string | null => {
		const {data} = this;
		this.data = null;
		return data;
	};
	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
}

let columns = 110;
let rows = 26;
/** What the user sees: the app's bytes and the foreign writes. */
const screen = createEmulator(columns, rows);
/** Ink's own bytes, no diff in between (compared until the first resize: Ink then writes one stale frame). */
const inkOnly = createEmulator(columns, rows);
/** The same bytes of Ink through a second diff, which only ever gives full repaints (the reference). */
const referenceDiff = createScreenDiff(() => ({columns, rows}));
const emulators: Emulator[] = [screen, inkOnly];
after(() => {
	for (const emulator of emulators) emulator.dispose();
});

const diff = createScreenDiff(() => ({columns, rows}));
const tty = new FakeTty(columns, rows, (text) => void screen.write(text));
const stream = rewriteStream(tty as unknown as NodeJS.WriteStream, (text) => {
	void inkOnly.write(text);
	referenceDiff(text);
	return diff(text);
});
const stdin = new FakeStdin();
const timers = createFakeTimers(start);
const source = scriptedSource(tasksAt(0));
let resized = false;
let bytes = 0;

const element: ReactElement = appElement({
	source,
	intervalMs: 60_000,
	timers,
	theme: {color: true, unicode: true},
	onRepaint: () => {
		const full = diff.repaint();
		bytes += full.length;
		tty.write(full);
	},
});
const instance = render(element, {
	stdout: stream,
	stdin: stdin as unknown as NodeJS.ReadStream,
	interactive: true,
	alternateScreen: true,
	incrementalRendering: true,
	maxFps: 1000,
	exitOnCtrlC: false,
	patchConsole: false,
});
after(async () => {
	instance.unmount();
	await instance.waitUntilExit();
});

/** Ink has drawn everything and the emulators have taken in every byte. */
async function flushed(): Promise<void> {
	await settle(10);
	await instance.waitUntilRenderFlush();
	await settle(3);
	await Promise.all([screen.write(''), inkOnly.write('')]);
}

/** What a full redraw of the current frame shows on a fresh terminal. */
async function fullRedraw(): Promise<string[]> {
	const fresh = createEmulator(columns, rows);
	emulators.push(fresh);
	await fresh.write(`\u001B[?1049h${referenceDiff.repaint()}`);
	return fresh.screen();
}

/** The screen now must be what a full redraw of the current frame shows on a fresh terminal. */
async function assertFaithful(step: string): Promise<void> {
	await flushed();
	const reference = await fullRedraw();
	assert.equal(screen.buffer(), 'alternate', step);
	assert.deepEqual(screen.screen(), reference, `${step}: the screen differs from a full redraw`);
	if (!resized) {
		assert.deepEqual(screen.screen(), inkOnly.screen(), `${step}: the screen differs from what Ink's own bytes draw`);
	}
}

async function poll(step: number): Promise<void> {
	source.set(tasksAt(step));
	const before = source.fetches;
	while (source.fetches === before && (await timers.runNext())) {}
	await settle(10);
}

function resize(toColumns: number, toRows: number): void {
	columns = toColumns;
	rows = toRows;
	tty.columns = columns;
	tty.rows = rows;
	for (const emulator of [screen, inkOnly]) emulator.resize(columns, rows);
	resized = true;
	tty.emit('resize');
}

test('the screen is what a full redraw shows, after every step of a script', async () => {
	await flushed();
	await poll(0);
	await assertFaithful('first data');
	assert.match(screen.screen().join('\n'), /日本語のサーバー/);
	assert.match(screen.screen().join('\n'), /\d filler\uFFFDhere/, 'the fillers are markers');

	for (const [step, key] of [
		['j', 'j'],
		['j again', 'j'],
		['details', keys.enter],
		['back', keys.escape],
		['sort', 's'],
		['help', '?'],
		['help closed', '?'],
		['filter', '/'],
		['filter text', 'e'],
		['filter kept', keys.enter],
		['filter cleared', keys.escape],
	] as const) {
		stdin.write(key);
		if (key === keys.escape) await new Promise((resolve) => setTimeout(resolve, 30));
		await assertFaithful(`key: ${step}`);
	}

	for (let step = 1; step <= 3; step++) {
		await poll(step);
		await assertFaithful(`data change ${step}`);
	}

	// Foreign output (a `wall` message, a background job), which moves the cursor and resets its colours at the
	// end as programs do (the diff trusts the terminal's style: a colour left set would tint the next update until
	// Ctrl-L): then Ctrl-L heals it.
	await screen.write('\u001B[5;20HFOREIGN 外来 TEXT\u001B[31m\u001B[12;1Hmore\u001B[m\u001B[H');
	assert.match(screen.screen().join('\n'), /FOREIGN/);
	stdin.write(keys.ctrlL);
	await assertFaithful('foreign write, then Ctrl-L');

	// A header tick (the age of the data: a frame that leaves the cursor on the first row); foreign output; the
	// next tick, a header-only frame, lands where it belongs; then Ctrl-L.
	await poll(4);
	await timers.advance(10_000);
	await flushed();
	const ticked = screen.screen()[0];
	await screen.write('\u001B[20;3H\u001B[7mstray\u001B[m');
	await timers.advance(10_000);
	await flushed();
	assert.notEqual(screen.screen()[0], ticked, 'the header ticked');
	// Every row but the one written on is as a full redraw has it: the update did not land after the stray text.
	const reference = await fullRedraw();
	const shown = screen.screen();
	assert.match(shown[19] ?? '', /stray/);
	assert.deepEqual(
		shown.filter((_, row) => row !== 19),
		reference.filter((_, row) => row !== 19),
		'the update after foreign output',
	);
	stdin.write(keys.ctrlL);
	await assertFaithful('foreign write, data change, Ctrl-L');

	const before = bytes;
	resize(96, 24);
	await assertFaithful('narrower and shorter');
	resize(130, 30);
	await assertFaithful('wider and taller');
	await poll(5);
	await assertFaithful('data change after the resizes');
	stdin.write('j');
	await assertFaithful('key after the resizes');
	stdin.write(keys.ctrlL);
	await assertFaithful('Ctrl-L after the resizes');
	assert.ok(bytes > before, 'Ctrl-L wrote a full frame');
});
