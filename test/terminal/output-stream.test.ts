import assert from 'node:assert/strict';
import {PassThrough, Writable} from 'node:stream';
import {test} from 'node:test';
import {createElement} from 'react';
import {playScreen} from '../../source/terminal/ink-bytes.js';
import {rewriteStream, streamSize} from '../../source/terminal/output-stream.js';
import {createScreenDiff} from '../../source/terminal/screen-diff.js';

// Styles are what the virtual screen must get right too: chalk decides on colour when Ink is first loaded.
process.env.FORCE_COLOR = '1';
const {Box, render, Text} = await import('ink');

interface Line {
	text: string;
	color?: string;
	inverse?: boolean;
}

/** A 30×6 TTY that keeps what Ink wrote and what the compactor made of it. */
function fakeTerminal() {
	let raw = '';
	let compacted = '';
	const stdout = new Writable({
		write(_chunk, _encoding, done) {
			done();
		},
	}) as unknown as NodeJS.WriteStream;
	Object.assign(stdout, {isTTY: true, columns: 30, rows: 6});
	const compact = createScreenDiff(streamSize(stdout));
	const stream = rewriteStream(stdout, (text) => {
		raw += text;
		const out = compact(text);
		compacted += out;
		return out;
	});
	return {stream, raw: () => raw, compacted: () => compacted};
}

function Board({lines}: {lines: readonly Line[]}) {
	return createElement(
		Box,
		{flexDirection: 'column', height: 6, width: 30},
		...lines.map((line, index) => createElement(Text, {key: index, color: line.color, inverse: line.inverse, wrap: 'truncate'}, line.text)),
	);
}

test("under real Ink, the compacted bytes draw the same screen as Ink's, with fewer bytes", async () => {
	const terminal = fakeTerminal();
	const stdin = Object.assign(new PassThrough(), {isTTY: false}) as unknown as NodeJS.ReadStream;
	const steps: Line[][] = [
		[{text: 'ec2-import-watch · last 10:00:01'}, {text: '> task-1  ▶ active   ▏░░░  2%', inverse: true}, {text: '  task-2  ✔ completed', color: 'green'}],
		[{text: 'ec2-import-watch · last 10:00:03'}, {text: '> task-1  ▶ active   ▎░░░  3%', inverse: true}, {text: '  task-2  ✔ completed', color: 'green'}],
		[{text: 'ec2-import-watch · last 10:00:05'}, {text: '> task-1  ▶ active   ▎░░░  3%', inverse: true}, {text: '  task-2  ✔ done', color: 'yellow'}],
		[{text: 'ec2-import-watch · 中文 tâche 😀'}, {text: '  task-1  ▶ active   ▎░░░  3%'}, {text: '> task-2  ✔ done', color: 'yellow', inverse: true}],
		[{text: 'ec2-import-watch · 文中 tâche 😀'}, {text: ''}, {text: '> task-2', inverse: true}, {text: 'a new line at the bottom'}],
	];
	const first = steps[0] ?? [];
	const instance = render(createElement(Board, {lines: first}), {
		stdout: terminal.stream,
		stdin,
		interactive: true,
		alternateScreen: true,
		incrementalRendering: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	const size = {columns: 30, rows: 6};
	let rawTotal = 0;
	let ourTotal = 0;
	const written: string[] = [];
	for (const lines of steps) {
		const rawBefore = terminal.raw().length;
		const ourBefore = terminal.compacted().length;
		instance.rerender(createElement(Board, {lines}));
		await instance.waitUntilRenderFlush();
		assert.deepEqual(playScreen(terminal.compacted(), size), playScreen(terminal.raw(), size), `after ${JSON.stringify(lines.map((line) => line.text))}`);
		rawTotal += terminal.raw().length - rawBefore;
		ourTotal += terminal.compacted().length - ourBefore;
		written.push(terminal.compacted().slice(ourBefore));
	}
	instance.unmount();
	await instance.waitUntilExit();
	assert.ok(ourTotal < rawTotal * 0.75, `${ourTotal} B against Ink's ${rawTotal} B`);
	// One bar cell and one digit: two cells, an absolute move to the first, one move between them (and the row's
	// inverse style).
	assert.equal(written[1], '\u001B[?2026h\u001B[2;22H\u001B[0;7m▎\u001B[5C3\u001B[?2026l');
	// Leaving: the alternate screen is left and the cursor shown, as Ink wrote it.
	assert.match(terminal.compacted(), /\u001B\[\?1049l\u001B\[\?25h$/);
});
