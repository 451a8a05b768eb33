import {readFile} from 'node:fs/promises';
import {builtinModules} from 'node:module';
import type {Plugin} from 'esbuild';

// `import … from 'node:fs'` in an ES module makes Node build the module's ESM facade, which reads every export
// of it, and so runs every lazy getter Node keeps for what is rarely used: node:http's WebSocket loads all of
// undici (~40 ms of a --demo start-up's first frame, ~2 MB), node:fs's `promises`, `Dir` and `ReadStream` load
// fs/promises, the directory and stream code and readline, node:util's `parseArgs` and `diff` theirs, node:crypto's
// `webcrypto` all of WebCrypto. Bundled, every import of a built-in gets the module through require(), as a CommonJS
// program would, and reads only the exports the importing file names. (Imported as CommonJS, esbuild's interop
// would copy every export's descriptor, which runs the same getters: ~8 ms of the first frame, util and process
// the most.) A file that imports a built-in as a namespace gets the CommonJS module, read as it is used.

const names = new Set(builtinModules);
// The launcher imports node:module and node:v8 as they are: it stays one file of its own, read before the compile
// cache is on, that runs on any Node (and says which one it needs).
const launcher = new URL('../launch.ts', import.meta.url).pathname;
const builtin = /^(?:node:)?[a-z_][a-z0-9_/]*$/;

/** The names `source` imports from `specifier` (`import x, {a, b as c} from 'spec'` → a, b), or undefined when it
 * imports it as a namespace (`* as`). Type-only names are left out; an export it names that the module lacks fails
 * the build (esbuild: no matching export). */
export function importedNames(source: string, specifier: string): string[] | undefined {
	const quoted = specifier.replace(/[/]/g, '\\/');
	const clauses = [...source.matchAll(new RegExp(`\\bimport\\s+([^'"]*?)\\s*from\\s*(['"])${quoted}\\2`, 'g'))].map((match) => match[1] ?? '');
	if (clauses.some((clause) => /\*\s*as\s/.test(clause))) return undefined;
	const found = new Set<string>();
	for (const clause of clauses) {
		for (const entry of /\{([^}]*)\}/.exec(clause)?.[1]?.split(',') ?? []) {
			const name =
				entry
					.trim()
					.split(/\s+as\s+/)[0]
					?.trim() ?? '';
			if (/^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default' && name !== 'type') found.add(name);
		}
	}
	return [...found].sort();
}

/** An ES module giving the built-in as its default export and `exports` read from it. */
export function builtinModule(name: string, exports: readonly string[]): string {
	return [
		`const builtin = require(${JSON.stringify(`node:${name}`)});`,
		'export default builtin;',
		...(exports.length > 0 ? [`export const {${exports.join(', ')}} = builtin;`] : []),
	].join('\n');
}

export const requiredBuiltins: Plugin = {
	name: 'required-builtins',
	setup(build) {
		// Each importing file read once, however many built-ins it imports.
		const sources = new Map<string, Promise<string>>();
		const sourceOf = (path: string) => {
			const known = sources.get(path) ?? readFile(path, 'utf8');
			sources.set(path, known);
			return known;
		};
		build.onResolve({filter: builtin}, async (args) => {
			const name = args.path.replace(/^node:/, '');
			// The require() below is left to esbuild (external, as every built-in is on platform node).
			if (!names.has(name) || args.kind !== 'import-statement' || args.importer === launcher) return undefined;
			// An importer that is no file of its own (another plugin's module) gets the whole module, as a namespace does.
			const source = args.namespace === 'file' ? await sourceOf(args.importer) : undefined;
			const exports = source === undefined ? undefined : importedNames(source, args.path);
			if (exports === undefined) return {path: `node:${name}`, namespace: 'required-builtin'};
			return {path: `node:${name}#${exports.join(',')}`, namespace: 'required-builtin-names'};
		});
		build.onLoad({filter: /.*/, namespace: 'required-builtin'}, (args) => ({
			contents: `module.exports = require(${JSON.stringify(args.path)});`,
			loader: 'js',
		}));
		build.onLoad({filter: /.*/, namespace: 'required-builtin-names'}, (args) => {
			const [name = '', exports = ''] = args.path.replace(/^node:/, '').split('#');
			return {contents: builtinModule(name, exports === '' ? [] : exports.split(',')), loader: 'js'};
		});
	},
};
