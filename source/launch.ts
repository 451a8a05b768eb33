#!/usr/bin/env node
import module from 'node:module';
import v8 from 'node:v8';

// The installed command. It imports only Node built-ins that every Node has, so on an older Node this line is
// all that is printed (Ink, and the SDK's own version warning, would otherwise write into the screen).
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
	process.stderr.write(
		`ec2-import-watch: found Node ${process.versions.node}, needs Node 22 or later (the standalone executable, npm run package, needs no Node)\n`,
	);
	process.exit(2);
}
// React's production build is fixed at build time (NODE_ENV; the development build leaks memory under Ink).
// V8's code cache on disk (Node ≥ 22.1): loading the bundled SDK is faster once cached.
module.enableCompileCache?.();
// V8 lets the old generation grow to several times what is live before a full collection: with 10,000 tasks a
// poll leaves ~100 MB of garbage behind, and the peak was ~345 MB for ~80 MB live. Growing by 50 % at a time
// keeps it near 235 MB at no measurable cost per poll, and RSS flat over a long soak; 20 % gave ~220 MB but a
// full collection after nearly every idle poll (+0.6 % of a core). Read at every collection, so it can be set here.
v8.setFlagsFromString('--heap-growing-percent=50');
await import('./cli.js');
