import {Text} from 'ink';
import type {ReactNode} from 'react';
import type {Mode} from '../../model/state.js';
import {displayWidth, wrapText} from '../../text/text-width.js';
import {type Binding, keyLabel, keymap, scrollKeys} from '../keymap.js';
import {colorOf, useTheme} from '../theme.js';

// Generated from the keymap, the same table that handles keys and feeds the hint line.

const sections: {title: string; mode: Mode}[] = [
	{title: 'Task list', mode: 'list'},
	{title: 'Task details', mode: 'detail'},
	{title: 'Events (e)', mode: 'events'},
	{title: 'Timeline (t)', mode: 'timeline'},
	{title: 'Text filter (/)', mode: 'search'},
	{title: 'Cancel question (x, with --allow-cancel)', mode: 'confirm'},
];

export function helpLines(): ({kind: 'title'; text: string} | {kind: 'key'; binding: Binding})[] {
	const seen = new Set<Binding>();
	return sections.flatMap(({title, mode}) => {
		const bindings = keymap.filter((binding) => binding.modes.includes(mode) && !seen.has(binding));
		for (const binding of bindings) seen.add(binding);
		return bindings.length === 0 ? [] : [{kind: 'title' as const, text: title}, ...bindings.map((binding) => ({kind: 'key' as const, binding}))];
	});
}

type ShownLine = {kind: 'title'; text: string} | {kind: 'key'; key: string; label: string; text: string};

/** The help's lines at this width: a description too long for its column wraps at spaces under that column. */
function shownLines(unicode: boolean, width: number): {lines: ShownLine[]; keyWidth: number} {
	const all = helpLines();
	// The key column is as wide as the widest key (any other key) and two spaces, so no key runs into its words.
	const keyWidth = Math.max(...all.map((line) => (line.kind === 'key' ? displayWidth(keyLabel(line.binding.label, unicode)) : 0))) + 2;
	const lines = all.flatMap((line): ShownLine[] => {
		if (line.kind === 'title') return [line];
		const id = keymap.indexOf(line.binding);
		return wrapText(line.binding.description, width - 2 - keyWidth, {spacesOnly: true}).map((text, index) => ({
			kind: 'key',
			key: `${id}:${index}`,
			label: index === 0 ? keyLabel(line.binding.label, unicode) : '',
			text,
		}));
	});
	return {lines, keyWidth};
}

export function HelpScreen({height, scroll, width}: {height: number; scroll: number; width: number}): ReactNode {
	const theme = useTheme();
	const {lines: all, keyWidth} = shownLines(theme.unicode, width);
	// When it does not fit, one line says where we are and that ↑↓ scroll, as the details screen does.
	const room = all.length > height ? Math.max(1, height - 1) : height;
	const top = Math.max(0, Math.min(scroll, all.length - room));
	const lines = all.slice(top, top + room);
	return (
		<>
			{all.length > height ? (
				<Text color={colorOf(theme, 'muted')} wrap="truncate">
					Keys ({top + 1}–{top + lines.length} of {all.length}, {keyLabel(scrollKeys, theme.unicode)} scroll, ? or Esc closes)
				</Text>
			) : null}
			{lines.map((line) =>
				line.kind === 'title' ? (
					<Text key={line.text} bold wrap="truncate">
						{line.text}
					</Text>
				) : (
					<Text key={line.key} wrap="truncate">
						{'  '}
						<Text bold>{line.label.padEnd(keyWidth)}</Text>
						<Text color={colorOf(theme, 'muted')}>{line.text}</Text>
					</Text>
				),
			)}
		</>
	);
}
