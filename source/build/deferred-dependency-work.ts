import {readFile} from 'node:fs/promises';
import type {Plugin} from 'esbuild';

// Work three dependencies do when imported that the first frame does not need (measured with --cpu-prof on a
// --demo start-up in a pty; issue 22). Each is an exact edit of the dependency's text: a dependency whose text
// no longer matches fails the build with one line, instead of being bundled unedited.
// - yoga-layout (Ink's layout) holds its WebAssembly as a base64 data: URL and, where `fetch` exists, fetches
//   it: that loads all of undici (~30 ms) to decode a string it already has. With no `fetch` in its scope it
//   decodes the base64 itself, as it does wherever fetch is missing.
// - meow's bundled dependencies evaluate normalize-package-data (semver, spdx's licence tables, hosted-git-info)
//   and Babel's code frame when imported; meow calls the first only for --help and --version and the second
//   only when a package.json does not parse. Both are now evaluated on first call.
// - string-width builds Unicode-property regexes (\p{RGI_Emoji} alone ~13 ms) when imported. Its module body
//   runs on the first call instead (source/text/string-width-memo.ts answers plain text without calling it).

interface Edit {
	find: string;
	replace: string;
}

/** `source` with every edit applied; throws unless each `find` occurs exactly once. */
export function applyEdits(source: string, edits: readonly Edit[], what: string): string {
	let code = source;
	for (const {find, replace} of edits) {
		const at = code.indexOf(find);
		if (at < 0 || code.indexOf(find, at + 1) >= 0) throw new Error(`${what}: expected exactly one ${JSON.stringify(find.slice(0, 60))}`);
		code = code.slice(0, at) + replace + code.slice(at + find.length);
	}
	return code;
}

/** An ES module with only `import` lines and one default-exported function, evaluated on the function's first call. */
export function evaluatedOnFirstCall(source: string, name: string, what: string): string {
	const imports = source.match(/^import .+;$/gm) ?? [];
	let body = source.replace(/^import .+;$/gm, '');
	body = applyEdits(body, [{find: `export default function ${name}(`, replace: `function ${name}(`}], what);
	if (/^export /m.test(body)) throw new Error(`${what}: exports more than its default function`);
	return [
		...imports,
		`let loaded;`,
		`export default function ${name}(...args) { loaded ??= load(); return loaded(...args); }`,
		`function load() {${body}\nreturn ${name};\n}`,
	].join('\n');
}

const yoga = /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/;
const meowDependencies = /[\\/]meow[\\/]build[\\/]dependencies\.js$/;
const stringWidth = /[\\/]node_modules[\\/]string-width[\\/]index\.js$/;

const meowEdits: readonly Edit[] = [
	{
		find: 'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);',
		replace: 'const normalizePackageData = (...args) => getDefaultExportFromCjs(requireNormalize())(...args);',
	},
	{find: 'var libExports = requireLib$1();', replace: ''},
	{find: 'libExports.codeFrameColumns(', replace: 'requireLib$1().codeFrameColumns('},
];

/** Yoga's loader with no `fetch` in its scope: it decodes its own base64 instead of fetching it. */
export const yogaWithoutFetch = (source: string): string => `const fetch = undefined;\n${source}`;

/** meow's bundled dependencies with normalize-package-data and Babel's code frame evaluated on first call. */
export const meowWithLazyExtras = (source: string, what = 'meow/build/dependencies.js'): string => applyEdits(source, meowEdits, what);

export const deferredDependencyWork: Plugin = {
	name: 'deferred-dependency-work',
	setup(build) {
		build.onLoad({filter: yoga}, async ({path}) => ({contents: yogaWithoutFetch(await readFile(path, 'utf8')), loader: 'js'}));
		build.onLoad({filter: meowDependencies}, async ({path}) => ({contents: meowWithLazyExtras(await readFile(path, 'utf8'), path), loader: 'js'}));
		build.onLoad({filter: stringWidth}, async ({path}) => ({contents: evaluatedOnFirstCall(await readFile(path, 'utf8'), 'stringWidth', path), loader: 'js'}));
	},
};
