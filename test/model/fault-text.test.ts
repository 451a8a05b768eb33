import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {faultHint, faultLine} from '../../source/model/fault-text.js';
import {timeoutFault} from '../../source/watch/poller.js';
import {classifyError} from '../../source/watch/classify-error.js';

// "The next poll retries" is true only while the watcher runs on: never in the line it prints as it exits.

describe('fault lines say what will happen only when it will', () => {
	test('a start-up timeout (exit 2) does not promise a next poll; while watching it does', () => {
		const fault = timeoutFault(15_000);
		assert.equal(faultLine(fault), 'EC2 did not answer within 15 s; the request was cancelled — check the network or the endpoint');
		assert.equal(
			faultLine(fault, true),
			'EC2 did not answer within 15 s; the request was cancelled — check the network or the endpoint; the next poll retries',
		);
	});

	test('a server fault: the same', () => {
		const fault = classifyError(Object.assign(new Error('boom'), {name: 'InternalError', $fault: 'server', $metadata: {httpStatusCode: 500}}));
		assert.equal(faultHint(fault, false), 'usually passes');
		assert.equal(faultHint(fault, true), 'usually passes; the next poll retries');
	});
});
