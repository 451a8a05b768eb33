import {type Explanation, explainFailure} from '../model/failure-explanations.js';
import {faultLine} from '../model/fault-text.js';
import type {ImportTask} from '../model/import-task.js';
import type {PollFault} from '../model/poll-events.js';
import {pollNotesLine} from '../model/poll-notes.js';
import {pollOf} from '../model/task-source.js';
import {plainTable} from '../ui/plain-table.js';
import {plainColumns} from '../ui/task-columns.js';
import type {Io} from './exit-lines.js';
import type {WatchConfig} from './options.js';
import {outputWidth} from './output-width.js';
import type {WatchSource} from './sources.js';

/**
 * A task as --once --json prints it: what EC2 sent, normalised; a missing id stays missing (no `occurrence` key).
 * A failed task has `explanation` (cause, fix, doc); no other task has the key.
 */
export function jsonTask({
	occurrence: _occurrence,
	idAltered: _idAltered,
	...task
}: ImportTask): Omit<ImportTask, 'occurrence' | 'idAltered'> & {explanation?: Explanation} {
	const explanation = explainFailure(task);
	return explanation === undefined ? task : {...task, explanation};
}

// --once: one poll, one table (or JSON), exit code 0; a fault is one line on stderr and exit code 2.

/** `unicode`: the table's bars and glyphs follow the locale (as the TUI's do), else ASCII (`text`, as the one-line errors are). */
export async function runOnce(
	source: WatchSource,
	config: WatchConfig,
	classify: (error: unknown) => PollFault,
	text: (line: string) => string,
	io: Io,
	unicode = false,
): Promise<number> {
	const controller = new AbortController();
	const deadline = setTimeout(() => controller.abort(), 60_000);
	try {
		const {tasks, notes: said} = await pollOf(source)(controller.signal);
		// A cut list or a kind left out is said on stderr, so the JSON on stdout stays the tasks alone.
		const notes = pollNotesLine(said);
		if (notes !== undefined) io.stderr.write(`ec2-import-watch: ${notes}\n`);
		if (config.json) {
			io.stdout.write(`${JSON.stringify(tasks.map(jsonTask), null, 2)}\n`);
		} else {
			const table = `${plainTable(plainColumns({color: false, unicode}, false, false, tasks), tasks, outputWidth(io.stdout)).join('\n')}\n`;
			io.stdout.write(unicode ? table : text(table));
		}
		return 0;
	} catch (error) {
		io.stderr.write(text(`ec2-import-watch: ${faultLine(classify(error))}\n`));
		return 2;
	} finally {
		clearTimeout(deadline);
	}
}
