// The built command, dist/launch.js, as the tests that start the app as a process run it: built once by
// `npm test` (or `npm run -s build` before a single test file), never compiled again per case. A dist/ that is
// missing or older than source/ fails the test with one line saying so, instead of testing stale code.

import {execFile} from 'node:child_process';
import {readdirSync, statSync} from 'node:fs';
import {join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const launchPath = fileURLToPath(new URL('../../dist/launch.js', import.meta.url));
const sourceDir = join(repoRoot, 'source');

/** The most recently modified file under `directory`, with its modification time. */
function newestFile(directory: string): {path: string; mtimeMs: number} {
	let newest = {path: directory, mtimeMs: 0};
	for (const entry of readdirSync(directory, {withFileTypes: true})) {
		const path = join(directory, entry.name);
		const candidate = entry.isDirectory() ? newestFile(path) : {path, mtimeMs: statSync(path).mtimeMs};
		if (candidate.mtimeMs > newest.mtimeMs) newest = candidate;
	}
	return newest;
}

/** Why dist/launch.js cannot be trusted to be this source/, or undefined when it can. */
export function buildProblem(): string | undefined {
	const hint = 'run `npm run -s build` first (npm test does)';
	let built: number;
	try {
		built = statSync(launchPath).mtimeMs;
	} catch {
		return `${relative(repoRoot, launchPath)} is missing: ${hint}`;
	}
	const newest = newestFile(sourceDir);
	if (newest.mtimeMs > built) return `${relative(repoRoot, launchPath)} is older than ${relative(repoRoot, newest.path)}: ${hint}`;
	return undefined;
}

/** Fails (one line) unless dist/launch.js is there and newer than every file in source/. */
export function assertBuilt(): void {
	const problem = buildProblem();
	if (problem !== undefined) throw new Error(problem);
}

export interface Outcome {
	code: number;
	stdout: string;
	stderr: string;
}

/** `node dist/launch.js ARGS` as a child process with exactly `env`; its exit code and output, whatever the code. */
export function runBuilt(args: readonly string[], env: NodeJS.ProcessEnv, timeout = 20_000): Promise<Outcome> {
	assertBuilt();
	return new Promise((resolve, reject) => {
		execFile(process.execPath, [launchPath, ...args], {env, timeout}, (error, stdout, stderr) => {
			if (error === null) resolve({code: 0, stdout, stderr});
			else if (typeof error.code === 'number') resolve({code: error.code, stdout, stderr});
			else reject(error);
		});
	});
}
