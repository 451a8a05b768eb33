import {readFileSync} from 'node:fs';
import {waitFor} from './render-app.js';

// Whether a process is still there, for tests that check nothing is left running.

/** Alive: it exists and is not a zombie waiting to be reaped. */
export function alive(pid: number): boolean {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The state follows the command name in parentheses (which may itself hold spaces or parentheses).
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
	} catch {
		return false;
	}
}

/** The process ids written one a line to `file`, once there are at least `count`. */
export async function pidsIn(file: string, count = 1, limitMs = 10_000): Promise<number[]> {
	const read = () => {
		try {
			return readFileSync(file, 'utf8')
				.split('\n')
				.filter((line) => /^\d+$/.test(line))
				.map(Number);
		} catch {
			return [];
		}
	};
	await waitFor(() => read().length >= count, `${count} pid(s) in ${file}`, limitMs);
	return read();
}
