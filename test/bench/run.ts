// `npm run bench`: the built app in a 120×40 pty (util-linux `script`) against an in-process EC2 endpoint,
// printing one table. The app runs as installed: dist/launch.js through its shebang (which sets V8 flags), and,
// for the rows that say so, the standalone executable. Figures are medians; ratios are taken within one run.
// `npm run bench -- p1 p5` runs only those rows (also: size, startup, rss, keys, history, executable); BENCH_RUNS=n
// changes the repetitions.

import {execFile} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {priorHistory} from '../../source/model/history-restore.js';
import type {ImportTask} from '../../source/model/import-task.js';
import {journalLine} from '../../source/model/journal-line.js';
import {historyDirectory, historyFile} from '../../source/watch/history-paths.js';
import {openHistoryStore} from '../../source/watch/history-store.js';
import {createSimulator} from '../../source/simulator/server.js';
import type {ApiTask} from '../../source/simulator/api-task.js';
import {baseEnv, launchPath, simulatorArgs, simulatorEnv, startTerm, type Term} from '../helpers/term.js';
import {frozenTasks, movingTask, oneTaskMoves, startBenchServer} from './ec2-server.js';
import {bytesBetween, cpuMs, delay, firstChunkShowing, median, memory, nextSecondPlus} from './measure.js';
import {buildExecutable, installedSize} from './package-figures.js';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const only = new Set(process.argv.slice(2));
const wanted = (name: string) => only.size === 0 || only.has(name);

interface Row {
	name: string;
	value: string;
	target: string;
	met: boolean | undefined;
	note: string;
}
const rows: Row[] = [];
/** The 1-minute load average: this machine is shared, and absolute figures move with it. */
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0] ?? '?';
const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

function log(text: string): void {
	process.stderr.write(`bench: ${text}\n`);
}

/** The screen shows poll `poll`'s data: the moving task's row (by its id) shows its progress of that poll. */
function showsPoll(tasks: readonly ApiTask[], poll: number): (screen: readonly string[]) => boolean {
	const id = tasks[movingTask(tasks)]?.ImportTaskId ?? '';
	const progress = new RegExp(`\\b${10 + poll}%`);
	return (screen) => screen.some((row) => row.includes(id) && progress.test(row.replace(/\{[^}]*\}/g, '')));
}

/** The installed command (npm scripts put Node 22 first on PATH for its `env` shebang), or the executable;
 * BENCH_APP=FILE measures another build instead (e.g. an older checkout's dist/launch.js), for before/after. */
const installed = process.env.BENCH_APP ?? launchPath;
let app = installed;

async function withApp<T>(args: string[], env: Record<string, string | undefined>, body: (term: Term) => Promise<T>): Promise<T> {
	const term = startTerm({command: [app, ...args], env: {...simulatorEnv, ...env}});
	try {
		return await body(term);
	} finally {
		term.write('q');
		await Promise.race([term.exited, delay(2000)]);
		await term.close();
	}
}

/** P1: bytes written for one poll in which exactly one visible task's progress changes. */
async function p1Once(render: 'incremental' | 'standard'): Promise<{perPoll: number; polling: number; result: number}> {
	// Answers are held to 120 ms after a second boundary, so the per-second clock tick never shares a window.
	const server = await startBenchServer({tasksFor: oneTaskMoves(frozenTasks(30)), holdUntil: () => nextSecondPlus(120)});
	try {
		return await withApp([...simulatorArgs(server.url), '--interval', '2'], {EC2_IMPORT_WATCH_RENDER: render}, async (term) => {
			const samples: {polling: number; result: number}[] = [];
			for (let poll = 3; poll <= 6; poll++) {
				await server.answered(poll);
				await delay(700);
				const pages = server.exchanges.filter((exchange) => exchange.poll === poll);
				const first = pages[0];
				const last = pages.at(-1);
				if (first === undefined || last === undefined) continue;
				samples.push({
					polling: bytesBetween(term.chunks, first.requestAt, first.requestAt + 600),
					result: bytesBetween(term.chunks, last.answeredAt, last.answeredAt + 600),
				});
			}
			const polling = median(samples.map((sample) => sample.polling));
			const result = median(samples.map((sample) => sample.result));
			return {perPoll: median(samples.map((sample) => sample.polling + sample.result)), polling, result};
		});
	} finally {
		await server.close();
	}
}

async function p1(): Promise<void> {
	const ours: number[] = [];
	const standard: number[] = [];
	const ratios: number[] = [];
	const parts: {polling: number; result: number}[] = [];
	for (let run = 0; run < runs; run++) {
		const [incremental, baseline] = await Promise.all([p1Once('incremental'), p1Once('standard')]);
		log(
			`P1 run ${run + 1}: ours ${incremental.perPoll} B (polling… ${incremental.polling} + result ${incremental.result}), standard ${baseline.perPoll} B (result frame ${baseline.result} B)`,
		);
		ours.push(incremental.perPoll);
		standard.push(baseline.perPoll);
		// One full frame: what standard mode writes for the poll's result (it rewrites the whole screen).
		ratios.push(incremental.perPoll / baseline.result);
		parts.push(incremental);
	}
	const bytes = median(ours);
	const ratio = median(ratios);
	rows.push({
		name: 'P1 bytes per poll, one task moves',
		value: `${fmt(bytes)} B (polling… ${fmt(median(parts.map((p) => p.polling)))} + result ${fmt(median(parts.map((p) => p.result)))})`,
		target: '≤ 150 B',
		met: bytes <= 150,
		note: `Ink standard mode on the same frames: ${fmt(median(standard))} B per poll`,
	});
	rows.push({
		name: 'P1 ours ÷ one full frame',
		value: `1/${fmt(1 / ratio, 1)}`,
		target: '≤ 1/20',
		met: ratio <= 1 / 20,
		note: 'full frame = what standard mode writes for the result of the poll',
	});
}

/** P2 + P3: 200 tasks that never change, 5 s interval, 60 s. */
async function p2p3(): Promise<void> {
	const server = await startBenchServer({tasksFor: () => frozenTasks(200)});
	try {
		await withApp([...simulatorArgs(server.url), '--interval', '5'], {}, async (term) => {
			const pid = await term.pid;
			await server.answered(1);
			await delay(500);
			const from = performance.now();
			const cpuFrom = cpuMs(pid);
			await delay(55_000);
			const to = performance.now();
			const cpu = (cpuMs(pid) - cpuFrom) / (to - from);
			const bytesPerSecond = bytesBetween(term.chunks, from, to) / ((to - from) / 1000);
			rows.push({
				name: 'P2 bytes/s while nothing changes',
				value: `${fmt(bytesPerSecond, 1)} B/s`,
				target: '≤ 20 B/s',
				met: bytesPerSecond <= 20,
				note: `55 s window, ${server.polls - 1} polls, 1 run`,
			});
			rows.push({
				name: 'P3 CPU while idle (200 tasks, 5 s)',
				value: `${fmt(cpu * 100, 2)} % of a core`,
				target: '≤ 1 %',
				met: cpu <= 0.01,
				note: `55 s window, 1 run; /proc utime+stime; load ${loadAverage()}`,
			});
		});
	} finally {
		await server.close();
	}
}

/** P6: RSS growth over 20,000 polls at the hidden bench interval (EC2_IMPORT_WATCH_BENCH_INTERVAL_MS=0), 20 tasks, one moving. */
async function p6(): Promise<void> {
	const total = Number(process.env.BENCH_SOAK_POLLS ?? 20_000);
	const server = await startBenchServer({tasksFor: oneTaskMoves(frozenTasks(20))});
	try {
		await withApp(simulatorArgs(server.url), {EC2_IMPORT_WATCH_BENCH_INTERVAL_MS: '0'}, async (term) => {
			const pid = await term.pid;
			const warm = Math.min(2000, total / 10);
			await server.answered(warm);
			const started = performance.now();
			const before = memory(pid);
			await server.answered(total);
			const after = memory(pid);
			const seconds = (performance.now() - started) / 1000;
			const growth = after.rssMb - before.rssMb;
			rows.push({
				name: `P6 RSS growth over ${total} polls`,
				value: `${fmt(growth, 1)} MB (${fmt(before.rssMb, 1)} → ${fmt(after.rssMb, 1)})`,
				target: '≤ 10 MB',
				met: growth <= 10,
				note: `after ${warm} warm-up polls; ${fmt((total - warm) / seconds)} polls/s; 1 run`,
			});
		});
	} finally {
		await server.close();
	}
}

/** P5: poll→frame time and peak RSS with 10,000 tasks (pages of 1,000), one task moving per poll. */
async function p5(label = ''): Promise<void> {
	const tasks = frozenTasks(10_000);
	const server = await startBenchServer({tasksFor: oneTaskMoves(tasks)});
	try {
		await withApp([...simulatorArgs(server.url), '--interval', '2', '--page-size', '1000'], {}, async (term) => {
			const pid = await term.pid;
			const latencies: number[] = [];
			await server.answered(2 + runs);
			// The last poll's frame: the next poll starts 2 s after it, by when it has long been drawn.
			await delay(1500);
			for (let poll = 2; poll <= 2 + runs; poll++) {
				const last = server.exchanges.filter((exchange) => exchange.poll === poll).at(-1);
				if (last === undefined) continue;
				const frame = await firstChunkShowing(term.chunks, last.answeredAt, showsPoll(tasks, poll));
				latencies.push(frame === undefined ? Number.POSITIVE_INFINITY : frame.at - last.answeredAt);
			}
			const peak = memory(pid).peakMb;
			log(`P5${label} per poll: ${latencies.map((ms) => fmt(ms)).join(', ')} ms`);
			// A poll whose data never reached the screen is a miss, not a sample to leave out of the median.
			const missed = latencies.filter((ms) => !Number.isFinite(ms)).length;
			const latency = missed > 0 ? Number.NaN : median(latencies);
			rows.push({
				name: `P5 poll→frame, 10,000 tasks${label}`,
				value: `${fmt(latency)} ms`,
				target: '≤ 100 ms',
				met: missed === 0 && latency <= 100,
				note: `last page answered → the chunk that puts the poll's progress on screen; ${latencies.length} polls${missed > 0 ? `, ${missed} never shown` : ''}; load ${loadAverage()}`,
			});
			rows.push({name: `P5 peak RSS, 10,000 tasks${label}`, value: `${fmt(peak)} MB`, target: '≤ 150 MB', met: peak <= 150, note: 'VmHWM'});
		});
	} finally {
		await server.close();
	}
}

/** A bare Node's start-up through the same pty and shell: spawning `node -e` until its first byte arrives. */
async function bareNode(): Promise<number> {
	const spawned = performance.now();
	const term = startTerm({command: [process.execPath, '-e', "process.stdout.write('bare-node-up')"]});
	try {
		await term.waitFor('bare-node-up', {timeoutMs: 5000});
		return (term.chunks.find((chunk) => chunk.bytes.includes('bare-node-up'))?.at ?? Number.NaN) - spawned;
	} finally {
		await term.close();
	}
}

/** Key press → screen with 10,000 tasks: j and k in turn, from writing the key to the pty until the frame's first
 * bytes arrive; polls are a minute apart, so none shares a press. */
async function keys(): Promise<void> {
	const presses = Number(process.env.BENCH_KEYS ?? 16);
	const server = await startBenchServer({tasksFor: () => frozenTasks(10_000)});
	try {
		await withApp([...simulatorArgs(server.url), '--interval', '60', '--page-size', '1000'], {}, async (term) => {
			const pid = await term.pid;
			await server.answered(1);
			await term.waitFor('1/10000', {timeoutMs: 30_000});
			await delay(1000);
			const latencies: number[] = [];
			const cpuFrom = cpuMs(pid);
			for (let press = 0; press < presses; press++) {
				const from = term.chunks.length;
				const at = performance.now();
				term.write(press % 2 === 0 ? 'j' : 'k');
				while (term.chunks.length === from && performance.now() - at < 2000) await delay(1);
				latencies.push((term.chunks[from]?.at ?? Number.NaN) - at);
				await delay(150);
			}
			const cpuPerKey = (cpuMs(pid) - cpuFrom) / presses;
			const latency = median(latencies);
			rows.push({
				name: 'Key → screen, 10,000 tasks (j/k)',
				value: `${fmt(latency)} ms`,
				target: '≤ 50 ms',
				met: latency <= 50,
				note: `median of ${latencies.length} presses (${fmt(Math.min(...latencies))}–${fmt(Math.max(...latencies))} ms); ~${fmt(cpuPerKey)} ms CPU per press; load ${loadAverage()}`,
			});
		});
	} finally {
		await server.close();
	}
}

/** First frame and first data in --demo, from spawning the pty; each run also times a bare Node's start-up. */
async function startup(label = ''): Promise<void> {
	const frames: number[] = [];
	const data: number[] = [];
	const bare: number[] = [];
	const ratios: number[] = [];
	for (let run = 0; run < Math.max(runs, 3); run++) {
		bare.push(await bareNode());
		const spawned = performance.now();
		await withApp(['--demo'], {}, async (term) => {
			await term.waitFor('ec2-import-watch', {timeoutMs: 5000});
			frames.push((term.chunks.find((chunk) => chunk.bytes.includes('ec2-import-watch'))?.at ?? Number.NaN) - spawned);
			await term.waitFor('import-ami-', {timeoutMs: 5000});
			data.push((term.chunks.find((chunk) => chunk.bytes.includes('import-ami-'))?.at ?? Number.NaN) - spawned);
		});
		ratios.push((frames.at(-1) ?? Number.NaN) / (bare.at(-1) ?? Number.NaN));
	}
	const frame = median(frames);
	const first = median(data);
	rows.push({
		name: `Time to first frame (--demo)${label}`,
		value: `${fmt(frame)} ms`,
		target: '≤ 300 ms',
		met: frame <= 300,
		note: `from spawning script+sh+the app; ${frames.length} runs`,
	});
	rows.push({name: `Time to first data (--demo)${label}`, value: `${fmt(first)} ms`, target: '≤ 800 ms', met: first <= 800, note: `${data.length} runs`});
	const ratio = median(ratios);
	rows.push({
		name: `First frame ÷ bare node -e start-up${label}`,
		value: `${fmt(ratio, 1)} × (${fmt(frame)} vs ${fmt(median(bare))} ms)`,
		target: '≤ 4 ×',
		met: ratio <= 4,
		note: 'each run: a bare `node -e` in the same pty, then the app',
	});
}

/** A history store of `count` lines: 1,000 tasks, each first seen, then its message and progress moving. */
function writeHistory(directory: string, count: number): number {
	mkdirSync(directory, {recursive: true, mode: 0o700});
	const start = Date.now() - 86_400_000;
	const lines: string[] = [];
	for (let index = 0; index < count; index++) {
		const task = index % 1000;
		const step = Math.floor(index / 1000);
		const taskId = `import-ami-${task.toString(16).padStart(17, '0')}`;
		lines.push(
			journalLine(
				step === 0
					? {at: start + index, type: 'first-seen', taskId, kind: 'image', region: 'eu-west-1', status: 'active', progress: 2, message: 'pending'}
					: {
							at: start + index,
							type: 'message',
							taskId,
							kind: 'image',
							region: 'eu-west-1',
							status: 'active',
							progress: Math.min(99, 2 + step),
							from: `step ${step - 1}`,
							to: `step ${step}`,
						},
			),
		);
	}
	writeFileSync(historyFile(directory), lines.join(''), {mode: 0o600});
	return statSync(historyFile(directory)).size;
}

/** The history store: reading back 100,000 lines (read + parse + grouped by task), and the app's start on such a store. */
async function history(): Promise<void> {
	const state = mkdtempSync(join(tmpdir(), 'eiw-bench-history-'));
	const directory = historyDirectory({XDG_STATE_HOME: state}, '/nonexistent');
	try {
		const bytes = writeHistory(directory, 100_000);
		// Every task listed (the worst case: every line parsed), then 50 of the 1,000 (the others' lines only peeked at).
		for (const [label, listedCount] of [
			['all 1,000 tasks listed', 1000],
			['50 tasks listed', 50],
		] as const) {
			const listed = Array.from({length: listedCount}, (_, task) => ({importTaskId: `import-ami-${task.toString(16).padStart(17, '0')}`}) as ImportTask);
			const reads: number[] = [];
			for (let run = 0; run < Math.max(runs, 5); run++) {
				const started = performance.now();
				const store = openHistoryStore({directory, now: Date.now, capBytes: Number.POSITIVE_INFINITY});
				await store.read();
				const entries = store.load(listed);
				priorHistory(entries);
				reads.push(performance.now() - started);
				await store.close();
				if (entries.length !== listedCount * 100) throw new Error(`read back ${entries.length} entries`);
			}
			const read = median(reads);
			rows.push({
				name: `History read back, 100,000 lines, ${label}`,
				value: `${fmt(read)} ms`,
				target: '',
				met: undefined,
				note: `${fmt(bytes / 1024 / 1024, 1)} MiB; read + parse + grouped by task, in-process; ${reads.length} runs; begun after the first frame`,
			});
		}
		// The first frame and the first data with such a store, against 16 tasks (the demo's count; --demo keeps no
		// history), and without history for comparison (runs alternate, so both see the same load).
		const server = await startBenchServer({tasksFor: () => frozenTasks(16)});
		const timings: Record<'with' | 'without', {frames: number[]; data: number[]}> = {with: {frames: [], data: []}, without: {frames: [], data: []}};
		try {
			for (let run = 0; run < Math.max(runs, 3); run++) {
				for (const mode of ['with', 'without'] as const) {
					rmSync(directory, {recursive: true, force: true});
					writeHistory(directory, 100_000);
					const spawned = performance.now();
					await withApp([...simulatorArgs(server.url), ...(mode === 'with' ? [] : ['--no-history'])], {XDG_STATE_HOME: state}, async (term) => {
						await term.waitFor('ec2-import-watch', {timeoutMs: 5000});
						timings[mode].frames.push((term.chunks.find((chunk) => chunk.bytes.includes('ec2-import-watch'))?.at ?? Number.NaN) - spawned);
						await term.waitFor('import-ami-', {timeoutMs: 5000});
						timings[mode].data.push((term.chunks.find((chunk) => chunk.bytes.includes('import-ami-'))?.at ?? Number.NaN) - spawned);
					});
				}
			}
		} finally {
			await server.close();
		}
		const [frame, bare] = [median(timings.with.frames), median(timings.without.frames)];
		const [first, bareFirst] = [median(timings.with.data), median(timings.without.data)];
		rows.push({
			name: 'Time to first frame, 100,000-line history',
			value: `${fmt(frame)} ms`,
			target: '≤ 300 ms',
			met: frame <= 300,
			note: `${fmt(bare)} ms with --no-history; 16 tasks from a local endpoint; ${timings.with.frames.length} runs each`,
		});
		rows.push({
			name: 'Time to first data, 100,000-line history',
			value: `${fmt(first)} ms`,
			target: '≤ 800 ms',
			met: first <= 800,
			note: `${fmt(bareFirst)} ms with --no-history; read (and, over the 10 MiB cap, compacted) while the first poll is under way`,
		});
	} finally {
		rmSync(state, {recursive: true, force: true});
	}
}

function timed(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
	const started = performance.now();
	return new Promise((resolve, reject) => {
		execFile(file, args, {env, maxBuffer: 64 * 1024 * 1024}, (error) => (error ? reject(error) : resolve(performance.now() - started)));
	});
}

/** P4: --once --json against `aws ec2 describe-import-image-tasks`, same simulator, 500 tasks. */
async function p4(): Promise<void> {
	const simulator = createSimulator({tasks: 500, arrivals: false, seed: 4});
	const url = await simulator.listen();
	try {
		const env = baseEnv({...simulatorEnv, AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: ''});
		const ours: number[] = [];
		const theirs: number[] = [];
		const ratios: number[] = [];
		for (let run = 0; run < runs; run++) {
			const a = await timed(process.execPath, [launchPath, ...simulatorArgs(url), '--once', '--json'], env);
			const b = await timed('aws', ['ec2', 'describe-import-image-tasks', '--endpoint-url', url, '--region', 'us-east-1', '--output', 'json'], env).catch(
				() => Number.NaN,
			);
			ours.push(a);
			theirs.push(b);
			ratios.push(a / b);
		}
		const ratio = median(ratios);
		rows.push({
			name: 'P4 --once --json ÷ AWS CLI, 500 tasks',
			value: `${fmt(ratio, 2)} × (${fmt(median(ours))} ms vs ${fmt(median(theirs))} ms)`,
			target: '≤ 0.5 ×',
			met: ratio <= 0.5,
			note: `${runs} runs each`,
		});
	} finally {
		await simulator.close();
	}
}

/** Peak RSS of the TUI with 200 tasks that never change, after 4 polls 2 s apart. */
async function rss200(label = ''): Promise<void> {
	const peaks: number[] = [];
	for (let run = 0; run < runs; run++) {
		const server = await startBenchServer({tasksFor: () => frozenTasks(200)});
		try {
			await withApp([...simulatorArgs(server.url), '--interval', '2'], {}, async (term) => {
				const pid = await term.pid;
				await server.answered(4);
				await delay(500);
				peaks.push(memory(pid).peakMb);
			});
		} finally {
			await server.close();
		}
	}
	const peak = median(peaks);
	rows.push({
		name: `Peak RSS, 200 tasks${label}`,
		value: `${fmt(peak)} MB`,
		target: '≤ 100 MB',
		met: peak <= 100,
		note: `VmHWM after 4 polls; ${peaks.length} runs (${peaks.map((p) => fmt(p)).join(', ')})`,
	});
}

/** The standalone executable: its size, first frame and data, RSS with 200 and with 10,000 tasks. */
async function executable(): Promise<void> {
	const built = await buildExecutable();
	rows.push({
		name: 'Standalone executable (linux-x64)',
		value: `${fmt(built.mib, 1)} MiB`,
		target: '',
		met: undefined,
		note: 'stripped Node 22 + the one-file bundle',
	});
	app = built.path;
	try {
		await startup(', executable');
		await rss200(', executable');
		await p5(', executable');
	} finally {
		app = installed;
	}
}

async function packageSize(): Promise<void> {
	const {tarballMb, installedMb, packages} = await installedSize();
	rows.push({
		name: 'npm i -g of the packed tarball',
		value: `${fmt(installedMb, 2)} MB installed`,
		target: '≤ 10 MB',
		met: installedMb <= 10,
		note: `tarball ${fmt(tarballMb, 2)} MB; ${packages} package(s) added`,
	});
}

const started = performance.now();
if (wanted('size')) await packageSize();
if (wanted('startup')) await startup();
if (wanted('rss')) await rss200();
if (wanted('history')) await history();
if (wanted('p1')) await p1();
if (wanted('p4')) await p4();
if (wanted('p5')) await p5();
if (wanted('keys')) await keys();
if (wanted('executable')) await executable();
// The idle run and the soak share the 60 s (the soak is a different process; P3 counts only the idle app's CPU).
await Promise.all([wanted('p2') || wanted('p3') ? p2p3() : undefined, wanted('p6') ? p6() : undefined]);

const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => [row.name, row.value, row.target][column]?.length ?? 0)));
const line = (cells: string[]) => cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join('  ');
process.stdout.write(`\n${line(['figure', 'value', 'target'])}  met   notes\n`);
for (const row of rows)
	process.stdout.write(`${line([row.name, row.value, row.target])}  ${row.met === undefined ? '?' : row.met ? 'yes' : 'NO '}   ${row.note}\n`);
process.stdout.write(
	`\n120×40 pty (script), ${runs} runs where repeated, ${fmt((performance.now() - started) / 1000)} s in all; load average at the end ${loadAverage()}\n`,
);
