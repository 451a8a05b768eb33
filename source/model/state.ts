import {type CancelPrompt, questionWithdrawn} from './cancel-prompt.js';
import {eventTaskKey, selectedEventRow} from './event-log.js';
import type {AwaySummary} from './history-restore.js';
import {type ImportTask, noIdLabel, taskKey, type TaskState} from './import-task.js';
import type {PollEvent} from './poll-events.js';
import {createSelectors, type Selectors} from './selectors.js';
import {cycleStateFilter, type KindFilter, nextKindFilter, type StateFilter} from './task-filter.js';
import {nextSortKey, type Sort} from './task-sort.js';
import {selectedRow} from './visible-tasks.js';
import {foldPoll, initialData, type WatchData} from './watch-data.js';

export {selectedRow, visibleTasks} from './visible-tasks.js';
export {type Fault, isStale, pollStartShownAt, slowPollMs, staleAfterMissedPolls, type WatchData} from './watch-data.js';

// The screen's state, its view (mode, selection, filters, scroll, dialog, notices) over the watch's data
// (model/watch-data.ts, folded by the watch session), and one pure reducer over discriminated-union actions
// (gemini-cli, bubbletea habit). Selection is kept by task key, so it survives polls, sorting and filter changes.

export type Mode = 'list' | 'detail' | 'help' | 'search' | 'events' | 'confirm' | 'timeline';

/** The screens; search and confirm are asked over one of them. */
export type View = 'list' | 'detail' | 'help' | 'events' | 'timeline';

/** What one screen makes of the data: nothing here comes from a poll. */
export interface ViewState {
	mode: Mode;
	/** The mode to go back to when help closes. */
	helpReturn: Exclude<Mode, 'help'>;
	/** What the text filter is typed over, and goes back to. */
	searchReturn: 'list' | 'events';
	/** What Esc in the details goes back to (Enter on an event or on the timeline opens its task). */
	detailReturn: 'list' | 'events' | 'timeline';
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
	/** --state: the only states fetched; the tabs of the others say so (undefined: all are). */
	fetchedStates?: readonly TaskState[];
	sort: Sort;
	/** The away summary as the data last had it: the screen's `away` is dropped once seen, and said again only for a new one. */
	dataAway?: AwaySummary;
}

/** What a screen draws: the data as of its last news from the session, and its view. */
export type WatchState = WatchData & ViewState;

export type Action =
	| PollEvent
	/** The session's data changed (the screen takes it in). */
	| {type: 'data'; data: WatchData}
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

export const initialView: ViewState = {
	mode: 'list',
	helpReturn: 'list',
	searchReturn: 'list',
	detailReturn: 'list',
	eventIndex: 0,
	stateFilter: 'all',
	kindFilter: 'all',
	textFilter: '',
	selectedIndex: 0,
	scroll: 0,
	sort: {key: 'newest', reverse: false},
};

export function initialState(overrides: Partial<WatchState> = {}): WatchState {
	return {...initialData(), ...initialView, ...overrides};
}

function followDetail(state: WatchState, at: number): WatchState {
	if (state.detailId === undefined) return state;
	const found = state.tasks.find((task) => taskKey(task) === state.detailId);
	return found === undefined ? {...state, detailGoneAt: state.detailGoneAt ?? at} : {...state, detailLast: found, detailGoneAt: undefined};
}

/**
 * Re-anchor the selection after the visible list changed under it. The chosen task stays chosen while EC2 lists
 * it: while a filter (state, kind) hides it the cursor rests on the row where it was, and a filter that shows it
 * again is back on it (K, K, K ends on the task it started on). `adopt` (typing a text filter: a search) makes
 * the row the cursor rests on the chosen one, as does a chosen task EC2 no longer lists.
 */
function anchorSelection(state: WatchState, select: Selectors, adopt = false): WatchState {
	const visible = select.visible(state);
	const index = selectedRow(state, visible);
	const task = visible[index];
	// The chosen task on its row is listed (the usual case: no walk of every task).
	const keep = task === undefined || (!adopt && (taskKey(task) === state.selectedId || state.tasks.some((each) => taskKey(each) === state.selectedId)));
	return {...state, selectedId: keep ? state.selectedId : taskKey(task), selectedIndex: index};
}

function moveSelection(state: WatchState, select: Selectors, target: (index: number, count: number) => number): WatchState {
	const visible = select.visible(state);
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

function moveEvent(state: WatchState, select: Selectors, target: (index: number, count: number) => number): WatchState {
	const shown = select.shown(state.eventLog, state.textFilter);
	if (shown.length === 0) return state;
	const index = Math.max(0, Math.min(shown.length - 1, target(selectedEventRow(shown, state.eventSeq, state.eventIndex), shown.length)));
	return {...state, eventSeq: shown[index]?.seq, eventIndex: index};
}

/** Enter on an event: its task's details (Esc comes back here), or a notice when EC2 no longer lists it. */
function openEventTask(state: WatchState, select: Selectors): WatchState {
	const shown = select.shown(state.eventLog, state.textFilter);
	const event = shown[selectedEventRow(shown, state.eventSeq, state.eventIndex)];
	if (event === undefined) return state;
	const key = eventTaskKey(event.entry);
	const task = state.tasks.find((candidate) => taskKey(candidate) === key);
	if (task === undefined) return {...state, notice: `${event.entry.taskId ?? noIdLabel} is no longer listed by EC2.`};
	return {...state, mode: 'detail', detailReturn: 'events', eventSeq: event.seq, detailId: key, detailLast: task, detailGoneAt: undefined, scroll: 0};
}

/** The reducer of one screen, with its own memoised selectors (model/selectors.ts). */
export function reducerWith(select: Selectors): (state: WatchState, action: Action) => WatchState {
	return (state, action) => reduceOnce(state, action, select);
}

/** The reducer without a memo: each list it needs is worked out anew. */
export function reduce(state: WatchState, action: Action): WatchState {
	return reducerWith(createSelectors())(state, action);
}

/**
 * New data into the screen. After a good poll the selection is re-anchored, the details follow their task and
 * the cancel question is taken back if its task ended. What changed while no watcher ran stays said until the
 * events view is opened: only a new summary brings it back.
 */
function takeData(state: WatchState, data: WatchData, select: Selectors): WatchState {
	const next: WatchState = {...state, ...data, away: data.away === state.dataAway ? state.away : data.away, dataAway: data.away};
	if (data.polls === state.polls) return next;
	return withdrawQuestion(followDetail(anchorSelection(next, select), data.lastGoodAt ?? 0));
}

/** The cancel question is taken back, with a word why, once a poll shows its task ended or gone. */
function withdrawQuestion(state: WatchState): WatchState {
	if (state.mode !== 'confirm' || state.confirm === undefined) return state;
	const why = questionWithdrawn(state.confirm, state.tasks);
	return why === undefined ? state : {...state, mode: state.confirm.returnTo, confirm: undefined, notice: why, noticeOfCancel: undefined};
}

function reduceOnce(state: WatchState, action: Action, select: Selectors): WatchState {
	switch (action.type) {
		case 'poll-started':
		case 'poll-succeeded':
		case 'poll-failed':
		case 'paused':
		case 'resumed':
			return takeData(state, foldPoll(state, action), select);
		case 'data':
			return takeData(state, action.data, select);
		case 'move':
			if (state.mode === 'events') return moveEvent(state, select, (index) => index + action.by);
			return moveSelection(state, select, (index) => index + action.by);
		case 'move-to':
			if (state.mode === 'events') return moveEvent(state, select, (_index, count) => (action.edge === 'first' ? 0 : count - 1));
			return moveSelection(state, select, (_index, count) => (action.edge === 'first' ? 0 : count - 1));
		case 'set-state-filter':
			return anchorSelection({...state, stateFilter: action.filter}, select);
		case 'cycle-state-filter':
			return anchorSelection({...state, stateFilter: cycleStateFilter(state.stateFilter, action.direction)}, select);
		case 'next-kind-filter':
			return anchorSelection({...state, kindFilter: nextKindFilter(state.kindFilter)}, select);
		case 'open-detail': {
			if (state.mode === 'events') return openEventTask(state, select);
			const visible = select.visible(state);
			const task = visible[selectedRow(state, visible)];
			return task === undefined
				? state
				: {
						...state,
						mode: 'detail',
						detailReturn: state.mode === 'timeline' ? 'timeline' : 'list',
						detailId: taskKey(task),
						detailLast: task,
						detailGoneAt: undefined,
						scroll: 0,
					};
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
			if (state.mode === 'confirm') return reduceOnce(state, {type: 'cancel-close'}, select);
			if (state.mode === 'search') return reduceOnce(state, {type: 'search-cancel'}, select);
			return state.textFilter === '' ? state : anchorSelection({...state, textFilter: ''}, select);
		case 'toggle-help':
			return state.mode === 'help' ? {...state, mode: state.helpReturn, scroll: 0} : {...state, mode: 'help', helpReturn: state.mode, scroll: 0};
		case 'search-start':
			return {...state, mode: 'search', searchReturn: state.mode === 'events' ? 'events' : 'list'};
		case 'search-type':
			return anchorSelection({...state, textFilter: state.textFilter + action.text}, select, true);
		case 'search-erase':
			return anchorSelection({...state, textFilter: Array.from(state.textFilter).slice(0, -1).join('')}, select, true);
		case 'search-commit':
			return {...state, mode: state.searchReturn};
		case 'search-cancel':
			return anchorSelection({...state, mode: state.searchReturn, textFilter: ''}, select);
		case 'scroll':
			return {...state, scroll: Math.max(0, state.scroll + action.by)};
		case 'notice':
			return {...state, notice: action.text, noticeOfCancel: action.ofCancel === true && action.text !== undefined ? true : undefined};
		case 'sort-next':
			return anchorSelection({...state, sort: {key: nextSortKey(state.sort.key), reverse: false}}, select);
		case 'sort-reverse':
			return anchorSelection({...state, sort: {...state.sort, reverse: !state.sort.reverse}}, select);
		default: {
			const unreachable: never = action;
			return unreachable;
		}
	}
}
