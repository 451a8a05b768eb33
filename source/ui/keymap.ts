import type {Action, Mode} from '../model/state.js';

// One table: which keys do what in which mode. Each binding names what it does, in one step: a reducer action,
// or an effect the app carries out (app/key-handler.ts holds one handler per effect). The same table drives the
// hint line, the help screen, `--help` and the README's key table (a test checks the README against it).

/** What a key does beyond the reducer: it talks to the poller, the clipboard, the shell or the terminal. */
export type Effect = 'quit' | 'refresh' | 'pause' | 'copy-id' | 'copy-image' | 'copy-link' | 'cancel' | 'cancel-confirm' | 'repaint' | 'suspend';

/** Where a key is pressed: the moves scroll the details and help, and a page is as many rows as the body shows. */
export interface KeyPlace {
	mode: Mode;
	pageSize: number;
}

interface BindingText {
	keys: readonly string[];
	/** How the keys are written in the hint line and help, e.g. "↑/k". */
	label: string;
	description: string;
	modes: readonly Mode[];
	/** Shown in the hint line (the rest are in help only). */
	hint?: string;
	/** The label in the hint line when it differs, e.g. "↑↓/jk" for the pair of moves. */
	hintLabel?: string;
	/** The modes whose hint line shows it, when not all of `modes`. */
	hintModes?: readonly Mode[];
	/** The hint while polling is paused, when it differs ("resume" for p). */
	pausedHint?: string;
}

/** A key binding: its keys and words, and the action (made where the key is pressed, for the moves) or effect. */
export type Binding = BindingText & ({action: Action | ((at: KeyPlace) => Action); effect?: undefined} | {effect: Effect; action?: undefined});

/** What a key does where it is pressed. */
export type Intent = {action: Action} | {effect: Effect};

/** Up and down: a move in the lists, a scroll in the details and help. */
function moveOrScroll(mode: Mode, by: number): Action {
	return mode === 'detail' || mode === 'help' ? {type: 'scroll', by} : {type: 'move', by};
}

/** `rows` rows up (negative) or down. */
const move =
	(rows: number) =>
	({mode}: KeyPlace) =>
		moveOrScroll(mode, rows);
/** A page up (-1) or down (1): as many rows as the body shows. */
const page =
	(direction: 1 | -1) =>
	({mode, pageSize}: KeyPlace) =>
		moveOrScroll(mode, direction * pageSize);

const browse: readonly Mode[] = ['list', 'detail'];
const watching: readonly Mode[] = ['list', 'detail', 'events', 'timeline'];
const scrollable: readonly Mode[] = ['list', 'detail', 'help', 'events', 'timeline'];
const everywhere: readonly Mode[] = ['list', 'detail', 'help', 'search', 'events', 'confirm', 'timeline'];
/** The screens one can leave, ask for help in, and quit from with q. */
const screens: readonly Mode[] = ['list', 'detail', 'help', 'events', 'timeline'];

export const keymap: readonly Binding[] = [
	{action: move(-1), keys: ['up', 'k'], label: '↑/k', description: 'Move up (scroll up in details)', modes: scrollable},
	{action: move(1), keys: ['down', 'j'], label: '↓/j', description: 'Move down (scroll down in details)', modes: scrollable, hint: 'move', hintLabel: '↑↓/jk'},
	{action: page(-1), keys: ['pageup'], label: 'PgUp', description: 'Move up one page', modes: scrollable},
	{action: page(1), keys: ['pagedown'], label: 'PgDn', description: 'Move down one page', modes: scrollable},
	{
		action: {type: 'move-to', edge: 'first'},
		keys: ['g', 'home'],
		label: 'g/Home',
		description: 'Go to the first task (event)',
		modes: ['list', 'events', 'timeline'],
	},
	{
		action: {type: 'move-to', edge: 'last'},
		keys: ['G', 'end'],
		label: 'G/End',
		description: 'Go to the last task (event)',
		modes: ['list', 'events', 'timeline'],
	},
	{action: {type: 'open-detail'}, keys: ['enter'], label: 'Enter', description: 'Show the task’s details and disks', modes: ['list'], hint: 'details'},
	{
		action: {type: 'open-detail'},
		keys: ['enter'],
		label: 'Enter',
		description: 'Show the details of the event’s task (Esc comes back)',
		modes: ['events'],
		hint: 'task',
	},
	{
		action: {type: 'open-detail'},
		keys: ['enter'],
		label: 'Enter',
		description: 'Show the selected task’s details (Esc comes back)',
		modes: ['timeline'],
		hint: 'details',
	},
	{action: {type: 'set-state-filter', filter: 'all'}, keys: ['1'], label: '1', description: 'Show all tasks', modes: ['list']},
	{action: {type: 'set-state-filter', filter: 'active'}, keys: ['2'], label: '2', description: 'Show active tasks', modes: ['list']},
	{action: {type: 'set-state-filter', filter: 'completed'}, keys: ['3'], label: '3', description: 'Show completed tasks', modes: ['list']},
	{action: {type: 'set-state-filter', filter: 'deleting'}, keys: ['4'], label: '4', description: 'Show deleting tasks', modes: ['list']},
	{action: {type: 'set-state-filter', filter: 'deleted'}, keys: ['5'], label: '5', description: 'Show deleted (failed or cancelled) tasks', modes: ['list']},
	{
		action: {type: 'cycle-state-filter', direction: 1},
		keys: ['tab'],
		label: 'Tab',
		description: 'Next state filter',
		modes: ['list'],
		hint: 'state',
		hintLabel: '1-5/Tab',
	},
	{action: {type: 'cycle-state-filter', direction: -1}, keys: ['shift-tab'], label: 'S-Tab', description: 'Previous state filter', modes: ['list']},
	{
		action: {type: 'search-start'},
		keys: ['/'],
		label: '/',
		description: 'Filter by text (Enter keeps it, Esc clears it)',
		modes: ['list', 'events'],
		hint: 'filter',
	},
	{action: {type: 'next-kind-filter'}, keys: ['K'], label: 'K', description: 'Show image imports, snapshot imports, or both', modes: ['list'], hint: 'kind'},
	{
		action: {type: 'open-events'},
		keys: ['e'],
		label: 'e',
		description: 'Show every transition seen, newest first, across all tasks',
		modes: ['list'],
		hint: 'events',
	},
	{
		action: {type: 'back'},
		keys: ['escape', 'backspace'],
		label: 'Esc/⌫',
		description: 'Back to the list (in the list: clear the text filter)',
		modes: screens,
		hint: 'back',
		hintLabel: 'Esc',
		hintModes: ['detail', 'help', 'events', 'timeline'],
	},
	{
		action: {type: 'sort-next'},
		keys: ['s'],
		label: 's',
		description: 'Sort by the next column (newest first, id, status, progress, ETA)',
		modes: ['list'],
		hint: 'sort',
	},
	{action: {type: 'sort-reverse'}, keys: ['S'], label: 'S', description: 'Reverse the sort order', modes: ['list']},
	{effect: 'copy-id', keys: ['y'], label: 'y', description: 'Copy the task id (OSC 52, works over SSH)', modes: browse, hint: 'copy'},
	{effect: 'copy-image', keys: ['Y'], label: 'Y', description: 'Copy the image id (a snapshot import: its snapshot id)', modes: ['list']},
	{effect: 'copy-image', keys: ['Y'], label: 'Y', description: 'Copy the snapshot ids of the task’s disks', modes: ['detail']},
	{effect: 'copy-link', keys: ['u'], label: 'u', description: 'Copy a failed import’s guide link (the Doc row), whole', modes: ['detail']},
	{effect: 'cancel', keys: ['x'], label: 'x', description: 'Cancel the active import (asks first; needs --allow-cancel)', modes: browse},
	{effect: 'refresh', keys: ['r'], label: 'r', description: 'Poll now', modes: watching, hint: 'refresh'},
	{effect: 'pause', keys: ['p'], label: 'p', description: 'Pause or resume polling', modes: watching, hint: 'pause', pausedHint: 'resume'},
	// Its hint comes after the ones the list cannot do without, so a narrower line drops it first.
	{
		action: {type: 'open-timeline'},
		keys: ['t'],
		label: 't',
		description: 'Show the tasks on a time line: when each ran, how far it got, how it ended',
		modes: ['list'],
		hint: 'timeline',
	},
	{action: {type: 'toggle-help'}, keys: ['?'], label: '?', description: 'Show or hide this help', modes: screens, hint: 'help'},
	{effect: 'quit', keys: ['q', 'ctrl-c'], label: 'q/Ctrl-C', description: 'Quit and give the terminal back', modes: screens, hint: 'quit', hintLabel: 'q'},
	{action: {type: 'search-commit'}, keys: ['enter'], label: 'Enter', description: 'Keep the text filter', modes: ['search'], hint: 'keep'},
	{action: {type: 'search-cancel'}, keys: ['escape'], label: 'Esc', description: 'Clear the text filter', modes: ['search'], hint: 'clear'},
	{action: {type: 'search-erase'}, keys: ['backspace'], label: '⌫', description: 'Erase a character', modes: ['search']},
	{effect: 'cancel-confirm', keys: ['y'], label: 'y', description: 'Cancel the import (CancelImportTask)', modes: ['confirm'], hint: 'cancel it'},
	{
		action: {type: 'cancel-close', kept: true},
		keys: ['n', 'escape'],
		label: 'any other key',
		description: 'Keep the import (do not cancel)',
		modes: ['confirm'],
		hint: 'keep it',
	},
	{effect: 'quit', keys: ['ctrl-c'], label: 'Ctrl-C', description: 'Quit and give the terminal back', modes: ['search', 'confirm']},
	{effect: 'repaint', keys: ['ctrl-l'], label: 'Ctrl-L', description: 'Redraw the whole screen (after another program wrote on it)', modes: everywhere},
	{effect: 'suspend', keys: ['ctrl-z'], label: 'Ctrl-Z', description: 'Suspend: give the terminal back to the shell (fg resumes)', modes: everywhere},
];

/** Ink's key event as the few fields we read. */
export interface KeyEvent {
	upArrow: boolean;
	downArrow: boolean;
	leftArrow: boolean;
	rightArrow: boolean;
	pageUp: boolean;
	pageDown: boolean;
	home: boolean;
	end: boolean;
	return: boolean;
	escape: boolean;
	tab: boolean;
	shift: boolean;
	ctrl: boolean;
	backspace: boolean;
	delete: boolean;
}

/** Our name for a key press, or undefined for a press we have no name for. */
export function keyName(input: string, key: KeyEvent): string | undefined {
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'enter';
	if (key.escape) return 'escape';
	if (key.tab) return key.shift ? 'shift-tab' : 'tab';
	// Terminals send DEL (0x7f) for the Backspace key; Ink reports it as delete.
	if (key.backspace || key.delete) return 'backspace';
	if (key.ctrl && (input === 'c' || input === 'l' || input === 'z')) return `ctrl-${input}`;
	if (key.ctrl) return undefined;
	return input.length === 1 ? input : undefined;
}

/** What the key named `name` does where it is pressed, or undefined when it is bound to nothing there. */
export function intentFor(name: string, at: KeyPlace): Intent | undefined {
	const binding = keymap.find((candidate) => candidate.modes.includes(at.mode) && candidate.keys.includes(name));
	if (binding === undefined) return undefined;
	if (binding.effect !== undefined) return {effect: binding.effect};
	return {action: typeof binding.action === 'function' ? binding.action(at) : binding.action};
}

/** The label of the key whose action is of this type (`open-events` → `e`), for a line that names the key. */
export function labelFor(type: Action['type']): string | undefined {
	return keymap.find((binding) => typeof binding.action === 'object' && binding.action.type === type)?.label;
}

/** The label of the key that carries out this effect (`copy-link` → `u`), for a line that names the key. */
export function effectLabel(effect: Effect): string | undefined {
	return keymap.find((binding) => binding.effect === effect)?.label;
}

export function bindingsFor(mode: Mode): Binding[] {
	return keymap.filter((binding) => binding.modes.includes(mode));
}

// The key glyphs in labels, and the words that say them in ASCII: the one fallback's ^, v and < would read as
// Ctrl- (^v looks like Ctrl-V) and as a key of its own.
const asciiKeyWords: readonly [string, string][] = [
	['↑↓', 'Up/Dn'],
	['↑', 'Up'],
	['↓', 'Dn'],
	['⌫', 'Bksp'],
];

/** The scroll keys, as the details and help screens name them. */
export const scrollKeys = '↑↓';

/** A key label as drawn: as written in the keymap, or with its arrows and ⌫ in words when the terminal is ASCII. */
export function keyLabel(label: string, unicode: boolean): string {
	return unicode ? label : asciiKeyWords.reduce((text, [glyph, word]) => text.replaceAll(glyph, word), label);
}

/** `stays`: the hint says how to undo a state the screen is in (`p resume` while paused): never dropped for room. */
export function hintsFor(mode: Mode, unicode = true, paused = false): {label: string; hint: string; stays?: true}[] {
	return bindingsFor(mode).flatMap((binding) => {
		if (binding.hint === undefined || (binding.hintModes !== undefined && !binding.hintModes.includes(mode))) return [];
		const label = keyLabel(binding.hintLabel ?? binding.label, unicode);
		return [paused && binding.pausedHint !== undefined ? {label, hint: binding.pausedHint, stays: true as const} : {label, hint: binding.hint}];
	});
}

/** The README's key table, made from the keymap (a test keeps the README in step with it). */
export function keyTableMarkdown(): string {
	const modeNames: Record<Mode, string> = {
		list: 'list',
		detail: 'details',
		help: 'help',
		search: 'filter',
		events: 'events',
		confirm: 'cancel question',
		timeline: 'timeline',
	};
	const rows = keymap.map(
		(binding) => `| ${binding.label.replace(/\|/g, '\\|')} | ${binding.description} | ${binding.modes.map((mode) => modeNames[mode]).join(', ')} |`,
	);
	return ['| Key | What it does | Where |', '| --- | --- | --- |', ...rows].join('\n');
}
