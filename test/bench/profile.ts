// The built app in a 120×40 pty against the bench's endpoint, with extra Node flags, for profiles:
//   node --import tsx test/bench/profile.ts idle --cpu-prof --cpu-prof-dir=/tmp/prof   (200 tasks, 5 s polls, SECS=30 s)
//   node --import tsx test/bench/profile.ts keys --heap-prof                          (10,000 tasks, KEYS=16 j/k presses)
//   node --import tsx test/bench/profile.ts big                                       (10,000 tasks, one moving, 3 s polls)
// It prints the CPU used (% of a core, /proc), the key latencies and CPU per press, polls, peak RSS and writes;
// the app quits with q, so Node writes its profile. BENCH_APP=FILE runs another build, for before/after.
import {simulatorArgs, simulatorEnv, startTerm} from '../helpers/term.js';
import {frozenTasks, oneTaskMoves, startBenchServer} from './ec2-server.js';
import {cpuMs, delay, memory, median} from './measure.js';

const [scenario = 'idle', ...flags] = process.argv.slice(2);
const app = process.env.BENCH_APP ?? new URL('../../dist/launch.js', import.meta.url).pathname;
const count = scenario === 'idle' ? 200 : 10_000;
const tasks = frozenTasks(count);
const server = await startBenchServer({tasksFor: scenario === 'idle' ? () => tasks : oneTaskMoves(tasks)});
const interval = scenario === 'idle' ? '5' : scenario === 'keys' ? '120' : '3';
const term = startTerm({
	command: [
		'node',
		'--max-semi-space-size=2',
		...flags,
		app,
		...simulatorArgs(server.url),
		'--interval',
		interval,
		...(count > 1000 ? ['--page-size', '1000'] : []),
	],
	env: {...simulatorEnv},
});
const pid = await term.pid;
await server.answered(1);
await delay(1500);
const chunks0 = term.chunks.length;
const t0 = performance.now();
const c0 = cpuMs(pid);
if (scenario === 'idle') {
	await delay(Number(process.env.SECS ?? 30) * 1000);
} else {
	const lat: number[] = [];
	const k0 = cpuMs(pid);
	for (let i = 0; i < Number(process.env.KEYS ?? 16); i++) {
		const before = term.chunks.length;
		const at = performance.now();
		term.write(i % 2 === 0 ? 'j' : 'k');
		while (term.chunks.length === before && performance.now() - at < 2000) await delay(1);
		lat.push((term.chunks[before]?.at ?? 0) - at);
		await delay(150);
	}
	process.stderr.write(`cpu per key ${((cpuMs(pid) - k0) / lat.length).toFixed(1)} ms; `);
	process.stderr.write(`keys: median ${median(lat).toFixed(1)} ms [${lat.map((l) => l.toFixed(0)).join(' ')}]\n`);
	await delay(Number(process.env.SECS ?? 8) * 1000);
}
const secs = (performance.now() - t0) / 1000;
process.stderr.write(
	`cpu ${(((cpuMs(pid) - c0) / 1000 / secs) * 100).toFixed(2)} % over ${secs.toFixed(0)} s, polls ${server.polls}, peak ${memory(pid).peakMb.toFixed(0)} MB, writes ${term.chunks.length - chunks0}\n`,
);
term.write('q');
await Promise.race([term.exited, delay(5000)]);
await term.close();
await server.close();
