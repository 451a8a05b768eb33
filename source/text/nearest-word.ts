// "Did you mean …?": the word a typo most likely stands for.

/** Edits from `a` to `b`: insertions, deletions, substitutions, and swaps of two neighbours (`regoin` → `region` is 1). */
export function editDistance(a: string, b: string): number {
	// Optimal string alignment: Levenshtein plus adjacent transpositions, over three rows.
	let before = Array.from({length: b.length + 1}, () => 0);
	let previous = Array.from({length: b.length + 1}, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (before[j - 2] ?? 0) + 1);
			current.push(best);
		}
		before = previous;
		previous = current;
	}
	return previous[b.length] ?? 0;
}

/**
 * The candidate closest to `typed`, when it is close enough to be a typo (at most 2 edits, and fewer than half
 * the word's letters), and the only one that close; otherwise undefined.
 */
export function nearestWord(typed: string, candidates: readonly string[]): string | undefined {
	const scored = candidates.map((word) => ({word, distance: editDistance(typed, word)}));
	const best = Math.min(...scored.map((entry) => entry.distance));
	if (!(best <= 2 && best * 2 < Math.max(typed.length, 2))) return undefined;
	const closest = scored.filter((entry) => entry.distance === best);
	return closest.length === 1 ? closest[0]?.word : undefined;
}
