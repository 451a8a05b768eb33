import {Text} from 'ink';
import type {ReactNode} from 'react';
import type {Mode} from '../../model/state.js';
import {hintsFor} from '../keymap.js';
import {displayWidth} from '../text-width.js';
import {colorOf, useTheme} from '../theme.js';

const separator = '  ';

/**
 * The hints that fit in `width`: help and quit (the last two) always stay; the others are dropped from the end
 * of the list, since the keymap lists the most used first.
 */
export function hintsThatFit(hints: readonly {label: string; hint: string}[], width: number): {label: string; hint: string}[] {
	const kept = [...hints];
	const length = () => kept.reduce((sum, {label, hint}) => sum + displayWidth(label) + 1 + displayWidth(hint), 0) + separator.length * Math.max(0, kept.length - 1);
	while (kept.length > 2 && length() > width) kept.splice(kept.length - 3, 1);
	return kept;
}

/** The bottom line: the keys that work in this mode, or a notice that stands in for them. */
export function HintBar({mode, notice, width}: {mode: Mode; notice?: string; width: number}): ReactNode {
	const theme = useTheme();
	if (notice !== undefined) {
		return (
			<Text color={colorOf(theme, 'accent')} wrap="truncate">
				{notice}
			</Text>
		);
	}
	return (
		<Text wrap="truncate">
			{hintsThatFit(hintsFor(mode), width).map(({label, hint}, index) => (
				<Text key={hint}>
					{index === 0 ? '' : separator}
					<Text bold>{label}</Text>
					<Text color={colorOf(theme, 'muted')}> {hint}</Text>
				</Text>
			))}
		</Text>
	);
}
