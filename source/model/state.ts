import {type CancelPrompt, questionWithdrawn} from './cancel-prompt.js';
import {emptyLog, type EventLog, eventTaskKey, logEntries, selectedEventRow, shownEvents} from './event-log.js';
import {type History, type JournalEntry, observe} from './history.js';
import {type AwaySummary, resume} from './history-restore.js';
import {type ImportTask, noIdLabel, taskKey, type TaskState} from './import-task.js';
import {faultSince, type PairFault, type PollEvent, type PollFault} from './poll-events.js';
import {addTally, type LeftTally, noLeftTally} from './left-tasks.js';
import type {PollNotes} from './poll-notes.js';
import {changedTaskIds} from './task-changes.js';
import {cycleStateFilter, filterTasks, type KindFilter, nextKindFilter, type StateFilter} from './task-filter.js';
import {nextSortKey, type Sort, sortTasks} from './task-sort.js';

// The whole screen state and one pure reducer over discriminated-union actions (gemini-cli, bubbletea habit).
// Selection is kept by task key, so it survives polls, sorting and filter changes.

export type Mode = 'list' | 'detail' | 'help' | 'search' | 'events' | 'confirm' | 'timeline';

/** The screens; search and confirm are asked over one of them. */
export type View = 'list' | 'detail' | 'help' | 'events' | 'timeline';

export interface Fault extends PollFault {
	/** When this kind of fault began (first failure of the current run of failures). */
	since: number;
}

export interface WatchState {
	tasks: ImportTask[];
	/** Tasks that changed in the last successful poll; marked until the next one. */
	changed: ReadonlySet<string>;
	polls: number;
	lastGoodAt?: number;
	polling: boolean;
	/** When the poll in flight started (the header says "polling…" only for a slow one). */
	pollStartedAt?: number;
	paused: boolean;
	nextPollAt?: number;
	fault?: Fault;
	/** Failed polls since the last good one; the data is stale from two on. */
	missedPolls: number;
	/** The slower interval in use while no task is active (said in the header); undefined at the base pace. */
	idleIntervalMs?: number;
	mode: Mode;
	/** The mode to go back to when help closes. */
	helpReturn: Exclude<Mode, 'help'>;
	/** What the text filter is typed over, and goes back to. */
	searchReturn: 'list' | 'events';
	/** What Esc in the details goes back to (Enter on an event or on the timeline opens its task). */
	detailReturn: 'list' | 'events' | 'timeline';
	/** Every transition seen, for the events view. */
	eventLog: EventLog;
	/** The selected event (by its number), and its row for when it is no longer shown. */
	eventSeq?: number;
	eventIndex: number;
	/** x asked whether to cancel this import (mode 'confirm'). */
	confirm?: CancelPrompt;
	stateFilter: StateFilter;
	/** Image imports, snapshot imports, or both. */
	kindFilter: KindFilter;
	textFilter: string;
	selectedId?: string;
	/** Where the selection was, for when its task leaves the visible list. */
	selectedIndex: number;
	detailId?: string;
	/** The detail task as last seen, kept on screen if EC2 stops returning it. */
	detailLast?: ImportTask;
	/** When the detail task was first missing from a poll. */
	detailGoneAt?: number;
	scroll: number;
	/** A one-line message for the hint bar, e.g. "throttled: polling again in 20 s". */
	notice?: string;
	/** The notice says how a cancel goes (its steps, its outcome): a y meanwhile does not copy over it. */
	noticeOfCancel?: true;
	/** What the watcher has seen of each task over time (rate, ETA, stalls, timeline). */
	history: History;
	/** The transitions the last successful poll found (for the journal file and notifications). */
	lastEntries: JournalEntry[];
	/** An active task unchanged for this long is stuck. */
	stuckAfterMs: number;
	/** --state: the only states fetched; the tabs of the others say so (undefined: all are). */
	fetchedStates?: readonly TaskState[];
	sort: Sort;
	/** With several regions or profiles: the pairs whose last attempt failed. */
	pairFaults: PairFault[];
	/** What the last good poll said besides its tasks (said in the header). */
	notes?: PollNotes;
	/** What changed while no watcher ran (said in the header until the events view is opened). */
	away?: AwaySummary;
	/** What became of the imports that left the list (for --until-done). */
	leftTally: LeftTally;
}

export type Action =
	| PollEvent
	| {type: 'move'; by: number}
	| {type: 'move-to'; edge: 'first' | 'last'}
	| {type: 'set-state-filter'; filter: StateFilter}
	| {type: 'cycle-state-filter'; direction: 1 | -1}
	| {type: 'next-kind-filter'}
	| {type: 'open-detail'}
	| {type: 'open-events'}
	| {type: 'open-timeline'}
	| {type: 'cancel-ask'; prompt: CancelPrompt}
	| {type: 'cancel-ready'}
	| {type: 'cancel-close'; kept?: boolean}
	| {type: 'back'}
	| {type: 'toggle-help'}
	| {type: 'search-start'}
	| {type: 'search-type'; text: string}
	| {type: 'search-erase'}
	| {type: 'search-commit'}
	| {type: 'search-cancel'}
	| {type: 'scroll'; by: number}
	| {type: 'notice'; text: string | undefined; ofCancel?: boolean}
	| {type: 'sort-next'}
	| {type: 'sort-reverse'};

export const staleAfterMissedPolls = 2;
/** A poll that takes longer than this is said to be under way; quicker ones come and go without a redraw. */
export const slowPollMs = 2000;

/**
 * When the start of a poll must reach the screen: at the header's first tick slowPollMs in ("polling…"). Until
 * then it is recorded without a render: Ink lays out and draws the whole screen on every render, and a quick poll
 * would change nothing.
 */
export function pollStartShownAt(startedAt: number): number {
	return Math.ceil((startedAt + slowPollMs) / 1000) * 1000;
}

export function initialState(overrides: Partial<WatchState> = {}): WatchState {
	return {
		tasks: [],
		changed: new Set(),
		polls: 0,
		polling: false,
		paused: false,
		missedPolls: 0,
		mode: 'list',
		helpReturn: 'list',
		searchReturn: 'list',
		detailReturn: 'list',
		eventLog: emptyLog,
		eventIndex: 0,
		stateFilter: 'all',
		kindFilter: 'all',
		textFilter: '',
		selectedIndex: 0,
		scroll: 0,
		history: new Map(),
		lastEntries: [],
		stuckAfterMs: 30 * 60_000,
		sort: {key: 'newest', reverse: false},
		pairFaults: [],
		leftTally: noLeftTally,
		...overrides,
	};
}

type VisibleInputs = Pick<WatchState, 'tasks' | 'stateFilter' | 'kindFilter' | 'textFilter' | 'sort' | 'history' | 'lastGoodAt' | 'stuckAfterMs'>;

// The last answer, by the identity of what it was computed from: a poll asks for it from the reducer
// (anchorSelection) and again from the screen, and with 10,000 tasks each filter and sort costs milliseconds.
let lastVisible: {inputs: VisibleInputs; tasks: ImportTask[]} | undefined;

function sameInputs(a: VisibleInputs, b: VisibleInputs): boolean {
	return a.tasks === b.tasks && a.stateFilter === b.stateFilter && a.kindFilter === b.kindFilter && a.textFilter === b.textFilter && a.sort === b.sort && a.history === b.history && a.lastGoodAt === b.lastGoodAt && a.stuckAfterMs === b.stuckAfterMs;
}

/** The filtered, sorted list the screen shows. The result is shared between callers: do not change it. */
export function visibleTasks(state: WatchState): ImportTask[] {
	if (lastVisible !== undefined && sameInputs(lastVisible.inputs, state)) return lastVisible.tasks;
	// Sorted as of the last good poll, so the order holds still between polls (ETAs tick every second).
	const tasks = sortTasks(filterTasks(state.tasks, state.stateFilter, state.textFilter, state.kindFilter), state.sort, state.history, state.lastGoodAt ?? 0, state.stuckAfterMs);
	const {stateFilter, kindFilter, textFilter, sort, history, lastGoodAt, stuckAfterMs} = state;
	lastVisible = {inputs: {tasks: state.tasks, stateFilter, kindFilter, textFilter, sort, history, lastGoodAt, stuckAfterMs}, tasks};
	return tasks;
}

/** The index of the selected row in `visible`, falling back to where the selection last was. */
export function selectedRow(state: WatchState, visible: readonly ImportTask[]): number {
	const index = visible.findIndex((task) => taskKey(task) === state.selectedId);
	if (index >= 0) return index;
	return Math.max(0, Math.min(state.selectedIndex, visible.length - 1));
}

export function isStale(state: WatchState): boolean {
	return state.missedPolls >= staleAfterMissedPolls && state.lastGoodAt !== undefined;
}

function followDetail(state: WatchState, at: number): WatchState {
	if (state.detailId === undefined) return state;
	const found = state.tasks.find((task) => taskKey(task) === state.detailId);
	return found === undefined
		? {...state, detailGoneAt: state.detailGoneAt ?? at}
		: {...state, detailLast: found, detailGoneAt: undefined};
}

/**
 * Re-anchor the selection after the visible list changed under it. The chosen task stays chosen while EC2 lists
 * it: while a filter (state, kind) hides it the cursor rests on the row where it was, and a filter that shows it
 * again is back on it (K, K, K ends on the task it started on). `adopt` (typing a text filter: a search) makes
 * the row the cursor rests on the chosen one, as does a chosen task EC2 no longer lists.
 */
function anchorSelection(state: WatchState, adopt = false): WatchState {
	const visible = visibleTasks(state);
	const index = selectedRow(state, visible);
	const task = visible[index];
	const keep = task === undefined || (!adopt && state.tasks.some((each) => taskKey(each) === state.selectedId));
	return {...state, selectedId: keep ? state.selectedId : taskKey(task), selectedIndex: index};
}

function moveSelection(state: WatchState, target: (index: number, count: number) => number): WatchState {
	const visible = visibleTasks(state);
	if (visible.length === 0) return state;
	const index = Math.max(0, Math.min(visible.length - 1, target(selectedRow(state, visible), visible.length)));
	const task = visible[index];
	return {...state, selectedId: task === undefined ? undefined : taskKey(task), selectedIndex: index};
}

/** The screen to draw: the text filter is typed over the list or the events, the cancel question over its screen. */
export function viewOf(state: WatchState): View {
	switch (state.mode) {
		case 'search':
			return state.searchReturn;
		case 'confirm':
			return state.confirm?.returnTo ?? 'list';
		case 'list':
		case 'detail':
		case 'help':
		case 'events':
		case 'timeline':
			return state.mode;
		default: {
			const unreachable: never = state.mode;
			return unreachable;
		}
	}
}

function moveEvent(state: WatchState, target: (index: number, count: number) => number): WatchState {
	const shown = shownEvents(state.eventLog, state.textFilter);
	if (shown.length === 0) return state;
	const index = Math.max(0, Math.min(shown.length - 1, target(selectedEventRow(shown, state.eventSeq, state.eventIndex), shown.length)));
	return {...state, eventSeq: shown[index]?.seq, eventIndex: index};
}

/** Enter on an event: its task's details (Esc comes back here), or a notice when EC2 no longer lists it. */
function openEventTask(state: WatchState): WatchState {
	const shown = shownEvents(state.eventLog, state.textFilter);
	const event = shown[selectedEventRow(shown, state.eventSeq, state.eventIndex)];
	if (event === undefined) return state;
	const key = eventTaskKey(event.entry);
	const task = state.tasks.find((candidate) => taskKey(candidate) === key);
	if (task === undefined) return {...state, notice: `${event.entry.taskId ?? noIdLabel} is no longer listed by EC2.`};
	return {...state, mode: 'detail', detailReturn: 'events', eventSeq: event.seq, detailId: key, detailLast: task, detailGoneAt: undefined, scroll: 0};
}

export function reduce(state: WatchState, action: Action): WatchState {
	const next = reduceOnce(state, action);
	return action.type === 'poll-succeeded' ? withdrawQuestion(next) : next;
}

/** The cancel question is taken back, with a word why, once a poll shows its task ended or gone. */
function withdrawQuestion(state: WatchState): WatchState {
	if (state.mode !== 'confirm' || state.confirm === undefined) return state;
	const why = questionWithdrawn(state.confirm, state.tasks);
	return why === undefined ? state : {...state, mode: state.confirm.returnTo, confirm: undefined, notice: why, noticeOfCancel: undefined};
}

function reduceOnce(state: WatchState, action: Action): WatchState {
	switch (action.type) {
		case 'poll-started':
			return {...state, polling: true, pollStartedAt: action.at};
		case 'poll-succeeded': {
			// The first poll after a restart picks up from the history store; any other from the poll before.
			const seen =
				state.polls === 0 && action.prior !== undefined
					? resume(action.prior, action.tasks, action.at, state.stuckAfterMs, action.notes?.left)
					: {...observe(state.history, action.tasks, action.at, state.polls === 0, state.stuckAfterMs, action.notes?.left), earlier: [], away: undefined};
			return followDetail(
				anchorSelection({
				...state,
				history: seen.history,
				leftTally: addTally(state.leftTally, seen.tally),
				lastEntries: seen.entries,
				eventLog: logEntries(logEntries(state.eventLog, seen.earlier), seen.entries),
				away: seen.away ?? state.away,
				pairFaults: action.partialFaults ?? [],
				notes: action.notes,
				tasks: action.tasks,
				changed: state.polls === 0 ? new Set() : changedTaskIds(state.tasks, action.tasks),
				polls: state.polls + 1,
				lastGoodAt: action.at,
				polling: false,
				nextPollAt: action.nextPollAt,
				fault: undefined,
				missedPolls: 0,
				idleIntervalMs: action.idleIntervalMs,
				}),
				action.at,
			);
		}
		case 'poll-failed':
			return {
				...state,
				polling: false,
				nextPollAt: action.nextPollAt,
				fault: {...action.fault, since: faultSince(state.fault, action.fault.kind, action.at)},
				// The whole poll failed: the per-kind (region, profile) faults of the last good poll are old news, and
				// their next-poll times are not the poll's. One fault, one next-poll time.
				pairFaults: [],
				missedPolls: state.missedPolls + 1,
				// The poller retries at the base pace (or slower, backing off) after any fault.
				idleIntervalMs: undefined,
			};
		case 'paused':
			return {...state, paused: true, nextPollAt: undefined};
		case 'resumed':
			return {...state, paused: false, nextPollAt: action.nextPollAt};
		case 'move':
			if (state.mode === 'events') return moveEvent(state, (index) => index + action.by);
			return moveSelection(state, (index) => index + action.by);
		case 'move-to':
			if (state.mode === 'events') return moveEvent(state, (_index, count) => (action.edge === 'first' ? 0 : count - 1));
			return moveSelection(state, (_index, count) => (action.edge === 'first' ? 0 : count - 1));
		case 'set-state-filter':
			return anchorSelection({...state, stateFilter: action.filter});
		case 'cycle-state-filter':
			return anchorSelection({...state, stateFilter: cycleStateFilter(state.stateFilter, action.direction)});
		case 'next-kind-filter':
			return anchorSelection({...state, kindFilter: nextKindFilter(state.kindFilter)});
		case 'open-detail': {
			if (state.mode === 'events') return openEventTask(state);
			const visible = visibleTasks(state);
			const task = visible[selectedRow(state, visible)];
			return task === undefined
				? state
				: {...state, mode: 'detail', detailReturn: state.mode === 'timeline' ? 'timeline' : 'list', detailId: taskKey(task), detailLast: task, detailGoneAt: undefined, scroll: 0};
		}
		case 'open-events':
			return {...state, mode: 'events', eventSeq: undefined, eventIndex: 0, away: undefined};
		case 'open-timeline':
			return {...state, mode: 'timeline'};
		case 'cancel-ask':
			// The question is drawn from `confirm` (it stays until answered), not as a notice that fades.
			return {...state, mode: 'confirm', confirm: action.prompt, notice: undefined, noticeOfCancel: undefined};
		case 'cancel-ready':
			return state.confirm === undefined ? state : {...state, confirm: {...state.confirm, ready: true}};
		case 'cancel-close':
			return {
				...state,
				mode: state.confirm?.returnTo ?? 'list',
				confirm: undefined,
				...(action.kept === true && state.confirm !== undefined ? {notice: `Kept ${state.confirm.taskId}: not cancelled.`} : {}),
			};
		case 'back':
			if (state.mode === 'help') return {...state, mode: state.helpReturn, scroll: 0};
			if (state.mode === 'detail') return {...state, mode: state.detailReturn, detailId: undefined, detailLast: undefined, detailGoneAt: undefined};
			if (state.mode === 'events' || state.mode === 'timeline') return {...state, mode: 'list'};
			if (state.mode === 'confirm') return reduceOnce(state, {type: 'cancel-close'});
			if (state.mode === 'search') return reduceOnce(state, {type: 'search-cancel'});
			return state.textFilter === '' ? state : anchorSelection({...state, textFilter: ''});
		case 'toggle-help':
			return state.mode === 'help' ? {...state, mode: state.helpReturn, scroll: 0} : {...state, mode: 'help', helpReturn: state.mode, scroll: 0};
		case 'search-start':
			return {...state, mode: 'search', searchReturn: state.mode === 'events' ? 'events' : 'list'};
		case 'search-type':
			return anchorSelection({...state, textFilter: state.textFilter + action.text}, true);
		case 'search-erase':
			return anchorSelection({...state, textFilter: Array.from(state.textFilter).slice(0, -1).join('')}, true);
		case 'search-commit':
			return {...state, mode: state.searchReturn};
		case 'search-cancel':
			return anchorSelection({...state, mode: state.searchReturn, textFilter: ''});
		case 'scroll':
			return {...state, scroll: Math.max(0, state.scroll + action.by)};
		case 'notice':
			return {...state, notice: action.text, noticeOfCancel: action.ofCancel === true && action.text !== undefined ? true : undefined};
		case 'sort-next':
			return anchorSelection({...state, sort: {key: nextSortKey(state.sort.key), reverse: false}});
		case 'sort-reverse':
			return anchorSelection({...state, sort: {...state.sort, reverse: !state.sort.reverse}});
		default: {
			const unreachable: never = action;
			return unreachable;
		}
	}
}
