import assert from 'node:assert/strict';
import {accessSync, constants, readFileSync} from 'node:fs';
import {it} from 'node:test';
import {assertBuilt, launchPath} from '../helpers/term.js';

// One way to start the app: `npm start`, `npm run demo` and the installed command (package.json's bin, which npm
// links and runs as a program) all execute dist/launch.js itself, so its shebang's V8 flags apply to each
// (`node dist/launch.js` would drop them: ~115 MB peak RSS instead of ~92 MB with 200 tasks).

const manifest = (await import('../../package.json', {with: {type: 'json'}})).default;

it('npm start and npm run demo run dist/launch.js through its shebang, as the installed command does', () => {
	assertBuilt();
	assert.equal(manifest.bin['ec2-import-watch'], 'dist/launch.js');
	assert.equal(manifest.scripts.start, 'npm run -s build && ./dist/launch.js');
	assert.equal(manifest.scripts.demo, 'npm run -s build && ./dist/launch.js --demo');
	assert.equal(readFileSync(launchPath, 'utf8').split('\n')[0], '#!/usr/bin/env -S MALLOC_ARENA_MAX=1 node --max-semi-space-size=2');
	accessSync(launchPath, constants.X_OK);
});
