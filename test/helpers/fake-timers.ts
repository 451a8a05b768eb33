// A deterministic clock for tests: a virtual `now` and a queue of one-shot timers. Nothing really sleeps;
// `advance` runs due timers in time order and lets promise callbacks settle between them.

export interface FakeTimerHandle {
	readonly id: number;
}

interface Entry {
	handle: FakeTimerHandle;
	at: number;
	fn: () => void;
}

export interface FakeTimers {
	now(): number;
	setTimeout(fn: () => void, ms: number): FakeTimerHandle;
	clearTimeout(handle: FakeTimerHandle): void;
	/** Moves the clock forward by `ms`, firing every timer due on the way. */
	advance(ms: number): Promise<void>;
	/** Moves the clock to the next timer and fires it; false when none is pending. */
	runNext(): Promise<boolean>;
	/** When the earliest pending timer fires. */
	nextAt(): number | undefined;
	pending(): number;
}

/** Lets queued promise callbacks (and a few rounds of I/O callbacks) run. */
export async function settle(rounds = 5): Promise<void> {
	for (let round = 0; round < rounds; round++) {
		await new Promise<void>((resolve) => setImmediate(resolve));
	}
}

export function createFakeTimers(start = 0): FakeTimers {
	let now = start;
	let nextId = 1;
	let queue: Entry[] = [];

	const earliest = (): Entry | undefined =>
		queue.reduce<Entry | undefined>((best, entry) => (best === undefined || entry.at < best.at ? entry : best), undefined);

	async function fire(entry: Entry): Promise<void> {
		queue = queue.filter((other) => other !== entry);
		now = Math.max(now, entry.at);
		entry.fn();
		await settle();
	}

	return {
		now: () => now,
		setTimeout(fn, ms) {
			const handle = {id: nextId++};
			queue.push({handle, at: now + Math.max(0, ms), fn});
			return handle;
		},
		clearTimeout(handle) {
			queue = queue.filter((entry) => entry.handle !== handle);
		},
		async advance(ms) {
			const target = now + ms;
			await settle();
			for (let entry = earliest(); entry !== undefined && entry.at <= target; entry = earliest()) {
				await fire(entry);
			}
			now = target;
		},
		async runNext() {
			await settle();
			const entry = earliest();
			if (!entry) {
				return false;
			}
			await fire(entry);
			return true;
		},
		nextAt: () => earliest()?.at,
		pending: () => queue.length,
	};
}
