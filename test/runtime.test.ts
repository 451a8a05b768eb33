import assert from 'node:assert/strict';
import {it} from 'node:test';

// npm install brings Node 22 (the `node` devDependency), and npm scripts put it first on PATH, although the
// machine's own node may be older: Ink 8 does not run below 22.
it('runs on Node 22 or later', () => {
	assert.ok(Number(process.versions.node.split('.')[0]) >= 22, `running on Node ${process.versions.node}`);
});
