// Memory around the read caps (not a test: numbers to read). Each hostile endpoint runs in a child process, so
// only the watcher's side is measured: RSS before, the peak while reading, and RSS after the fault (after a GC).
//
//   node --expose-gc --import tsx test/bench/read-limits-rss.ts
//
// Modes: endless (a body that never ends), huge (one well-formed answer of ~300 MB), tokens (fresh NextTokens for
// ever, 1,000 tasks a page). With `uncapped`, the caps are lifted (a 5 s deadline stands in for the poll's).

import {fork} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {describeAnswer, sendXml, startHostileEndpoint} from '../helpers/hostile-endpoint.js';

type Mode = 'endless' | 'huge' | 'tokens';
const modes: readonly Mode[] = ['endless', 'huge', 'tokens'];

function isMode(value: string | undefined): value is Mode {
	return modes.some((mode) => mode === value);
}

const page = (from: number) =>
	Array.from({length: 1000}, (_, index) => ({id: `import-ami-${String(from + index).padStart(17, '0')}`, status: 'active', progress: 42}));

async function serve(mode: Mode): Promise<void> {
	const huge =
		mode === 'huge'
			? describeAnswer(
					'DescribeImportImageTasks',
					Array.from({length: 2_400_000}, (_, index) => ({id: `import-ami-${String(index).padStart(17, '0')}`, status: 'active'})),
				)
			: '';
	let served = 0;
	const endpoint = await startHostileEndpoint(({action}, response) => {
		if (mode === 'huge') return sendXml(response, 200, huge);
		if (mode === 'tokens') {
			served += 1;
			return sendXml(response, 200, describeAnswer(action, page(served * 1000), `token-${served}`));
		}
		response.writeHead(200, {'content-type': 'text/xml;charset=UTF-8'});
		response.write('<?xml version="1.0"?><DescribeImportImageTasksResponse><importImageTaskSet>');
		const chunk = '<item><importTaskId>import-ami-00000000000000000</importTaskId><status>active</status></item>'.repeat(500);
		const pump = () => {
			while (!response.destroyed && response.write(chunk));
			if (!response.destroyed) response.once('drain', pump);
		};
		pump();
	});
	process.send?.(endpoint.url);
}

function rss(): {rssMb: number; peakMb: number} {
	const status = readFileSync('/proc/self/status', 'utf8');
	const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) / 1024;
	return {rssMb: kb('VmRSS'), peakMb: kb('VmHWM')};
}

async function settle(): Promise<void> {
	for (let round = 0; round < 5; round++) {
		globalThis.gc?.();
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

async function measure(mode: Mode, uncapped: boolean): Promise<void> {
	const child = fork(new URL(import.meta.url).pathname, ['serve', mode], {execArgv: ['--import', 'tsx']});
	const url = await new Promise<string>((resolve) => child.once('message', (message) => resolve(String(message))));
	const {createEc2Source} = await import('../../source/watch/ec2-source.js');
	const {classifyError} = await import('../../source/watch/classify-error.js');
	const caps = uncapped ? {answerBytes: Number.POSITIVE_INFINITY, pages: Number.POSITIVE_INFINITY, tasks: Number.POSITIVE_INFINITY} : {};
	const options = {
		region: 'us-east-1',
		credentials: {accessKeyId: 'k', secretAccessKey: 's'},
		maxAttempts: 1,
		kinds: ['image' as const],
		readCaps: caps,
		requestTimeoutMs: 120_000,
	};
	// A good poll first, so the SDK is loaded and warm before "before".
	const good = await startHostileEndpoint(({action}, response) => sendXml(response, 200, describeAnswer(action, page(0))));
	await createEc2Source({...options, endpoint: good.url}).fetchTasks(AbortSignal.timeout(10_000));
	const source = createEc2Source({...options, endpoint: url});
	await settle();
	const before = rss().rssMb;
	const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
	for (let poll = 1; poll <= 3; poll++) {
		const started = Date.now();
		let outcome: string;
		try {
			const tasks = await source.fetchTasks(AbortSignal.timeout(uncapped ? 5000 : 60_000));
			outcome = `${tasks.length} tasks`;
		} catch (error) {
			outcome = classifyError(error).message;
		}
		const took = Date.now() - started;
		const peak = rss().peakMb;
		await settle();
		const {heapUsed, arrayBuffers} = process.memoryUsage();
		console.log(
			`${mode}${uncapped ? ' (uncapped)' : ''} poll ${poll}: ${outcome} after ${took} ms · RSS before ${before.toFixed(0)} MB, peak so far ${peak.toFixed(0)} MB, after ${rss().rssMb.toFixed(0)} MB (heap ${mb(heapUsed)} MB, buffers ${mb(arrayBuffers)} MB)`,
		);
	}
	source.destroy();
	child.kill();
	await good.close();
}

const [first, second] = process.argv.slice(2);
if (first === 'serve' && isMode(second)) await serve(second);
else if (isMode(first)) await measure(first, second === 'uncapped');
else console.error(`usage: read-limits-rss.ts ${modes.join('|')} [uncapped]`);
