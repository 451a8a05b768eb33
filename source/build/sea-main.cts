// The standalone executable's main (Node 22 runs a CommonJS main only). The app is one ESM file stored in the
// executable as an asset; these hooks answer one made-up file: URL with its source, which is then imported.
// Nothing is written to disk. Ink cannot be CommonJS (yoga-layout uses top-level await), hence the detour.
import module = require('node:module');
import sea = require('node:sea');

const appUrl = 'file:///ec2-import-watch/app.mjs';
const source = sea.getAsset('app.mjs', 'utf8');
module.registerHooks({
	resolve: (specifier, context, nextResolve) => (specifier === appUrl ? {url: appUrl, shortCircuit: true} : nextResolve(specifier, context)),
	load: (url, context, nextLoad) => (url === appUrl ? {format: 'module', source, shortCircuit: true} : nextLoad(url, context)),
});
import(appUrl).catch((error: unknown) => {
	process.stderr.write(`ec2-import-watch: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exitCode = 70;
});
