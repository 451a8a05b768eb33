import assert from 'node:assert/strict';
import {readFile, writeFile} from 'node:fs/promises';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {it} from 'node:test';
import {pathToFileURL} from 'node:url';
import {applyEdits, evaluatedOnFirstCall, meowWithLazyExtras, yogaWithoutFetch} from '../../source/build/deferred-dependency-work.js';
import {scratchDir} from '../helpers/scratch-dir.js';

const require = createRequire(import.meta.url);
const dir = scratchDir('deferred-work-');
let written = 0;

/** `code` as an ES module file of its own, imported. */
async function importCode(code: string): Promise<Record<string, unknown>> {
	written += 1;
	const file = join(dir, `module-${written}.mjs`);
	await writeFile(file, code);
	return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}

it('an edit whose text is missing or found twice fails with one line naming the file', () => {
	assert.equal(applyEdits('a b c', [{find: 'b', replace: 'B'}], 'x.js'), 'a B c');
	assert.throws(() => applyEdits('a b c', [{find: 'd', replace: 'D'}], 'x.js'), /^Error: x\.js: expected exactly one "d"$/);
	assert.throws(() => applyEdits('b b', [{find: 'b', replace: 'B'}], 'x.js'), /x\.js: expected exactly one "b"/);
});

it('a module made evaluated-on-first-call runs its body once, at the first call, and answers as before', async () => {
	const source = [
		"import {basename} from 'node:path';",
		'globalThis.deferredBodyRuns = (globalThis.deferredBodyRuns ?? 0) + 1;',
		"const suffix = '@' + globalThis.deferredBodyRuns;",
		'export default function named(path, extra = "") { return basename(path) + suffix + extra; }',
	].join('\n');
	const runs = () => (globalThis as {deferredBodyRuns?: number}).deferredBodyRuns ?? 0;
	const module = await importCode(evaluatedOnFirstCall(source, 'named', 'named.js'));
	assert.equal(runs(), 0, 'not run on import');
	const named = module.default as (path: string, extra?: string) => string;
	assert.equal(named('/a/b.txt'), 'b.txt@1');
	assert.equal(named('/c/d.txt', '!'), 'd.txt@1!');
	assert.equal(runs(), 1);
	assert.throws(() => evaluatedOnFirstCall(`${source}\nexport const more = 1;`, 'named', 'named.js'), /named\.js: exports more than its default function/);
});

it('string-width, evaluated on first call, still measures as string-width does', async () => {
	const path = join(dirname(require.resolve('string-width')), 'index.js');
	// Written elsewhere, its own imports are named by where they are.
	let code = evaluatedOnFirstCall(await readFile(path, 'utf8'), 'stringWidth', path);
	for (const name of ['strip-ansi', 'get-east-asian-width']) {
		code = code.replaceAll(`from '${name}'`, `from '${pathToFileURL(require.resolve(name, {paths: [dirname(path)]})).href}'`);
	}
	const deferred = await importCode(code);
	const stringWidth = (await import('string-width')).default;
	const measure = deferred.default as typeof stringWidth;
	for (const text of ['plain', '日本語', '👩‍💻 dev', 'e\u0301', '\u001B[31mred\u001B[39m', '한국어']) {
		assert.equal(measure(text), stringWidth(text), text);
		assert.equal(measure(text, {ambiguousIsNarrow: false}), stringWidth(text, {ambiguousIsNarrow: false}), text);
	}
});

it('Yoga loads its WebAssembly without fetch (which would load all of undici to decode its own data: URL)', async () => {
	const path = join(dirname(require.resolve('yoga-layout')), '..', 'binaries', 'yoga-wasm-base64-esm.js');
	const source = await readFile(path, 'utf8');
	const original = globalThis.fetch;
	let fetched = 0;
	globalThis.fetch = (...args: Parameters<typeof fetch>) => {
		fetched += 1;
		return original(...args);
	};
	try {
		const load = async (code: string) => {
			const yoga = await ((await importCode(code)).default as () => Promise<{Node: unknown; HEAPU8: Uint8Array}>)();
			assert.equal(typeof yoga.Node, 'function', 'the layout engine is there');
			assert.ok(yoga.HEAPU8.length > 0);
		};
		await load(source);
		assert.equal(fetched, 1, 'as shipped, it fetches');
		await load(yogaWithoutFetch(source));
		assert.equal(fetched, 1, 'edited, it does not');
	} finally {
		globalThis.fetch = original;
	}
});

it("meow's dependencies, with normalize-package-data and the code frame on first call, normalize and report as before", async () => {
	const path = join(dirname(require.resolve('meow')), 'dependencies.js');
	const source = await readFile(path, 'utf8');
	const [shipped, edited] = [await importCode(source), await importCode(meowWithLazyExtras(source))];
	const normalized = (module: Record<string, unknown>) => {
		const pkg = {name: 'x', version: '1.2.3', description: 'd', repository: 'github:a/b'};
		(module.n as (data: object) => void)(pkg);
		return pkg;
	};
	assert.deepEqual(normalized(edited), normalized(shipped));
	const broken = scratchDir('broken-package-');
	await writeFile(join(broken, 'package.json'), '{"name": "x",\n  "version": }\n');
	const failure = (module: Record<string, unknown>) => {
		try {
			(module.a as (options: object) => unknown)({cwd: broken});
		} catch (error) {
			return error instanceof Error ? error.message : String(error);
		}
		return 'no error';
	};
	const message = failure(edited);
	assert.match(message, /version/);
	assert.equal(message, failure(shipped));
});
