#!/usr/bin/env node
import module from 'node:module';
import v8 from 'node:v8';

// The installed command. React's development build leaks memory under Ink, so the production build is chosen
// here, before React is first loaded; everything else happens in cli.tsx.
process.env.NODE_ENV ??= 'production';
// V8's code cache on disk (Node ≥ 22.1): loading @aws-sdk/client-ec2 drops from ~115 ms to ~70 ms once cached.
module.enableCompileCache?.();
// V8 lets the old generation grow to several times what is live before a full collection: with 10,000 tasks a
// poll leaves ~100 MB of garbage behind, and the peak was ~345 MB for ~80 MB live. Growing by 50 % at a time
// keeps it near 235 MB at no measurable cost per poll, and RSS flat over a long soak; 20 % gave ~220 MB but a
// full collection after nearly every idle poll (+0.6 % of a core). Read at every collection, so it can be set here.
v8.setFlagsFromString('--heap-growing-percent=50');
await import('./cli.js');
