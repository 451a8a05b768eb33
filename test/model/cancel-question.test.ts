import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {askCancel, cancelOutcomeLine, cancelQuestion, type CancelPrompt, questionWithdrawn} from '../../source/model/cancel-prompt.js';
import {copyTarget} from '../../source/model/copy-target.js';
import {normaliseTask} from '../../source/model/normalise-task.js';
import {normaliseSnapshotTask} from '../../source/model/normalise-snapshot-task.js';
import {idNotAsSent} from '../../source/model/sent-id.js';
import {initialState, reduce} from '../../source/model/state.js';
import {displayWidth} from '../../source/text/text-width.js';
import {answerLost} from '../../source/watch/cancel-task.js';
import {classifyError} from '../../source/watch/classify-error.js';
import {task} from '../helpers/tasks.js';

// The cancel question (names the VM within 80 columns, withdrawn when its task ends), what cannot be cancelled or
// copied because its id is not shown as EC2 sent it, and the words for an answer that was lost.

function prompt(of = task('import-snap-0123456789abcdef0', {kind: 'snapshot', description: 'a-rather-long-virtual-machine-name-01'})): CancelPrompt {
	const asked = askCancel(of, 'list');
	assert.ok('prompt' in asked, 'asked');
	return asked.prompt;
}

describe('the cancel question', () => {
	it('names the task by id and VM, within 80 columns for either kind, the name giving way first', () => {
		for (const id of ['import-ami-0123456789abcdef0', 'import-snap-0123456789abcdef0']) {
			const question = cancelQuestion(prompt(task(id, {description: 'a-rather-long-virtual-machine-name-01'})), 80);
			assert.equal(displayWidth(question), 80, question);
			assert.match(question, new RegExp(`^Cancel ${id} "a-rather-l[a-z-]*…"\\? y: cancel · other keys: keep$`));
		}
		assert.equal(cancelQuestion(prompt(), 140), 'Cancel import-snap-0123456789abcdef0 "a-rather-long-virtual-machine-name-01"? y: cancel · other keys: keep');
	});

	it('a wide (CJK) name cut at 80 columns leaves no space inside the quotes; any column left over is outside them', () => {
		for (const id of ['import-ami-0123456789abcdef0', 'import-snap-0123456789abcdef0']) {
			for (const name of ['数据库服务器迁移第二批次生产环境', 'a数据库服务器迁移第二批次生产环境']) {
				const question = cancelQuestion(prompt(task(id, {description: name})), 80);
				assert.ok(displayWidth(question) <= 80, question);
				assert.match(question, new RegExp(`^Cancel ${id} "[^ "]+…"\\? y: cancel · other keys: keep *$`), question);
			}
		}
	});

	it('the Name tag when there is no description; the id alone when there is neither', () => {
		assert.equal(
			cancelQuestion(prompt(task('import-ami-0123456789abcdef0', {tags: [{key: 'Name', value: 'web-01'}]}))),
			'Cancel import-ami-0123456789abcdef0 "web-01"? y: cancel · other keys: keep',
		);
		assert.equal(cancelQuestion(prompt(task('import-ami-0123456789abcdef0'))), 'Cancel import-ami-0123456789abcdef0? y: cancel · other keys: keep');
	});

	it('is withdrawn, with a word why, when a poll shows its task ended or gone; it stands while the task is active', () => {
		const asked = prompt(task('import-ami-a'));
		assert.equal(questionWithdrawn(asked, [task('import-ami-a')]), undefined);
		assert.equal(questionWithdrawn(asked, [task('import-ami-a', {status: 'completed'})]), 'Question withdrawn: import-ami-a is completed now.');
		assert.equal(questionWithdrawn(asked, []), 'Question withdrawn: import-ami-a is no longer listed by EC2.');
		const poll = (status: string) => ({type: 'poll-succeeded' as const, at: 1000, generation: 1, tasks: [task('import-ami-a', {status})], nextPollAt: 11_000});
		let state = reduce(reduce(initialState(), poll('active')), {type: 'cancel-ask', prompt: asked});
		state = reduce(state, poll('active'));
		assert.equal(state.mode, 'confirm', 'still asked while active');
		state = reduce(state, poll('deleting'));
		assert.equal(state.mode, 'list');
		assert.equal(state.confirm, undefined);
		assert.equal(state.notice, 'Question withdrawn: import-ami-a is deleting now.');
	});
});

describe('an id not shown as EC2 sent it', () => {
	const long = `import-ami-${'a'.repeat(589)}`;
	it('is marked by how it was altered, and only then', () => {
		assert.equal(normaliseTask({ImportTaskId: 'import-ami-0123456789abcdef0', Status: 'active'}).idAltered, undefined);
		assert.equal(normaliseTask({ImportTaskId: 'PRODUCTION ', Status: 'active'}).idAltered, 'trimmed');
		assert.equal(normaliseTask({ImportTaskId: long, Status: 'active'}).idAltered, 'cut');
		assert.equal(normaliseTask({ImportTaskId: 'import-ami-\u202Eevil', Status: 'active'}).idAltered, 'replaced');
		assert.equal(normaliseTask({ImportTaskId: '   ', Status: 'active'}).idAltered, undefined, 'a blank id is no id');
		assert.equal(normaliseSnapshotTask({ImportTaskId: ' import-snap-1'}).idAltered, 'trimmed');
	});

	it('is neither cancelled nor copied, and the notice says why', () => {
		const trimmed = normaliseTask({ImportTaskId: 'PRODUCTION ', Status: 'active'});
		assert.equal(trimmed.importTaskId, 'PRODUCTION');
		assert.deepEqual(askCancel(trimmed, 'list'), {refusal: "Not cancellable: EC2 sent this task's id with white space at an end (shown trimmed)."});
		assert.deepEqual(copyTarget('copy-id', trimmed, false), {notice: "Not copied: EC2 sent this task's id with white space at an end (shown trimmed)."});
		const cut = normaliseTask({ImportTaskId: long, Status: 'active'});
		assert.equal(idNotAsSent(cut), 'longer than 512 characters (shown cut)');
		assert.ok('refusal' in askCancel(cut, 'list'));
		assert.equal(copyTarget('copy-id', cut, false).value, undefined);
		const same = normaliseTask({ImportTaskId: 'PRODUCTION', Status: 'active'});
		assert.ok('prompt' in askCancel(same, 'list'));
		assert.equal(copyTarget('copy-id', same, false).value, 'PRODUCTION');
	});
});

describe('a cancel whose answer is lost', () => {
	const fault = (error: unknown) => classifyError(error, {});
	const errorWith = (fields: Record<string, unknown>) => Object.assign(new Error(String(fields.message ?? 'x')), fields);

	it('is unknown after the request went out (reset, timeout, 5xx); refused when it never left or was refused', () => {
		const lost = [
			errorWith({code: 'ECONNRESET', message: 'socket hang up'}),
			errorWith({name: 'TimeoutError', code: 'ETIMEDOUT', message: 'a request has exceeded the configured 10000 ms requestTimeout.'}),
			errorWith({name: 'InternalError', $fault: 'server', $metadata: {httpStatusCode: 500}, message: 'An internal error has occurred'}),
		];
		for (const error of lost) assert.equal(answerLost(fault(error), error), true, String(error));
		const notSent = [
			errorWith({code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9'}),
			errorWith({name: 'TimeoutError', message: 'the request socket did not establish a connection with the server within the configured timeout of 5000 ms.'}),
			errorWith({name: 'IncorrectState', $fault: 'client', $metadata: {httpStatusCode: 400}, message: 'in state deleting'}),
			errorWith({name: 'RequestLimitExceeded', $fault: 'client', $metadata: {httpStatusCode: 503}, message: 'Request limit exceeded.'}),
		];
		for (const error of notSent) assert.equal(answerLost(fault(error), error), false, String(error));
	});

	it('is said as "may have been cancelled — watch its status", not "Not cancelled"', () => {
		const line = cancelOutcomeLine('import-ami-0123456789abcdef0', {
			kind: 'unknown',
			fault: {kind: 'network', message: 'cannot reach EC2', code: 'ECONNRESET'},
		});
		assert.equal(line, 'import-ami-0123456789abcdef0 may have been cancelled — watch its status (no answer: ECONNRESET).');
		assert.ok(displayWidth(line.slice(0, line.indexOf(' ('))) <= 80);
	});
});
