import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

// The live watcher keeps history in $XDG_STATE_HOME (else ~/.local/state): a test that runs the app must never
// write into the real one, nor let one run's history be read back by another's. Every app a test starts gets a
// state directory of its own (baseEnv sets it), under one temporary folder removed when the test process ends.

let parent: string | undefined;

/** A new, empty state directory for one run of the app. */
export function freshStateDir(): string {
	if (parent === undefined) {
		const made = mkdtempSync(join(tmpdir(), 'eiw-state-'));
		process.on('exit', () => rmSync(made, {recursive: true, force: true}));
		parent = made;
	}
	return mkdtempSync(join(parent, 'run-'));
}
