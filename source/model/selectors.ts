import {type EventLog, type LoggedEvent, shownEvents} from './event-log.js';
import type {ImportTask} from './import-task.js';
import {sameVisibleInputs, type VisibleInputs, visibleTasks} from './visible-tasks.js';

// One screen's memoised selectors of data + view: the reducer (selection anchoring), the screen and the key handler
// ask for the visible list of the same state, and with 10,000 tasks each filter and sort costs milliseconds. Each
// screen (each test's too) has its own: nothing is shared between instances.

export interface Selectors {
	/** The filtered, sorted list; the same array while its inputs are the same. Do not change it. */
	visible<S extends VisibleInputs>(state: S): ImportTask[];
	/** The events view's rows, newest first; the same array while the log and the text filter are. Do not change it. */
	shown(log: EventLog, textFilter: string): LoggedEvent[];
}

/** The last answer, by the identity of what it was computed from. */
function lastOne<I, R>(compute: (input: I) => R, same: (a: I, b: I) => boolean): (input: I) => R {
	let last: {input: I; result: R} | undefined;
	return (input) => {
		if (last !== undefined && same(last.input, input)) return last.result;
		const result = compute(input);
		last = {input, result};
		return result;
	};
}

export function createSelectors(): Selectors {
	const visible = lastOne(
		(state: VisibleInputs) => visibleTasks(state),
		(a, b) => sameVisibleInputs(a, b),
	);
	const shown = lastOne(
		({log, textFilter}: {log: EventLog; textFilter: string}) => shownEvents(log, textFilter),
		(a, b) => a.log === b.log && a.textFilter === b.textFilter,
	);
	return {
		visible: ({tasks, stateFilter, kindFilter, textFilter, sort, history, lastGoodAt, stuckAfterMs}) =>
			visible({tasks, stateFilter, kindFilter, textFilter, sort, history, lastGoodAt, stuckAfterMs}),
		shown: (log, textFilter) => shown({log, textFilter}),
	};
}
