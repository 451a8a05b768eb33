import {join} from 'node:path';

// Where the history lives: the XDG state directory, as tools keep state (`$XDG_STATE_HOME/ec2-import-watch/`,
// `~/.local/state/ec2-import-watch/` when the variable is unset or not absolute, as the XDG spec says). The watcher
// and `report` both ask historyPlace, so they agree on the file, and on there being none.

export const historyFileName = 'history.jsonl';

export function historyDirectory(env: NodeJS.ProcessEnv, home: string): string {
	const state = env.XDG_STATE_HOME;
	const base = state?.startsWith('/') ? state : join(home, '.local', 'state');
	return join(base, 'ec2-import-watch');
}

/**
 * The history directory from the environment ($HOME, not the password file's home: the watcher has always read
 * it so), or why there is none: with neither variable absolute a relative path would name another file in each
 * working directory.
 */
export function historyPlace(env: NodeJS.ProcessEnv): {directory: string} | {off: string} {
	const home = env.HOME ?? '';
	if (env.XDG_STATE_HOME?.startsWith('/') !== true && !home.startsWith('/')) return {off: 'neither XDG_STATE_HOME nor HOME is an absolute path'};
	return {directory: historyDirectory(env, home)};
}

export function historyFile(directory: string): string {
	return join(directory, historyFileName);
}
