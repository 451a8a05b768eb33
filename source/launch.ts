#!/usr/bin/env node
// The installed command. React's development build leaks memory under Ink, so the production build is chosen
// here, before React is first loaded; everything else happens in cli.tsx.
process.env.NODE_ENV ??= 'production';
await import('./cli.js');
