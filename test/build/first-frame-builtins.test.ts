import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {test} from 'node:test';
import {launchPath} from '../helpers/built-app.js';
import {assertBuilt} from '../helpers/term.js';

// dist/launch.js loads the built-ins the TUI's first frame needs before it sets its V8 flags: after that, Node
// compiles each built-in from source (source/launch.ts says why). A built-in the bundle gains on that path and the
// list lacks makes the start-up slower without failing anything else: this test is what notices.

const chunks = join(launchPath, '..', 'chunks');

/** The chunks loaded up to the first frame: the static imports from launch.js, and the imports the TUI awaits. */
function firstFrameChunks(): Map<string, string> {
	const awaited = /^(?:cli|run-watch|run-tui|server)-/;
	const found = new Map<string, string>();
	const visit = (file: string) => {
		if (found.has(file)) return;
		const code = readFileSync(file, 'utf8');
		found.set(file, code);
		for (const match of code.matchAll(/^(?:import|export)\s[^;]*?from\s*"(\.\.?\/[^"]+)"|import\("(\.\.?\/[^"]+)"\)/gm)) {
			const [, statically, dynamically] = match;
			const target = statically ?? dynamically;
			if (target === undefined) continue;
			const path = join(file, '..', target);
			if (statically !== undefined || awaited.test(path.split('/').at(-1) ?? '')) visit(path);
		}
	};
	visit(launchPath);
	return found;
}

test('the built-ins loaded before the first frame are all loaded before the V8 flags are set', () => {
	assertBuilt();
	const launch = readFileSync(launchPath, 'utf8');
	const listed = /firstFrameBuiltins = (\[[^\]]*\])/.exec(launch)?.[1];
	assert.ok(listed !== undefined, 'dist/launch.js names its first-frame built-ins');
	const preloaded = new Set(JSON.parse(listed) as string[]);
	assert.ok(launch.indexOf('firstFrameBuiltins) require') < launch.indexOf('--max-opt=2'), 'loaded before the flags are set');
	const files = firstFrameChunks();
	assert.ok(
		[...files.keys()].some((file) => file.includes('/run-tui-')),
		'the TUI chunk is on the path',
	);
	assert.ok(readdirSync(chunks).length > files.size, 'not every chunk is on the path (the SDK is not)');
	const needed = new Map<string, string>();
	for (const [file, code] of files) {
		if (file === launchPath) continue;
		for (const match of code.matchAll(/__require\d*\("(?:node:)?([a-z_/]+)"\)/g)) needed.set(match[1] ?? '', file.split('/').at(-1) ?? file);
		for (const match of code.matchAll(/^import [^;]* from "(?:node:)?([a-z_/]+)";$/gm)) needed.set(match[1] ?? '', file.split('/').at(-1) ?? file);
	}
	// node:module is loaded by launch.js itself (its first lines import it).
	const missing = [...needed].filter(([name]) => name !== 'module' && !preloaded.has(name)).map(([name, file]) => `${name} (${file})`);
	assert.deepEqual(missing, []);
	assert.ok(needed.size >= 10, `${needed.size} built-ins found: the search finds them`);
});
