import {describeAction} from '../model/poll-notes.js';
import {faultLine} from '../model/fault-text.js';
import type {PollFault} from '../model/poll-events.js';
import type {WatchConfig} from './options.js';
import {createEc2Source, type Ec2Source, type Ec2SourceOptions} from '../watch/ec2-source.js';
import {timeoutFault} from '../watch/poller.js';

// --check: one DryRun Describe call (DescribeImportImageTasks, or with --kind snapshot DescribeImportSnapshotTasks)
// proves credentials, region and permission together.
// One line out, exit code 0 (all fine) or 1 (the fault's message and hint).

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

/** `action`: the Describe call the check made (the first kind watched). */
export function checkLine(where: string, fault: PollFault | undefined, action = 'ec2:DescribeImportImageTasks'): string {
	if (fault === undefined) return `ok: credentials, ${where} and ${action} are all fine`;
	return `failed (${where}): ${faultLine(fault)}`;
}

export async function runCheck(config: WatchConfig, io: CheckIo, options: CheckOptions = {}): Promise<number> {
	const region = config.region ?? 'us-east-1';
	const endpoint = config.endpoint ?? config.pairs[0]?.endpoint;
	const where = endpoint === undefined ? `region ${region}` : `region ${region} at ${endpoint}`;
	const source = (options.createSource ?? createEc2Source)({
		region,
		profile: config.profile,
		endpoint,
		errorContext: config.errorContext,
		kinds: config.kinds,
	});
	const [kind = 'image'] = config.kinds;
	const action = `ec2:${describeAction[kind]}`;
	const deadlineMs = options.deadlineMs ?? checkDeadlineMs;
	const controller = new AbortController();
	const deadline = setTimeout(() => controller.abort(new Error('check deadline passed')), deadlineMs);
	try {
		const result = await source.dryRunCheck(controller.signal);
		const fault = controller.signal.aborted ? timeoutFault(deadlineMs) : result.ok ? undefined : result.fault;
		if (fault === undefined) {
			io.stdout.write(`${checkLine(where, undefined, action)}\n`);
			return 0;
		}
		io.stderr.write(`ec2-import-watch: ${checkLine(where, fault, action)}\n`);
		return 1;
	} finally {
		clearTimeout(deadline);
		source.destroy();
	}
}
