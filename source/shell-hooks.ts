import type {JournalEntry} from './model/history.js';
import type {ImportTask} from './model/import-task.js';
import type {WatchConfig} from './options.js';
import {createNotifier} from './terminal/notifier.js';
import {forTerminal, osc52} from './terminal/osc.js';
import {createEc2Source, type Ec2Source} from './watch/ec2-source.js';
import {openJournal} from './watch/journal-file.js';
import {createMultiSource, type MultiSource} from './watch/multi-source.js';
import type {Timers} from './watch/poller.js';

// What the shell does for the app's callbacks: the journal file, notifications, the clipboard, and the source
// (one region, or several regions and profiles at once). Kept apart from run-watch.tsx, which picks the mode.

export interface ShellHooks {
	/** The journal gets every transition, the first poll's 'first-seen' ones too; notifications never the first poll's. */
	onTransitions(entries: readonly JournalEntry[], first: boolean): void;
	onCopy(text: string): void;
	close(): Promise<void>;
}

export function createShellHooks<Handle>(config: WatchConfig, write: (bytes: string) => void, inTmux: boolean, timers: Timers<Handle>): ShellHooks {
	const journal = config.journal === undefined ? undefined : openJournal(config.journal);
	const notifier = createNotifier({methods: config.notify, write, inTmux, timers});
	return {
		onTransitions(entries, first) {
			journal?.append(entries);
			if (!first) notifier.add(entries);
		},
		onCopy(text) {
			write(forTerminal(osc52(text), inTmux));
		},
		async close() {
			notifier.stop();
			await journal?.close();
		},
	};
}

/** --until-done's exit code once every task has ended: 0 when all completed, 1 when any was deleted. */
export function untilDoneCode(tasks: readonly ImportTask[]): number {
	return tasks.some((task) => task.status === 'deleted') ? 1 : 0;
}

export type WatchSource = (Ec2Source | MultiSource) & {partialFaults?(): ReturnType<MultiSource['partialFaults']>};

export function createSource<Handle>(
	config: WatchConfig,
	endpoint: string | undefined,
	credentials: {accessKeyId: string; secretAccessKey: string} | undefined,
	timers: Timers<Handle>,
): WatchSource {
	const make = (pair: {region: string; profile?: string; endpoint?: string}) =>
		createEc2Source({
			region: pair.region,
			profile: pair.profile,
			endpoint: endpoint ?? pair.endpoint,
			pageSize: config.pageSize,
			stateFilter: config.states,
			taskIds: config.taskIds,
			credentials,
			errorContext: {...config.errorContext, ...(pair.profile === undefined ? {} : {profile: pair.profile})},
		});
	const [only] = config.pairs;
	if (config.pairs.length === 1 && only !== undefined) return make(only);
	return createMultiSource({pairs: config.pairs, makeSource: make, intervalMs: config.intervalMs, timers});
}
