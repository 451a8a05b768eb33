import {openJournal} from '../../source/watch/journal-file.js';

// A second process appending to a journal, for the test of two watchers writing one file at once:
// `node --import tsx append-journal.ts FILE WRITER BATCHES START` appends BATCHES batches of three lines, from the
// epoch millisecond START on (both writers start together, whatever their start-up took).

const [path = '', writer = 'w', batches = '0', startAt = '0'] = process.argv.slice(2);
const journal = openJournal(path, {mode: 0o600});
while (Date.now() < Number(startAt)) {}
for (let batch = 0; batch < Number(batches); batch++) {
	journal.append(
		[0, 1, 2].map((index) => ({at: Date.UTC(2026, 0, 1) + batch, type: 'status' as const, taskId: `import-ami-${writer}-${batch}-${index}`, status: 'active', message: 'x'.repeat(200)})),
	);
}
await journal.close();
process.exitCode = journal.failure === undefined ? 0 : 1;
