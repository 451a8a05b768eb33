import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {it} from 'node:test';
import {promisify} from 'node:util';
import {repoRoot} from '../helpers/term.js';

// The tarball `npm pack` writes into the clone (the README's way to install with Node) is not something to commit.

const run = promisify(execFile);

it('git ignores the tarball npm pack writes', async () => {
	// --dry-run names the file without writing it; --ignore-scripts keeps prepack from rebuilding dist/ meanwhile.
	const {stdout} = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {cwd: repoRoot, maxBuffer: 16 * 1024 * 1024});
	const packed: unknown = JSON.parse(stdout);
	assert.ok(Array.isArray(packed));
	const first: unknown = packed[0];
	assert.ok(typeof first === 'object' && first !== null && 'filename' in first && typeof first.filename === 'string');
	assert.match(first.filename, /^ec2-import-watch-\d+\.\d+\.\d+\.tgz$/);
	// check-ignore exits 0 when the path is ignored, 1 when it is not.
	await run('git', ['check-ignore', '--quiet', first.filename], {cwd: repoRoot});
});
