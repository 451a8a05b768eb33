import {cutMiddle, displayWidth, truncateToWidth} from '../text/text-width.js';

// Lines made of parts that matter unequally (the header, the hint line): when the terminal is too narrow, the
// least important parts go first and the rest keep their order, instead of the end of the line being cut off.

export interface Segment {
	key: string;
	text: string;
	/** 0 is kept longest; higher numbers are dropped first (later ones first among equals). */
	priority: number;
}

export function fitSegments<S extends Segment>(segments: readonly S[], width: number, separatorWidth: number): S[] {
	const kept = segments.filter((segment) => segment.text !== '');
	const length = () => kept.reduce((sum, segment) => sum + displayWidth(segment.text), 0) + separatorWidth * Math.max(0, kept.length - 1);
	while (kept.length > 1 && length() > width) {
		let victim = 0;
		for (const [index, segment] of kept.entries()) {
			if (segment.priority >= (kept[victim]?.priority ?? 0)) victim = index;
		}
		if ((kept[victim]?.priority ?? 0) === 0) break;
		kept.splice(victim, 1);
	}
	return kept;
}

/**
 * One line of words within `width` whose start and end both matter (a notice: `Not cancellable: ` and the reason; a
 * fault: what failed and when the next poll is): its label, up to the first `: `, and its end stay, the middle
 * gives way.
 */
export function fitLine(text: string, width: number): string {
	const label = text.indexOf(': ');
	// Without a short label (a library's warning caught on stderr, a plain sentence) the start says what it is: the end gives way.
	if (label <= 0 || label >= 40) return truncateToWidth(text, width);
	return cutMiddle(text, width, displayWidth(text.slice(0, label + 2)));
}
