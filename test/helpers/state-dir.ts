import {mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {scratchDir} from './scratch-dir.js';

// The live watcher keeps history in $XDG_STATE_HOME (else ~/.local/state): a test that runs the app must never
// write into the real one, nor let one run's history be read back by another's. Every app a test starts gets a
// state directory of its own (baseEnv sets it), under one scratch folder removed when the test process ends.

let parent: string | undefined;
let runs = 0;

/** A new, empty state directory for one run of the app. */
export function freshStateDir(): string {
	parent ??= scratchDir('eiw-state-');
	runs++;
	const dir = join(parent, `run-${runs}`);
	mkdirSync(dir);
	return dir;
}
