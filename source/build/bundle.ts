import {rm} from 'node:fs/promises';
import {join} from 'node:path';
import {type BuildOptions, build} from 'esbuild';
import {deferredDependencyWork} from './deferred-dependency-work.js';
import {literalSchemaKeys} from './literal-schema-keys.js';
import {rememberedWidths} from './remembered-widths.js';
import {requiredBuiltins} from './required-builtins.js';

// `npm run build`: source/ and every dependency (Ink, React, meow, the tree-shaken AWS SDK) into dist/.
// - dist/launch.js and dist/chunks/: split at each `await import()`, so --once loads no Ink and the SDK
//   is read only at the first poll. This is what the npm package ships; it needs no node_modules.
// - dist/sea/app.mjs: the same output bundled again into one file, for the standalone executable
//   (one pass with splitting off keeps lazily loaded modules whole: ~2 × the size).

export const distDir = new URL('../../dist/', import.meta.url).pathname;
export const oneFile = join(distDir, 'sea', 'app.mjs');

const common: BuildOptions = {
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node22',
	logLevel: 'warning',
	legalComments: 'none',
	// ESM builds first (Node's own default is `main`, the SDK's CommonJS build, which cannot be tree-shaken).
	mainFields: ['module', 'main'],
	// React's production build only: the development build leaks memory under Ink, and is not shipped at all.
	define: {'process.env.NODE_ENV': '"production"'},
};

export async function bundle(): Promise<void> {
	await rm(distDir, {recursive: true, force: true});
	await build({
		...common,
		entryPoints: [new URL('../launch.ts', import.meta.url).pathname],
		outdir: distDir,
		splitting: true,
		chunkNames: 'chunks/[name]-[hash]',
		// Ink imports react-devtools-core for a mode we never use; it is not installed.
		alias: {'react-devtools-core': new URL('../ink-devtools-stub.ts', import.meta.url).pathname},
		// Some CommonJS dependencies call require() for Node's built-ins.
		banner: {js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);"},
		plugins: [literalSchemaKeys, rememberedWidths, requiredBuiltins, deferredDependencyWork],
	});
	await build({...common, entryPoints: [join(distDir, 'launch.js')], outfile: oneFile});
}

if (import.meta.url === `file://${process.argv[1]}`) {
	await bundle();
}
