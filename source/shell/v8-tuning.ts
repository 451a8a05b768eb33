import v8 from 'node:v8';

// The V8 flags that trade speed for memory, set once the TUI's first frame is on the screen (everywhere else at
// once). Any V8 flag that differs from its default changes V8's flag hash, and Node's own code cache for its built-in
// modules is then rejected: every built-in loaded after it is compiled from source (~3 × as long; ~15 ms of a
// --demo start-up's first frame). Both flags are read when they act, so setting them after the first frame keeps
// what they save. (source/launch.ts puts the shebang's young-generation flag back to its default for the same reason.)

export function tuneV8ForMemory(): void {
	// V8 lets the old generation grow to several times what is live before a full collection: with 10,000 tasks a
	// poll leaves ~100 MB of garbage behind, and the peak was ~345 MB for ~80 MB live. Growing by 50 % at a time
	// keeps it near 235 MB at no measurable cost per poll, and RSS flat over a long soak; 20 % gave ~220 MB but a
	// full collection after nearly every idle poll (+0.6 % of a core). Read at every collection.
	v8.setFlagsFromString('--heap-growing-percent=50');
	// No TurboFan (Maglev is the top tier): its compilations held ~16 MB more RSS with 200 tasks (128 → 112 MB),
	// and this app's hot paths are short. Read when a function tiers up.
	v8.setFlagsFromString('--max-opt=2');
}
