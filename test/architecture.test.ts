import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';
import {test} from 'node:test';

// The shape of source/, read from its imports: layers point only down, no circles, small files, few loose files.

const root = resolve(import.meta.dirname, '..', 'source');

function walk(dir: string): string[] {
	return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
}

const files = walk(root)
	.filter((file) => /\.tsx?$/.test(file))
	.map((file) => relative(root, file));

/** The room a file is in: its folder under source/, or for a loose file its own name. */
function roomOf(file: string): string {
	const [first = '', ...rest] = file.split('/');
	return rest.length === 0 ? first.replace(/\.tsx?$/, '') : first;
}

/** Which rooms each room may import from (itself always). Imports point down: shell → app → ui → model → text. */
const allowed: Record<string, readonly string[]> = {
	text: [],
	model: ['text'],
	watch: ['model', 'text'],
	terminal: ['model', 'text'],
	ui: ['model', 'text'],
	app: ['ui', 'model', 'text', 'watch'],
	shell: ['app', 'ui', 'model', 'text', 'watch', 'terminal', 'simulator'],
	cli: ['shell', 'terminal', 'watch', 'model', 'text', 'simulator'],
	launch: ['cli'],
	'ink-devtools-stub': [],
	simulator: [],
	build: [],
};

/** Packages (not node:*) each room may import; the SDK only in watch/, Ink and React only where screens are built. */
const packages: Record<string, readonly string[]> = {
	// The width Ink lays out with, so that our columns and Ink's agree.
	text: ['string-width'],
	watch: ['@aws-sdk/client-ec2'],
	ui: ['ink', 'react'],
	app: ['ink', 'react'],
	shell: ['ink', 'react'],
	cli: ['meow'],
	build: ['esbuild'],
};

interface Import {
	specifier: string;
	line: number;
}

function importsOf(file: string): Import[] {
	const text = readFileSync(join(root, file), 'utf8');
	const found: Import[] = [];
	const pattern = /(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;
	for (const match of text.matchAll(pattern)) {
		const specifier = match[1] ?? match[2] ?? match[3];
		// package.json (read for the version) is data, not a room.
		if (specifier !== undefined && !specifier.endsWith('.json')) found.push({specifier, line: text.slice(0, match.index).split('\n').length});
	}
	return found;
}

function resolveLocal(from: string, specifier: string): string {
	const target = relative(root, resolve(root, dirname(from), specifier)).replace(/\.js$/, '');
	const match = files.find((file) => file === `${target}.ts` || file === `${target}.tsx`);
	assert.ok(match !== undefined, `${from}: import ${specifier} names no file in source/`);
	return match;
}

const graph = new Map(files.map((file) => [file, importsOf(file)]));

test('imports point only down the layers, and packages stay in their rooms', () => {
	const wrong: string[] = [];
	for (const [file, imports] of graph) {
		const room = roomOf(file);
		const rooms = allowed[room];
		assert.ok(rooms !== undefined, `${file} is in no known room (${room}); add it to the table in this test`);
		for (const {specifier, line} of imports) {
			if (specifier.startsWith('node:')) continue;
			if (specifier.startsWith('.')) {
				const target = roomOf(resolveLocal(file, specifier));
				if (target !== room && !rooms.includes(target)) wrong.push(`${file}:${line} (${room}) imports ${specifier} (${target})`);
			} else if (!(packages[room] ?? []).includes(specifier)) {
				wrong.push(`${file}:${line} (${room}) imports the package ${specifier}`);
			}
		}
	}
	assert.deepEqual(wrong, []);
});

test('no import circles', () => {
	const edges = new Map(
		[...graph].map(([file, imports]) => [file, imports.filter(({specifier}) => specifier.startsWith('.')).map(({specifier}) => resolveLocal(file, specifier))]),
	);
	const done = new Set<string>();
	const circles: string[] = [];
	const visit = (file: string, path: string[]) => {
		const at = path.indexOf(file);
		if (at >= 0) {
			circles.push([...path.slice(at), file].join(' → '));
			return;
		}
		if (done.has(file)) return;
		for (const next of edges.get(file) ?? []) visit(next, [...path, file]);
		done.add(file);
	};
	for (const file of files) visit(file, []);
	assert.deepEqual(circles, []);
});

test('no source file over 400 lines', () => {
	const long = files.map((file) => ({file, lines: readFileSync(join(root, file), 'utf8').split('\n').length})).filter(({lines}) => lines > 400);
	assert.deepEqual(long, []);
});

test('at most three files loose in source/ (the two entry points and the devtools stub); the TUI is in app/', () => {
	const loose = readdirSync(root, {withFileTypes: true}).filter((entry) => entry.isFile());
	assert.ok(loose.length <= 3, `loose in source/: ${loose.map((entry) => entry.name).join(', ')}`);
});

test('a key goes to what it does in one step: the keymap names the action, no second vocabulary in between', () => {
	// In ui/ only the keymap turns anything into a reducer action; the key handler reads ui/ only through it.
	const naming = files.filter(
		(file) =>
			file.startsWith('ui/') && /\bimport\s+(?:type\s+)?\{[^}]*\bAction\b[^}]*\}\s+from\s+'[^']*model\/state\.js'/.test(readFileSync(join(root, file), 'utf8')),
	);
	assert.deepEqual(naming, ['ui/keymap.ts']);
	const read = (graph.get('app/key-handler.ts') ?? [])
		.filter(({specifier}) => specifier.startsWith('.'))
		.map(({specifier}) => resolveLocal('app/key-handler.ts', specifier));
	assert.deepEqual(
		read.filter((file) => file.startsWith('ui/')),
		['ui/keymap.ts'],
	);
});

test('no module-level mutable state but the lazy SDK loader (and the Intl formatter kept for a named zone)', () => {
	// A `let` or `var` at the top of a file is state every instance shares (tests included): data belongs to a watch
	// session, what is visible to a screen's own memo.
	const allowedLets = new Set(['watch/ec2-source.ts:sdk', 'model/format.ts:zoneFormatter']);
	const found = files.flatMap((file) =>
		[...readFileSync(join(root, file), 'utf8').matchAll(/^(?:export\s+)?(?:let|var)\s+(\w+)/gm)].map((match) => `${file}:${match[1]}`),
	);
	assert.deepEqual(
		found.filter((name) => !allowedLets.has(name)),
		[],
	);
});

test('the watch session is headless, and a poll result is completed in one place: nobody asks the source again', () => {
	const session = (graph.get('watch/watch-session.ts') ?? []).map(({specifier}) => specifier);
	assert.deepEqual(
		session.filter((specifier) => !specifier.startsWith('.')),
		[],
	);
	const asking = files.filter(
		(file) =>
			!file.startsWith('watch/') &&
			file !== 'model/task-source.ts' &&
			/\.(?:pollNotes|partialFaults|priorHistory)\?*\.?\(/.test(readFileSync(join(root, file), 'utf8')),
	);
	assert.deepEqual(asking, []);
});

test('plain lines read only the session’s data: no screen state, no visible list sorted for a selection nobody sees', () => {
	const read = (graph.get('shell/plain-lines.ts') ?? [])
		.filter(({specifier}) => specifier.startsWith('.'))
		.map(({specifier}) => resolveLocal('shell/plain-lines.ts', specifier));
	assert.deepEqual(
		read.filter((file) => ['model/state.ts', 'model/selectors.ts', 'model/visible-tasks.ts', 'model/task-sort.ts'].includes(file)),
		[],
	);
	assert.ok(read.includes('watch/watch-session.ts'));
});
