// Seeded randomness: everything the simulator invents comes from here, so the same seed
// (and the same clock) gives byte-identical answers.

export type Random = () => number;

/** mulberry32: small, fast, good enough for test data; returns floats in [0, 1). */
export function mulberry32(seed: number): Random {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** An independent stream per purpose, so adding a draw in one place does not shift another. */
export function stream(seed: number, purpose: string): Random {
	let hash = 2166136261;
	for (const char of `${seed}:${purpose}`) {
		hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16777619);
	}
	return mulberry32(hash);
}

export function pick<T>(random: Random, items: readonly [T, ...T[]]): T {
	return items[Math.floor(random() * items.length)] ?? items[0];
}

export function chance(random: Random, probability: number): boolean {
	return random() < probability;
}

export function hex(random: Random, length: number): string {
	let out = '';
	for (let index = 0; index < length; index++) {
		out += Math.floor(random() * 16).toString(16);
	}
	return out;
}

/** uuid-shaped (version 4 layout) so it looks like an EC2 request id. */
export function uuid(random: Random): string {
	const variant = (8 + Math.floor(random() * 4)).toString(16);
	return `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-${variant}${hex(random, 3)}-${hex(random, 12)}`;
}
