import {Box, Text} from 'ink';
import {type ReactNode, useMemo} from 'react';
import {faultHeadline, faultHint} from '../../model/fault-text.js';
import {formatAge, formatClock, formatDuration} from '../../model/format.js';
import {isStale, slowPollMs, viewOf, type WatchState} from '../../model/state.js';
import {pollNotesLine} from '../../model/poll-notes.js';
import {awayLine} from '../../model/history-restore.js';
import {countByState, notFetched, stateFilters, tasksOfKind} from '../../model/task-filter.js';
import {sortLabel} from '../../model/task-sort.js';
import {fitLine, type Segment, fitSegments} from '../fit-segments.js';
import {displayWidth, truncateToWidth} from '../../text/text-width.js';
import {colorOf, glyph, useTheme} from '../theme.js';
import {labelFor} from '../keymap.js';
import {useNow} from '../use-now.js';
import type {Timers} from '../../model/clock.js';

export interface HeaderProps<Handle> {
	state: WatchState;
	/** The header is the only part that ticks: on the second when its text changes, the rest only when the state does. */
	timers: Timers<Handle>;
	/** Region or endpoint, said once at the top. */
	where: string;
	intervalMs: number;
	width: number;
	/** A failure of the shell's own (the journal cannot be written): a line of its own until the end. */
	alert?: string;
}

const separator = ' · ';

/** Lines a fix takes when it wraps (it is never cut: cut short, it would lose the part that says what to run). */
function hintLines(hint: string | undefined, width: number): number {
	return hint === undefined ? 0 : Math.min(3, Math.ceil((displayWidth(hint) + 4) / Math.max(20, width)));
}

export function headerHeight(state: WatchState, width: number, alert?: string): number {
	const pairs = state.pairFaults.length === 0 ? 0 : 1;
	const notes = pollNotesLine(state.notes) === undefined ? 0 : 1;
	const away = state.away === undefined ? 0 : 1;
	return 2 + pairs + notes + away + (alert === undefined ? 0 : 1) + (state.fault === undefined ? 0 : 2 + hintLines(faultHint(state.fault, true), width));
}

/**
 * One line for the regions, profiles or calls that are failing while the others are fine, each named first. Within
 * `width`: the note that their last good tasks stay goes first, then the middle of each fault gives way (its name
 * and its next-poll time stay).
 */
export function pairFaultLine(state: WatchState, now: number, width = Number.POSITIVE_INFINITY): string {
	const parts = state.pairFaults.map(({label, fault, since, retryAt}) => `${label}: ${faultHeadline({...fault, since}, now, retryAt)}`);
	const whole = `${parts.join(' · ')} (the last good tasks stay listed)`;
	if (displayWidth(whole) <= width || parts.length === 0) return whole;
	const room = Math.floor((width - separator.length * (parts.length - 1)) / parts.length);
	return parts.map((part) => fitLine(part, room)).join(separator);
}

type Role = 'muted' | 'stale' | 'plain' | 'strong';
interface Part extends Segment {
	role: Role;
}

/** Line 1, most important first to survive: pause, staleness and age, then the next poll, the pace, the place. */
function statusParts(state: WatchState, now: number, where: string, intervalMs: number): Part[] {
	const stale = isStale(state);
	// Ages are coarse while all is well (fewer redraws over SSH), exact while polls fail.
	const exact = stale || state.fault !== undefined;
	const freshness =
		state.lastGoodAt === undefined
			? state.fault === undefined
				? 'waiting for the first poll…'
				: 'no data yet'
			: `last poll ${formatClock(state.lastGoodAt)} (${formatAge(now - state.lastGoodAt, exact)})`;
	// A clock time, not a countdown: a countdown would redraw the header every second.
	const slowPoll = state.polling && state.pollStartedAt !== undefined && now - state.pollStartedAt >= slowPollMs;
	// Once its time has come the poll is under way (the header may not have been told yet): never a time past.
	const next = slowPoll
		? `polling… (${formatDuration(now - (state.pollStartedAt ?? now))})`
		: state.nextPollAt === undefined || state.paused
			? ''
			: state.nextPollAt > now
				? `next ${formatClock(state.nextPollAt)}`
				: 'polling…';
	const pace = state.idleIntervalMs === undefined ? `every ${formatDuration(intervalMs)}` : `idle: every ${formatDuration(state.idleIntervalMs)}`;
	return [
		{key: 'title', text: 'ec2-import-watch', priority: 6, role: 'strong'},
		// Never dropped: shortened to the room left (see fitStatus).
		{key: 'where', text: where, priority: 0, role: 'plain'},
		{key: 'pace', text: pace, priority: 4, role: 'muted'},
		{key: 'paused', text: state.paused ? 'PAUSED (p resumes)' : '', priority: 0, role: 'strong'},
		{key: 'fresh', text: `${stale ? 'STALE · ' : ''}${freshness}`, priority: 0, role: stale ? 'stale' : 'plain'},
		{key: 'next', text: next, priority: 2, role: 'plain'},
	];
}

/** Shorter ways to say the same place, each tried in turn before it is cut: without the URL scheme, then "demo …". */
function placeCandidates(where: string): string[] {
	const bare = where.replace(/\bhttps?:\/\//g, '');
	return [where, bare, bare.replace(/^demo simulator at /, 'demo ')];
}

/** The place, as it fits `room` columns: the first shorter form that fits, else the shortest one cut with an ellipsis. */
export function shortenPlace(where: string, room: number): string {
	const candidates = placeCandidates(where);
	const fitting = candidates.find((candidate) => displayWidth(candidate) <= room);
	return fitting ?? truncateToWidth(candidates[candidates.length - 1] ?? where, Math.max(1, room));
}

/** The narrowest the place is shown, so that even at 80 columns the header says what is watched. */
const placeFloor = 16;

const partsWidth = (parts: readonly Part[]): number =>
	parts.reduce((sum, part) => sum + displayWidth(part.text), 0) + separator.length * Math.max(0, parts.length - 1);

/**
 * Line 1 as it fits `width`: the least needed parts go first (the title, the pace, the next poll); the place is
 * never dropped, only said in fewer columns (without the URL scheme, then cut with an ellipsis).
 */
function fitStatus(parts: readonly Part[], width: number): Part[] {
	const place = parts.find((part) => part.key === 'where');
	if (place === undefined || place.text === '') return fitSegments(parts, width, separator.length);
	const rest = parts.filter((part) => part !== place);
	const withPlace = (others: readonly Part[], text: string): Part[] => {
		const at = others.findIndex((part) => parts.indexOf(part) > parts.indexOf(place));
		const shown = {...place, text};
		return at < 0 ? [...others, shown] : [...others.slice(0, at), shown, ...others.slice(at)];
	};
	for (const candidate of placeCandidates(place.text)) {
		const line = withPlace(fitSegments(rest, width - displayWidth(candidate) - separator.length, separator.length), candidate);
		if (partsWidth(line) <= width) return line;
	}
	// Up to half the line for the place before the pace and the next poll are kept.
	const reserve = Math.min(displayWidth(placeCandidates(place.text)[1] ?? place.text), Math.max(placeFloor, Math.floor(width / 2)));
	const others = fitSegments(rest, width - reserve - separator.length, separator.length);
	return withPlace(others, shortenPlace(place.text, Math.max(placeFloor, width - partsWidth(others) - separator.length)));
}

/** The text filter as it fits `room`: its end (what was typed last) after an ellipsis when it is too long. */
export function keepEnd(text: string, room: number): string {
	if (displayWidth(text) <= room) return text;
	const points = [...text];
	let tail = '';
	for (let index = points.length - 1; index >= 0; index--) {
		const next = `${points[index] ?? ''}${tail}`;
		if (displayWidth(next) > room - 1) break;
		tail = next;
	}
	return `…${tail}`;
}

/** All the header draws from the clock: a tick redraws the screen only when this text changes. */
function clockText(state: WatchState, now: number, where: string, intervalMs: number): string {
	return [
		...statusParts(state, now, where, intervalMs).map((part) => part.text),
		state.pairFaults.length === 0 ? '' : pairFaultLine(state, now),
		state.fault === undefined ? '' : faultHeadline(state.fault, now, state.polling ? undefined : state.nextPollAt),
	].join('\n');
}

function PartText({part}: {part: Part}): ReactNode {
	const theme = useTheme();
	switch (part.role) {
		case 'muted':
			return <Text color={colorOf(theme, 'muted')}>{part.text}</Text>;
		case 'stale':
			return (
				<Text color={colorOf(theme, 'stale')} bold>
					{part.text}
				</Text>
			);
		case 'strong':
			return <Text bold>{part.text}</Text>;
		case 'plain':
			return <Text>{part.text}</Text>;
		default: {
			const unreachable: never = part.role;
			return unreachable;
		}
	}
}

/** --max-items cut the list, or a kind of import is not allowed: one muted line, only then. */
function NotesLine({state}: {state: WatchState}): ReactNode {
	const theme = useTheme();
	const line = pollNotesLine(state.notes);
	return line === undefined ? null : (
		<Text color={colorOf(theme, 'muted')} wrap="truncate">
			{line}
		</Text>
	);
}

/** What changed while no watcher ran, found by the first poll after a restart: until the events view is opened. */
function AwayLine({state}: {state: WatchState}): ReactNode {
	if (state.away === undefined) return null;
	// The key that opens the events view, as the keymap has it.
	const events = labelFor('open-events') ?? 'e';
	return <Text wrap="truncate">{`${awayLine(state.away, state.lastGoodAt ?? state.away.since)} · ${events} for events`}</Text>;
}

/** Title and freshness, the state filters with their counts, and the current fault if any. */
export function Header<Handle>({state, timers, where, intervalMs, width, alert}: HeaderProps<Handle>): ReactNode {
	const theme = useTheme();
	const now = useNow(timers, (at) => clockText(state, at, where, intervalMs));
	const counts = useMemo(() => countByState(tasksOfKind(state.tasks, state.kindFilter)), [state.tasks, state.kindFilter]);
	const hint = state.fault === undefined ? undefined : faultHint(state.fault, true);
	const status = fitStatus(statusParts(state, now, where, intervalMs), width);
	// A state --state leaves out is not fetched: its tab is dimmed, with – for a count (none would be a claim).
	const tabs = stateFilters.map((filter, index) => {
		const unfetched = notFetched(filter, state.fetchedStates) !== undefined;
		return {filter, unfetched, label: `${index + 1} ${filter} ${unfetched && counts[filter] === 0 ? '–' : counts[filter]}`};
	});
	// Narrow terminals: the tabs close up, and the sort is said in fewer words, so both still fit at 80 columns.
	const narrow = width < 100;
	const tabsWidth = tabs.reduce((sum, tab) => sum + displayWidth(tab.label) + (narrow ? 2 : 3), 0);
	// The events view lists every task's events, newest first: the list's state filter, kind and sort do not apply
	// there, so no tab is chosen (the counts stay, dimmed) and the header says what the events view shows.
	const inEvents = viewOf(state) === 'events';
	const sortText = inEvents
		? narrow
			? 'events: all tasks'
			: 'events of all tasks, newest first'
		: narrow
			? `sort ${sortLabel(state.sort, true)}`
			: `sort: ${sortLabel(state.sort)}`;
	// The text filter stays whatever its length: its end, after an ellipsis, in the room the tabs leave.
	const room = width - tabsWidth - 2;
	const filterText =
		state.textFilter === '' && state.mode !== 'search'
			? ''
			: `/${keepEnd(state.textFilter, Math.max(2, room - 1 - (state.mode === 'search' ? 1 : 0)))}${state.mode === 'search' ? '▏' : ''}`;
	const fitted = fitSegments(
		[
			{key: 'filter', text: filterText, priority: 0},
			{key: 'kind', text: state.kindFilter === 'all' || inEvents ? '' : `${state.kindFilter} imports (K)`, priority: 0},
			{key: 'sort', text: sortText, priority: 1},
		],
		room,
		2,
	);
	// fitSegments keeps a last segment whatever its width: the sort (`events: all tasks`) goes whole rather than
	// be cut mid-word at the edge.
	const fittedWidth = fitted.reduce((sum, segment) => sum + displayWidth(segment.text) + 2, -2);
	const extras = fittedWidth <= room ? fitted : fitted.filter((segment) => segment.priority === 0);
	return (
		<Box flexDirection="column">
			<Text wrap="truncate">
				{status.map((part, index) => (
					<Text key={part.key}>
						{index === 0 ? '' : <Text color={colorOf(theme, 'muted')}>{separator}</Text>}
						<PartText part={part} />
					</Text>
				))}
			</Text>
			<Text wrap="truncate">
				{tabs.map(({filter, label, unfetched}, index) => {
					const active = !inEvents && filter === state.stateFilter;
					return (
						<Text key={filter}>
							{index === 0 ? '' : narrow ? '  ' : ' '}
							<Text inverse={active} bold={active} color={inEvents || unfetched ? colorOf(theme, 'muted') : undefined}>
								{active ? `[${label}]` : narrow ? label : ` ${label} `}
							</Text>
						</Text>
					);
				})}
				{extras.map((segment) => (
					<Text key={segment.key} color={segment.key === 'sort' ? colorOf(theme, 'muted') : undefined} bold={segment.key !== 'sort'}>
						{'  '}
						{segment.text}
					</Text>
				))}
			</Text>
			{alert === undefined ? null : (
				<Text color={colorOf(theme, 'fault')} bold wrap="truncate">
					{glyph(theme, '✖ ')}
					{alert}
				</Text>
			)}
			<AwayLine state={state} />
			<NotesLine state={state} />
			{state.pairFaults.length === 0 ? null : (
				<Text color={colorOf(theme, 'fault')} wrap="truncate">
					{glyph(theme, '✖ ')}
					{pairFaultLine(state, now, width - 2)}
				</Text>
			)}
			{state.fault === undefined ? null : (
				<>
					<Text color={colorOf(theme, 'fault')} bold wrap="truncate">
						{glyph(theme, '✖ ')}
						{fitLine(`${faultHeadline(state.fault, now, state.polling ? undefined : state.nextPollAt)}${state.polling ? ' — retrying now…' : ''}`, width - 2)}
					</Text>
					<Text wrap="truncate">
						{'  '}
						{state.fault.message}
					</Text>
					{hint === undefined ? null : (
						<Box height={hintLines(hint, width)} overflow="hidden">
							<Text wrap="wrap">
								{theme.unicode ? '  → ' : '  -> '}
								{hint}
							</Text>
						</Box>
					)}
				</>
			)}
		</Box>
	);
}
