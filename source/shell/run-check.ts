import {faultLine} from '../model/fault-text.js';
import type {PollFault} from '../model/poll-events.js';
import {placeOf, type WatchConfig} from './options.js';
import {createEc2Source, type Ec2Source, type Ec2SourceOptions} from '../watch/ec2-source.js';
import {timeoutFault} from '../watch/poller.js';

// --check: a DryRun Describe call for each kind watched (DescribeImportImageTasks, DescribeImportSnapshotTasks) in
// each region and profile, all at once: proves credentials, region and each permission together (a policy may allow
// one call and not the other). One line per call (ok on stdout, the fault's message and hint on stderr), in the
// order of the pairs and kinds; exit code 0 (all fine) or 1.

export interface CheckIo {
	stdout: {write(text: string): unknown};
	stderr: {write(text: string): unknown};
}

export interface CheckOptions {
	/** Builds the source (tests point it at the simulator with fixed credentials). */
	createSource?: (options: Ec2SourceOptions) => Ec2Source;
	/** The whole check, SDK retries included, gives up after this long. Default 30 s. */
	deadlineMs?: number;
}

export const checkDeadlineMs = 30_000;

/** `action`: the Describe call checked (ec2:…). */
export function checkLine(where: string, action: string, fault: PollFault | undefined): string {
	if (fault === undefined) return `ok: credentials, ${where} and ${action} are all fine`;
	// A refused permission names its call already; any other fault is told which call it came from.
	return `failed (${where}): ${fault.action === undefined ? `${action}: ` : ''}${faultLine(fault)}`;
}

export async function runCheck(config: WatchConfig, io: CheckIo, options: CheckOptions = {}): Promise<number> {
	const deadlineMs = options.deadlineMs ?? checkDeadlineMs;
	const controller = new AbortController();
	const deadline = setTimeout(() => controller.abort(new Error('check deadline passed')), deadlineMs);
	const sources = config.pairs.map((pair) => ({
		where: `region ${placeOf({pairs: [pair], endpoint: config.endpoint}, pair.region)}`,
		source: (options.createSource ?? createEc2Source)({
			region: pair.region,
			profile: pair.profile,
			endpoint: config.endpoint ?? pair.endpoint,
			errorContext: {...config.errorContext, ...(pair.profile === undefined ? {} : {profile: pair.profile})},
			kinds: config.kinds,
		}),
	}));
	try {
		const answers = await Promise.all(sources.map(async ({where, source}) => ({where, results: await source.dryRunCheck(controller.signal)})));
		let failed = false;
		for (const {where, results} of answers) {
			for (const result of results) {
				if (result.ok) {
					io.stdout.write(`${checkLine(where, result.action, undefined)}\n`);
					continue;
				}
				failed = true;
				const fault = controller.signal.aborted ? timeoutFault(deadlineMs) : result.fault;
				io.stderr.write(`ec2-import-watch: ${checkLine(where, result.action, fault)}\n`);
			}
		}
		return failed ? 1 : 0;
	} finally {
		clearTimeout(deadline);
		for (const {source} of sources) source.destroy();
	}
}
