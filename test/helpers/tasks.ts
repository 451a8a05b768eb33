import type {ImportTask} from '../../source/model/import-task.js';

/** A normalised task with sensible defaults, for tests of the model and the screens. */
export function task(id: string, overrides: Partial<ImportTask> = {}): ImportTask {
	return {
		kind: 'image',
		importTaskId: id,
		status: 'active',
		statusMessage: 'converting',
		progress: 28,
		progressText: '28',
		tags: [],
		licenseSpecifications: [],
		snapshotDetails: [],
		...overrides,
	};
}
