import {Text} from 'ink';
import type {ReactNode} from 'react';
import type {Mode} from '../../model/state.js';
import {hintsFor} from '../keymap.js';
import {fitLine, fitSegments} from '../fit-segments.js';
import {colorOf, useTheme} from '../theme.js';

const separator = '  ';

/**
 * The hints that fit in `width`: help and quit (the last two) always stay, and so does a hint that says how to undo
 * the state the screen is in (`p resume`); the others go from the end first.
 */
export function hintsThatFit(hints: readonly {label: string; hint: string; stays?: true}[], width: number): {label: string; hint: string}[] {
	const segments = hints.map((hint, index) => ({
		...hint,
		key: hint.hint,
		text: `${hint.label} ${hint.hint}`,
		priority: index >= hints.length - 2 || hint.stays === true ? 0 : index + 1,
	}));
	return fitSegments(segments, width, separator.length);
}

/** The bottom line: the keys that work in this mode, or a notice that stands in for them. */
export function HintBar({mode, notice, width, paused = false}: {mode: Mode; notice?: string; width: number; paused?: boolean}): ReactNode {
	const theme = useTheme();
	if (notice !== undefined) {
		return (
			<Text color={colorOf(theme, 'accent')} wrap="truncate">
				{fitLine(notice, width)}
			</Text>
		);
	}
	return (
		<Text wrap="truncate">
			{hintsThatFit(hintsFor(mode, theme.unicode, paused), width).map(({label, hint}, index) => (
				<Text key={hint}>
					{index === 0 ? '' : separator}
					<Text bold>{label}</Text>
					<Text color={colorOf(theme, 'muted')}> {hint}</Text>
				</Text>
			))}
		</Text>
	);
}
