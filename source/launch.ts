#!/usr/bin/env -S MALLOC_ARENA_MAX=1 node --max-semi-space-size=2
import module from 'node:module';
import v8 from 'node:v8';

// The installed command. The shebang gives V8 a 2 MB young generation instead of 16 MB (read only at start-up,
// so it cannot be set below): ~15 MB less RSS with 200 tasks, ~30 MB less at the peak with 10,000.
// MALLOC_ARENA_MAX=1 (read by glibc at start-up, elsewhere ignored): Node's helper threads (GC, compilers, the
// libuv pool) would each get a malloc arena of their own that keeps what it freed; with one arena the peak with
// 10,000 tasks is ~7 MB lower (153–158 → 147–149 MB, 3 runs each), no cost measured per poll or key press. It is
// taken out of the environment again, so hooks and anything else started from here do not inherit it.
// It imports only Node built-ins that every Node has, so on an older Node this line is
// all that is printed (Ink, and the SDK's own version warning, would otherwise write into the screen).
delete process.env.MALLOC_ARENA_MAX;
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
	process.stderr.write(
		`ec2-import-watch: found Node ${process.versions.node}, needs Node 22 or later (the standalone executable, npm run package, needs no Node)\n`,
	);
	process.exit(2);
}
// Node's code cache for its own modules is used only while every V8 flag has its default value: any other value
// changes V8's flag hash, the cache is refused, and each built-in module is compiled from source instead (~3 × as
// long; ~25 ms of a --demo start-up's first frame). So the shebang's flag goes back to its default (V8 read it once,
// when it set up the heap: the young generation stays 2 MB), the built-ins the TUI's first frame loads are loaded
// now, and only then are the flags below set (test/build/first-frame-builtins.test.ts keeps this list whole).
v8.setFlagsFromString('--max-semi-space-size=0');
const firstFrameBuiltins = [
	'assert',
	'child_process',
	'crypto',
	'events',
	'fs',
	'fs/promises',
	'http',
	'os',
	'path',
	'perf_hooks',
	'process',
	'stream',
	'tty',
	'url',
	'util',
];
const require = module.createRequire(import.meta.url);
for (const name of firstFrameBuiltins) require(`node:${name}`);
// React's production build is fixed at build time (NODE_ENV; the development build leaks memory under Ink).
// V8's code cache on disk (Node ≥ 22.1): loading the bundled SDK is faster once cached.
module.enableCompileCache?.();
// V8 lets the old generation grow to several times what is live before a full collection: with 10,000 tasks a
// poll leaves ~100 MB of garbage behind, and the peak was ~345 MB for ~80 MB live. Growing by 50 % at a time
// keeps it near 235 MB at no measurable cost per poll, and RSS flat over a long soak; 20 % gave ~220 MB but a
// full collection after nearly every idle poll (+0.6 % of a core). Read at every collection, so it can be set here.
v8.setFlagsFromString('--heap-growing-percent=50');
// No TurboFan (Maglev is the top tier): its compilations held ~16 MB more RSS with 200 tasks (128 → 112 MB),
// and this app's hot paths are short. Read when a function tiers up, so it can be set here; not later: a TurboFan
// job already run (Node's path functions get hot resolving the bundle's imports) leaves ~10 MB more at the peak.
v8.setFlagsFromString('--max-opt=2');
await import('./cli.js');
