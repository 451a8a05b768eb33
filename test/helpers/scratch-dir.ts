import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

// A fresh directory in the system's temp directory, removed with everything in it when this test file's process
// exits — after a failing test too, which an `after` hook set up later in the file might never get to see.

const made: string[] = [];
let hooked = false;

export function scratchDir(prefix: string): string {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	made.push(dir);
	if (!hooked) {
		hooked = true;
		process.on('exit', () => {
			for (const path of made) rmSync(path, {recursive: true, force: true});
		});
	}
	return dir;
}
