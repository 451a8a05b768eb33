import {builtinModules} from 'node:module';
import type {Plugin} from 'esbuild';

// `import … from 'node:fs'` in an ES module makes Node build the module's ESM facade, which reads every export
// of it, and so runs every lazy getter Node keeps for what is rarely used: node:http's WebSocket loads all of
// undici (~40 ms of a --demo start-up's first frame, ~2 MB), node:fs's `promises`, `Dir` and `ReadStream` load
// fs/promises, the directory and stream code and readline, node:util's `parseArgs` and `diff` theirs, node:crypto's
// `webcrypto` all of WebCrypto. Bundled, every import of a built-in gets the module through require(), as a CommonJS
// program would, and reads only the exports it uses, when it uses them: esbuild imports the CommonJS module below
// like any other, through property reads on the object require() returns.

const names = new Set(builtinModules);
// The launcher imports node:module and node:v8 as they are: it stays one file of its own, read before the compile
// cache is on, that runs on any Node (and says which one it needs).
const launcher = new URL('../launch.ts', import.meta.url).pathname;
const builtin = /^(?:node:)?[a-z_][a-z0-9_/]*$/;

export const requiredBuiltins: Plugin = {
	name: 'required-builtins',
	setup(build) {
		build.onResolve({filter: builtin}, (args) => {
			const name = args.path.replace(/^node:/, '');
			// The require() below is left to esbuild (external, as every built-in is on platform node).
			if (!names.has(name) || args.kind !== 'import-statement' || args.importer === launcher) return undefined;
			return {path: `node:${name}`, namespace: 'required-builtin'};
		});
		build.onLoad({filter: /.*/, namespace: 'required-builtin'}, (args) => ({
			contents: `module.exports = require(${JSON.stringify(args.path)});`,
			loader: 'js',
		}));
	},
};
