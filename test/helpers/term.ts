// Runs the built app (dist/launch.js) under a real pseudo-terminal without native code: util-linux
// `script` allocates the pty, `stty` inside it sets the size. Collects the raw bytes the app writes (with
// arrival times, for the bench), sends keys, and waits for a byte pattern with a timeout.

import {type ChildProcess, spawn} from 'node:child_process';
import {assertBuilt, launchPath} from './built-app.js';
import {freshStateDir} from './state-dir.js';

export {assertBuilt, launchPath, repoRoot} from './built-app.js';

/** Printed by the shell before it execs the app: the app's pid, and where its own bytes begin. */
const pidMarker = '@@term-pid ';

export interface TermOptions {
	/** Arguments after `node dist/launch.js`; `command` replaces the whole command instead. */
	args?: readonly string[];
	command?: readonly string[];
	columns?: number;
	rows?: number;
	/** Added to a small clean environment (TERM, LANG, PATH, HOME); undefined removes a variable. */
	env?: Record<string, string | undefined>;
	/** Run without a pty: stdout is a pipe (and stdin /dev/null). */
	noTty?: boolean;
}

export interface Chunk {
	/** performance.now() when the bytes arrived. */
	at: number;
	bytes: Buffer;
}

export interface Exit {
	code: number | null;
	signal: NodeJS.Signals | null;
}

export interface Term {
	/** The app's pid (the shell execs it, so it is the pty's session leader). */
	readonly pid: Promise<number>;
	/** Every byte the app wrote so far (the shell's pid line excluded). */
	output(): Buffer;
	/** The output as text (UTF-8). */
	text(): string;
	/** Arrival-stamped chunks, for measuring. */
	readonly chunks: readonly Chunk[];
	/** Resolves with the offset just past the first match at or after `from`. */
	waitFor(pattern: string | RegExp, options?: {timeoutMs?: number; from?: number}): Promise<number>;
	write(keys: string): void;
	kill(signal: NodeJS.Signals): Promise<void>;
	readonly exited: Promise<Exit>;
	/** Kills what is left and waits for it. */
	close(): Promise<Exit>;
	readonly child: ChildProcess;
}

const quote = (word: string): string => `'${word.replaceAll("'", "'\\''")}'`;

/** A small clean environment; the app's history goes to a state directory of its own (state-dir.ts) unless set. */
export function baseEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		XDG_STATE_HOME: 'XDG_STATE_HOME' in extra ? undefined : freshStateDir(),
		TERM: 'xterm-256color',
		LANG: 'C.UTF-8',
		SHELL: '/bin/sh',
		NODE_ENV: 'production',
	};
	for (const [key, value] of Object.entries(extra)) {
		if (value === undefined) delete env[key];
		else env[key] = value;
	}
	return env;
}

export function startTerm(options: TermOptions = {}): Term {
	const command = options.command ?? [process.execPath, launchPath, ...(options.args ?? [])];
	if (command.includes(launchPath)) assertBuilt();
	const columns = options.columns ?? 120;
	const rows = options.rows ?? 40;
	const env = baseEnv(options.env);
	const inner = `stty cols ${columns} rows ${rows} 2>/dev/null; printf '${pidMarker}%s\\n' $$; exec ${command.map(quote).join(' ')}`;
	const child = options.noTty
		? spawn('/bin/sh', ['-c', inner], {env, stdio: ['ignore', 'pipe', 'pipe']})
		: spawn('script', ['-qfec', inner, '/dev/null'], {env, stdio: ['pipe', 'pipe', 'pipe']});

	const chunks: Chunk[] = [];
	let raw = Buffer.alloc(0);
	let appStart = -1;
	let resolvePid: (pid: number) => void = () => {};
	let rejectPid: (error: Error) => void = () => {};
	const pid = new Promise<number>((resolve, reject) => {
		resolvePid = resolve;
		rejectPid = reject;
	});
	pid.catch(() => {});
	const listeners = new Set<() => void>();

	child.stdout?.on('data', (data: Buffer) => {
		const at = performance.now();
		raw = Buffer.concat([raw, data]);
		if (appStart < 0) {
			const text = raw.toString('latin1');
			const match = /@@term-pid (\d+)\r?\n/.exec(text);
			if (match === null) return;
			appStart = match.index + match[0].length;
			resolvePid(Number(match[1]));
			const rest = raw.subarray(appStart);
			if (rest.length > 0) chunks.push({at, bytes: rest});
		} else {
			chunks.push({at, bytes: data});
		}
		for (const listener of listeners) listener();
	});
	let stderr = '';
	child.stderr?.on('data', (data: Buffer) => {
		stderr += data.toString('utf8');
		for (const listener of listeners) listener();
	});
	const exited = new Promise<Exit>((resolve) => {
		child.on('exit', (code, signal) => {
			rejectPid(new Error('exited before starting the app'));
			for (const listener of listeners) listener();
			resolve({code, signal});
		});
	});
	let done = false;
	exited.then(() => {
		done = true;
		for (const listener of listeners) listener();
	});

	const output = (): Buffer => (appStart < 0 ? Buffer.alloc(0) : raw.subarray(appStart));

	const term: Term = {
		pid,
		output,
		text: () => output().toString('utf8'),
		chunks,
		child,
		waitFor(pattern, {timeoutMs = 4000, from = 0} = {}) {
			return new Promise<number>((resolve, reject) => {
				const check = (): boolean => {
					const bytes = output().subarray(from);
					if (typeof pattern === 'string') {
						const index = bytes.indexOf(pattern);
						if (index >= 0) {
							finish();
							resolve(from + index + Buffer.byteLength(pattern));
							return true;
						}
					} else {
						const match = pattern.exec(bytes.toString('latin1'));
						if (match !== null) {
							finish();
							resolve(from + match.index + match[0].length);
							return true;
						}
					}
					if (done) {
						finish();
						reject(
							new Error(
								`exited before ${String(pattern)} appeared; stderr: ${stderr.slice(-400)}; output tail: ${JSON.stringify(output().toString('utf8').slice(-400))}`,
							),
						);
						return true;
					}
					return false;
				};
				const timer = setTimeout(() => {
					finish();
					reject(
						new Error(
							`timed out after ${timeoutMs} ms waiting for ${String(pattern)}; stderr: ${stderr.slice(-400)}; output tail: ${JSON.stringify(output().toString('utf8').slice(-400))}`,
						),
					);
				}, timeoutMs);
				const listener = () => {
					check();
				};
				const finish = () => {
					clearTimeout(timer);
					listeners.delete(listener);
				};
				listeners.add(listener);
				check();
			});
		},
		write(keys) {
			child.stdin?.write(keys);
		},
		async kill(signal) {
			process.kill(await pid, signal);
		},
		exited,
		async close() {
			if (!done) {
				const appPid = await Promise.race([pid, exited.then(() => undefined)]);
				try {
					if (appPid !== undefined) process.kill(appPid, 'SIGKILL');
				} catch {}
				child.kill('SIGKILL');
			}
			child.stdin?.end();
			return exited;
		},
	};
	return term;
}

/** Colour and other SGR codes in `text` (ESC [ … m), for "no colour at all" checks. */
export function sgrCodes(text: string): string[] {
	return [...text.matchAll(/\x1b\[([\d;:]*)m/g)].map((match) => match[1] ?? '');
}

export interface Screen {
	/** The visible screen as text, one string per row (tmux capture-pane). */
	capture(): Promise<string[]>;
	/** Re-captures until a row matches, or fails after `timeoutMs`. */
	waitForScreen(pattern: RegExp, timeoutMs?: number): Promise<string[]>;
	close(): Promise<void>;
}

/** The app inside a private tmux server, to read the screen as a terminal shows it (alignment checks). */
export async function startScreen(options: TermOptions = {}): Promise<Screen> {
	assertBuilt();
	const {execFile} = await import('node:child_process');
	const socket = `eiw-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
	const env = baseEnv(options.env);
	const tmux = (...args: string[]) =>
		new Promise<string>((resolve, reject) => {
			execFile('tmux', ['-L', socket, '-f', '/dev/null', ...args], {env}, (error, stdout) => (error ? reject(error) : resolve(stdout)));
		});
	const command = [process.execPath, launchPath, ...(options.args ?? [])].map(quote).join(' ');
	const envFlags = Object.entries(options.env ?? {}).flatMap(([key, value]) => (value === undefined ? [] : ['-e', `${key}=${value}`]));
	await tmux('new-session', '-d', '-x', String(options.columns ?? 120), '-y', String(options.rows ?? 40), ...envFlags, command);
	const capture = async () => (await tmux('capture-pane', '-p', '-t', '0')).split('\n');
	return {
		capture,
		async waitForScreen(pattern, timeoutMs = 4000) {
			const deadline = performance.now() + timeoutMs;
			for (;;) {
				const rows = await capture();
				if (rows.some((row) => pattern.test(row))) return rows;
				if (performance.now() > deadline) throw new Error(`screen never showed ${pattern}:\n${rows.join('\n')}`);
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
		},
		async close() {
			await tmux('kill-server').catch(() => '');
		},
	};
}

export interface SimulateProcess {
	url: string;
	close(): Promise<void>;
}

/** `ec2-import-watch simulate --port 0 …` as its own process; resolves once it says where it listens. */
export function startSimulateCommand(args: readonly string[]): Promise<SimulateProcess> {
	assertBuilt();
	const child = spawn(process.execPath, [launchPath, 'simulate', '--port', '0', ...args], {env: baseEnv(), stdio: ['ignore', 'pipe', 'pipe']});
	const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
	return new Promise((resolve, reject) => {
		let out = '';
		let err = '';
		child.stderr.on('data', (data: Buffer) => {
			err += data.toString('utf8');
		});
		child.stdout.on('data', (data: Buffer) => {
			out += data.toString('utf8');
			const match = /listening on (http:\/\/\S+)/.exec(out);
			if (match?.[1] === undefined) return;
			resolve({
				url: match[1],
				close: async () => {
					child.kill('SIGTERM');
					await exited;
				},
			});
		});
		child.on('exit', (code) => reject(new Error(`simulate exited with ${code}: ${err}`)));
	});
}

/** What the app needs to talk to a simulator. */
export function simulatorArgs(url: string): string[] {
	return ['--endpoint', url, '--region', 'us-east-1'];
}

export const simulatorEnv = {AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_EC2_METADATA_DISABLED: 'true'};

/** Runs `body` with the terminal, and closes it however the body ends. */
export async function withTerm<T>(term: Term, body: (term: Term) => Promise<T>): Promise<T> {
	try {
		return await body(term);
	} finally {
		await term.close();
	}
}
