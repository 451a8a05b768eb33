import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import {it} from 'node:test';
import {repoRoot} from './helpers/term.js';

// `npm test` leaves nothing in the temp directory: scratch directories go when the test file's process exits,
// and a test that makes a temp directory otherwise removes it itself.

it('removes scratch directories when the process exits, after a failure too', async () => {
	const script = [
		`import {writeFileSync} from 'node:fs';`,
		`import {scratchDir} from ${JSON.stringify(join(repoRoot, 'test/helpers/scratch-dir.ts'))};`,
		`const dir = scratchDir('eiw-scratch-test-');`,
		`writeFileSync(dir + '/file', 'x');`,
		`console.log(dir);`,
		`throw new Error('a failing test');`,
	].join('\n');
	const {code, stdout} = await new Promise<{code: number | null; stdout: string}>((resolve) => {
		const child = execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {cwd: repoRoot}, (_error, out) =>
			resolve({code: child.exitCode, stdout: out}),
		);
	});
	assert.equal(code, 1);
	const dir = stdout.trim();
	assert.match(dir, /eiw-scratch-test-/);
	assert.equal(existsSync(dir), false, `${dir} is left`);
});

it('every test that makes a temp directory removes it (through scratchDir, or rm in the file)', () => {
	const walk = (dir: string): string[] =>
		readdirSync(dir, {withFileTypes: true}).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
	const leaky = walk(join(repoRoot, 'test'))
		.filter((file) => /\.tsx?$/.test(file) && !file.endsWith('scratch-dir.ts'))
		.filter((file) => {
			const text = readFileSync(file, 'utf8');
			return /\bmkdtemp(Sync)?\(/.test(text) && !/\brm(Sync)?\(/.test(text);
		})
		.map((file) => relative(repoRoot, file));
	assert.deepEqual(leaky, []);
});
