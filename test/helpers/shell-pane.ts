import {execFile} from 'node:child_process';
import {dirname} from 'node:path';
import {assertBuilt, baseEnv, launchPath} from './term.js';

// An interactive shell (bash, with job control) in a private tmux server: for what only a shell and a terminal
// show together — Ctrl-Z and `fg`, the terminal's modes, what is on the screen after foreign output.

export interface ShellPane {
	/** Types a command line and Enter. */
	run(line: string): Promise<void>;
	/** tmux key names: 'C-z', 'q', 'Enter' … */
	keys(...names: string[]): Promise<void>;
	/** The visible screen, one string per row. */
	capture(): Promise<string[]>;
	waitForScreen(pattern: RegExp, timeoutMs?: number): Promise<string[]>;
	/** Alternate screen on, cursor shown, as tmux has them. */
	modes(): Promise<{alternate: boolean; cursor: boolean}>;
	/** The pane's terminal device (to read its modes with stty, or write to it as another program would). */
	tty(): Promise<string>;
	/** Resizes the window (and so the pane): the app gets SIGWINCH with a new size. */
	resize(columns: number, rows: number): Promise<void>;
	/** The app, among the shell's descendants (its child, or npm's when run by `npm start`). */
	appPid(): Promise<number>;
	/** Every process under the shell, with its ps state (`T` stopped), parents first. */
	job(): Promise<JobProcess[]>;
	close(): Promise<void>;
}

export interface JobProcess {
	pid: number;
	stat: string;
	args: string;
}

/** The processes under `shell`, parents first. */
async function jobOf(shell: number): Promise<JobProcess[]> {
	const table = await new Promise<string>((resolve, reject) => {
		execFile('ps', ['-eo', 'pid=,ppid=,stat=,args='], (error, stdout) => (error ? reject(error) : resolve(stdout)));
	});
	const all = table
		.split('\n')
		.map((line) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line))
		.filter((match) => match !== null)
		.map(([, pid, ppid, stat, args]) => ({pid: Number(pid), ppid: Number(ppid), stat: stat ?? '', args: args ?? ''}));
	const found: JobProcess[] = [];
	const walk = (parent: number) => {
		for (const entry of all.filter((candidate) => candidate.ppid === parent)) {
			found.push({pid: entry.pid, stat: entry.stat, args: entry.args.trim()});
			walk(entry.pid);
		}
	};
	walk(shell);
	return found;
}

/** Reads again until `check` holds, or fails saying what was last seen. */
export async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, timeoutMs = 8000): Promise<T> {
	const deadline = performance.now() + timeoutMs;
	for (;;) {
		const value = await read();
		if (check(value)) return value;
		if (performance.now() > deadline) throw new Error(`${what} never happened; last seen: ${JSON.stringify(value, null, 1)}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/** The app's command line, with the Node that runs the tests. */
export function appCommand(args: readonly string[]): string {
	return [process.execPath, launchPath, ...args].map((word) => `'${word.replaceAll("'", "'\\''")}'`).join(' ');
}

export async function startShellPane(options: {columns?: number; rows?: number; env?: Record<string, string | undefined>} = {}): Promise<ShellPane> {
	assertBuilt();
	const socket = `eiw-shell-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
	const env = baseEnv({...options.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`, PS1: '$ '});
	const tmux = (...args: string[]) =>
		new Promise<string>((resolve, reject) => {
			execFile('tmux', ['-L', socket, '-f', '/dev/null', ...args], {env}, (error, stdout) => (error ? reject(error) : resolve(stdout)));
		});
	// The command as separate words: tmux runs it without a shell in between.
	await tmux('new-session', '-d', '-x', String(options.columns ?? 100), '-y', String(options.rows ?? 30), 'bash', '--norc', '--noprofile', '-i');
	const capture = async () => (await tmux('capture-pane', '-p', '-t', '0')).split('\n');
	const display = async (format: string) => (await tmux('display-message', '-p', '-t', '0', format)).trim();
	return {
		async run(line) {
			await tmux('send-keys', '-t', '0', '-l', line);
			await tmux('send-keys', '-t', '0', 'Enter');
		},
		async keys(...names) {
			await tmux('send-keys', '-t', '0', ...names);
		},
		capture,
		waitForScreen: (pattern, timeoutMs = 8000) => until(capture, (rows) => rows.some((row) => pattern.test(row)), `the screen showing ${pattern}`, timeoutMs),
		async modes() {
			const [alternate, cursor] = (await display('#{alternate_on} #{cursor_flag}')).split(' ');
			return {alternate: alternate === '1', cursor: cursor === '1'};
		},
		tty: () => display('#{pane_tty}'),
		async resize(columns, rows) {
			await tmux('resize-window', '-t', '0', '-x', String(columns), '-y', String(rows));
		},
		async appPid() {
			const shell = Number(await display('#{pane_pid}'));
			const job = await jobOf(shell);
			// The app names itself (process.title); with npm in between it is a grandchild of the shell.
			const app = job.find((entry) => entry.args.includes(launchPath) || entry.args.startsWith('ec2-import-watch'));
			if (app === undefined) throw new Error(`no app under the shell ${shell}: ${JSON.stringify(job)}`);
			return app.pid;
		},
		async job() {
			return jobOf(Number(await display('#{pane_pid}')));
		},
		async close() {
			await tmux('kill-server').catch(() => '');
		},
	};
}
