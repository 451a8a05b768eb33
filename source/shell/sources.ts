import type {Timers} from '../model/clock.js';
import type {RegionProfile} from '../model/region-profile.js';
import {createEc2Source, type Ec2Source} from '../watch/ec2-source.js';
import {createMultiSource, type MultiSource} from '../watch/multi-source.js';
import type {WatchConfig} from './options.js';

// The source a watch polls: one region, or several regions and profiles at once.

/** A task source the shell can also describe, reset and close: one region, or several at once. */
export type WatchSource = Ec2Source | MultiSource;

export function createSource<Handle>(
	config: WatchConfig,
	endpoint: string | undefined,
	credentials: {accessKeyId: string; secretAccessKey: string} | undefined,
	timers: Timers<Handle>,
): WatchSource {
	const make = (pair: RegionProfile) =>
		createEc2Source({
			region: pair.region,
			profile: pair.profile,
			endpoint: endpoint ?? pair.endpoint,
			pageSize: config.pageSize,
			maxItems: config.maxItems,
			kinds: config.kinds,
			stateFilter: config.states,
			taskIds: config.taskIds,
			credentials,
			intervalMs: config.intervalMs,
			timers,
			errorContext: {...config.errorContext, ...(pair.profile === undefined ? {} : {profile: pair.profile})},
		});
	const [only] = config.pairs;
	if (config.pairs.length === 1 && only !== undefined) return make(only);
	return createMultiSource({pairs: config.pairs, makeSource: make, intervalMs: config.intervalMs, timers});
}
