import {Text} from 'ink';
import type {ReactNode} from 'react';
import type {Mode} from '../../model/state.js';
import {hintsFor} from '../keymap.js';
import {colorOf, useTheme} from '../theme.js';

/** The bottom line: the keys that work in this mode, or a notice that stands in for them. */
export function HintBar({mode, notice}: {mode: Mode; notice?: string}): ReactNode {
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
			{hintsFor(mode).map(({label, hint}, index) => (
				<Text key={hint}>
					{index === 0 ? '' : '  '}
					<Text bold>{label}</Text>
					<Text color={colorOf(theme, 'muted')}> {hint}</Text>
				</Text>
			))}
		</Text>
	);
}
