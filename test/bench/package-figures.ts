// Bench figures about what is shipped: the standalone executable (built here, x64) and the installed size of
// the npm package (npm pack, then npm i -g of the tarball into a scratch prefix; it has no dependencies, so
// nothing is downloaded).

import {execFile} from 'node:child_process';
import {mkdtemp, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {executablePath, packageExecutable, prepareBlob} from '../../source/build/package-sea.js';
import {repoRoot} from '../helpers/term.js';

const run = promisify(execFile);

/** Builds dist/ec2-import-watch-linux-x64 from this build's dist/sea/app.mjs; returns its path and size in MiB. */
export async function buildExecutable(): Promise<{path: string; mib: number}> {
	const work = await mkdtemp(join(tmpdir(), 'eiw-bench-sea-'));
	try {
		const path = await packageExecutable('x64', await prepareBlob(work), executablePath('x64'));
		return {path, mib: (await stat(path)).size / 1024 / 1024};
	} finally {
		await rm(work, {recursive: true, force: true});
	}
}

async function bytesUnder(dir: string): Promise<number> {
	const {stdout} = await run('du', ['-sb', dir]);
	return Number(stdout.split('\t')[0]);
}

/** `npm pack` of this build (its prepack would rebuild dist/ under the running bench) and `npm i -g` of the tarball: tarball and installed size in MB, packages added. */
export async function installedSize(): Promise<{tarballMb: number; installedMb: number; packages: number}> {
	const work = await mkdtemp(join(tmpdir(), 'eiw-bench-pack-'));
	try {
		const {stdout} = await run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', work], {cwd: repoRoot, maxBuffer: 16 * 1024 * 1024});
		const tarball = join(work, stdout.trim().split('\n').at(-1) ?? '');
		const prefix = join(work, 'prefix');
		const installed = await run('npm', ['i', '-g', '--prefix', prefix, '--no-audit', '--no-fund', tarball], {cwd: work});
		const added = /added (\d+) package/.exec(installed.stdout);
		return {
			tarballMb: (await stat(tarball)).size / 1e6,
			installedMb: (await bytesUnder(join(prefix, 'lib', 'node_modules'))) / 1e6,
			packages: Number(added?.[1] ?? Number.NaN),
		};
	} finally {
		await rm(work, {recursive: true, force: true});
	}
}
