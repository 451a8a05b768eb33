import {existsSync, writeFileSync} from 'node:fs';
import {openJournal} from '../../source/watch/journal-file.js';

// A second process appending to a journal, for the test of two watchers writing one file at once:
// `node --import tsx append-journal.ts FILE WRITER BATCHES` says it is ready (FILE.WRITER.ready), waits for the
// go (FILE.go, so both writers start together whatever their start-up took), then appends BATCHES batches of three
// lines.

const [path = '', writer = 'w', batches = '0'] = process.argv.slice(2);
const journal = openJournal(path, {mode: 0o600});
writeFileSync(`${path}.${writer}.ready`, '');
const giveUpAt = Date.now() + 60_000;
while (!existsSync(`${path}.go`) && Date.now() < giveUpAt) {}
for (let batch = 0; batch < Number(batches); batch++) {
	journal.append(
		[0, 1, 2].map((index) => ({
			at: Date.UTC(2026, 0, 1) + batch,
			type: 'status' as const,
			taskId: `import-ami-${writer}-${batch}-${index}`,
			status: 'active',
			message: 'x'.repeat(200),
		})),
	);
}
await journal.close();
process.exitCode = journal.failure === undefined ? 0 : 1;
