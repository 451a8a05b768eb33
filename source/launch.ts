#!/usr/bin/env -S node --max-semi-space-size=2
import module from 'node:module';
import v8 from 'node:v8';

// The installed command. The shebang gives V8 a 2 MB young generation instead of 16 MB (read only at start-up,
// so it cannot be set below): ~15 MB less RSS with 200 tasks, ~30 MB less at the peak with 10,000.
// It imports only Node built-ins that every Node has, so on an older Node this line is
// all that is printed (Ink, and the SDK's own version warning, would otherwise write into the screen).
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
	process.stderr.write(
		`ec2-import-watch: found Node ${process.versions.node}, needs Node 22 or later (the standalone executable, npm run package, needs no Node)\n`,
	);
	process.exit(2);
}
// The shebang's flag is read once, when V8 sets up the heap: the young generation stays 2 MB with the flag back at
// its default. Left set, it changes V8's flag hash, and Node's code cache for its own built-in modules is rejected:
// each one loaded is compiled from source (~30 ms of a --demo start-up's first frame). The flags that trade speed for
// memory later are set by source/shell/v8-tuning.ts, once the first frame is drawn.
v8.setFlagsFromString('--max-semi-space-size=0');
// React's production build is fixed at build time (NODE_ENV; the development build leaks memory under Ink).
// V8's code cache on disk (Node ≥ 22.1): loading the bundled SDK is faster once cached.
module.enableCompileCache?.();
await import('./cli.js');
