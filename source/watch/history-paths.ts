import {join} from 'node:path';

// Where the history lives: the XDG state directory, as tools keep state (`$XDG_STATE_HOME/ec2-import-watch/`,
// `~/.local/state/ec2-import-watch/` when the variable is unset or not absolute, as the XDG spec says).

export const historyFileName = 'history.jsonl';

export function historyDirectory(env: NodeJS.ProcessEnv, home: string): string {
	const state = env.XDG_STATE_HOME;
	const base = state?.startsWith('/') ? state : join(home, '.local', 'state');
	return join(base, 'ec2-import-watch');
}

export function historyFile(directory: string): string {
	return join(directory, historyFileName);
}
