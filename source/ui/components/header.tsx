import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {faultHeadline} from '../../model/fault-text.js';
import {formatAge, formatClock, formatDuration} from '../../model/format.js';
import {isStale, type WatchState} from '../../model/state.js';
import {countByState, stateFilters} from '../../model/task-filter.js';
import {sortLabels} from '../../model/task-sort.js';
import {colorOf, useTheme} from '../theme.js';
import {useNow} from '../use-now.js';
import type {Timers} from '../../watch/poller.js';

export interface HeaderProps<Handle> {
	state: WatchState;
	/** The header is the only part that ticks: it re-renders once a second, the rest only when the state changes. */
	timers: Timers<Handle>;
	/** Region or endpoint, said once at the top. */
	where: string;
	intervalMs: number;
}

/** A poll that takes longer than this is said to be under way; quicker ones come and go without a redraw. */
const slowPollMs = 2000;

export function headerHeight(state: WatchState): number {
	const pairs = state.pairFaults.length === 0 ? 0 : 1;
	if (state.fault === undefined) return 2 + pairs;
	return (state.fault.hint === undefined ? 4 : 5) + pairs;
}

/** One line for the regions or profiles that are failing while the others are fine. */
export function pairFaultLine(state: WatchState, now: number): string {
	const parts = state.pairFaults.map(({label, fault, since, retryAt}) => `${label}: ${faultHeadline({...fault, since}, now, retryAt)}`);
	const count = state.pairFaults.length;
	return `${count} region/profile pair${count === 1 ? '' : 's'} failing (their last good tasks stay listed) · ${parts.join(' · ')}`;
}

/** Title and freshness, the state filters with their counts, and the current fault if any. */
export function Header<Handle>({state, timers, where, intervalMs}: HeaderProps<Handle>): ReactNode {
	const theme = useTheme();
	const now = useNow(timers);
	const counts = countByState(state.tasks);
	const stale = isStale(state);
	const freshness =
		state.lastGoodAt === undefined
			? state.fault === undefined
				? 'waiting for the first poll…'
				: 'no data yet'
			: `last poll ${formatClock(state.lastGoodAt)} (${formatAge(now - state.lastGoodAt)})`;
	// A clock time, not a countdown: a countdown would redraw the header every second.
	const slowPoll = state.polling && state.pollStartedAt !== undefined && now - state.pollStartedAt >= slowPollMs;
	const next = state.paused
		? 'PAUSED (p resumes)'
		: slowPoll
			? `polling… (${formatDuration(now - (state.pollStartedAt ?? now))})`
			: state.nextPollAt === undefined
				? ''
				: `next ${formatClock(state.nextPollAt)}`;
	return (
		<Box flexDirection="column">
			<Text wrap="truncate">
				<Text bold>ec2-import-watch</Text>
				<Text color={colorOf(theme, 'muted')}> · </Text>
				{where}
				<Text color={colorOf(theme, 'muted')}>
					{' · '}
					{state.idleIntervalMs === undefined ? `every ${formatDuration(intervalMs)}` : `idle: every ${formatDuration(state.idleIntervalMs)}`}
					{' · '}
				</Text>
				<Text color={stale ? colorOf(theme, 'stale') : undefined} bold={stale}>
					{stale ? 'STALE · ' : ''}
					{freshness}
				</Text>
				<Text color={colorOf(theme, 'muted')}> · </Text>
				<Text bold={state.paused}>{next}</Text>
			</Text>
			<Text wrap="truncate">
				{stateFilters.map((filter, index) => {
					const active = filter === state.stateFilter;
					const label = `${index + 1} ${filter} ${counts[filter]}`;
					return (
						<Text key={filter}>
							{index === 0 ? '' : ' '}
							<Text inverse={active} bold={active}>
								{active ? `[${label}]` : ` ${label} `}
							</Text>
						</Text>
					);
				})}
				<Text color={colorOf(theme, 'muted')}>
					{'  '}sort: {sortLabels[state.sort.key]}
					{state.sort.reverse ? ' (reversed)' : ''}
				</Text>
				{state.textFilter === '' && state.mode !== 'search' ? '' : `   /${state.textFilter}${state.mode === 'search' ? '▏' : ''}`}
			</Text>
			{state.pairFaults.length === 0 ? null : (
				<Text color={colorOf(theme, 'fault')} wrap="truncate">
					{theme.unicode ? '✖ ' : 'x '}
					{pairFaultLine(state, now)}
				</Text>
			)}
			{state.fault === undefined ? null : (
				<>
					<Text color={colorOf(theme, 'fault')} bold wrap="truncate">
						{theme.unicode ? '✖ ' : 'x '}
						{faultHeadline(state.fault, now, state.nextPollAt)}
					</Text>
					<Text wrap="truncate">
						{'  '}
						{state.fault.message}
					</Text>
					{/* The fix gets a line of its own: cut short, it would lose the part that says what to run. */}
					{state.fault.hint === undefined ? null : (
						<Text wrap="truncate">
							{theme.unicode ? '  → ' : '  -> '}
							{state.fault.hint}
						</Text>
					)}
				</>
			)}
		</Box>
	);
}
