// rejectAccessKeys: the simulator refuses requests signed with given key ids, so a test can rotate the key
// in a credentials file and see the watcher pick up the new one.

import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {DescribeImportImageTasksCommand, EC2Client} from '@aws-sdk/client-ec2';
import {noFaults, pickFault, signingKeyId} from '../../source/simulator/faults.js';
import {startTestSimulator} from '../helpers/simulator.js';

const describeAll = new DescribeImportImageTasksCommand({});

describe('signingKeyId', () => {
	it('reads the key id from a SigV4 Authorization header', () => {
		const header = 'AWS4-HMAC-SHA256 Credential=AKIDOLD/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc';
		assert.equal(signingKeyId(header), 'AKIDOLD');
	});
	it('is undefined for a missing or unsigned header', () => {
		assert.equal(signingKeyId(undefined), undefined);
		assert.equal(signingKeyId('Bearer token'), undefined);
	});
});

describe('pickFault with rejectAccessKeys', () => {
	const settings = {...noFaults, rejectAccessKeys: ['AKIDOLD']};
	it('refuses a listed key with AuthFailure before any other fault', () => {
		const fault = pickFault({...settings, deny: true}, 1, 0.5, 'AKIDOLD');
		assert.equal(fault.kind === 'error' ? `${fault.error.code} ${fault.error.status}` : fault.kind, 'AuthFailure 401');
	});
	it('lets other keys and unsigned requests through', () => {
		assert.equal(pickFault(settings, 1, 0.5, 'AKIDNEW').kind, 'none');
		assert.equal(pickFault(settings, 1, 0.5).kind, 'none');
	});
});

describe('rejectAccessKeys through the real SDK', () => {
	it('refuses the old key, accepts the new one, and can be changed while running', async () => {
		const sim = await startTestSimulator({tasks: 2, arrivals: false, rejectAccessKeys: ['AKIDOLD']}, {maxAttempts: 1});
		const client = (accessKeyId: string) =>
			new EC2Client({region: 'us-east-1', endpoint: sim.url, maxAttempts: 1, credentials: {accessKeyId, secretAccessKey: 's'}});
		const old = client('AKIDOLD');
		const fresh = client('AKIDNEW');
		try {
			await assert.rejects(old.send(describeAll), {name: 'AuthFailure', message: 'AWS was not able to validate the provided access credentials'});
			assert.equal((await fresh.send(describeAll)).ImportImageTasks?.length, 2);
			sim.simulator.configure({rejectAccessKeys: undefined});
			assert.equal((await old.send(describeAll)).ImportImageTasks?.length, 2);
			sim.simulator.configure({rejectAccessKeys: ['AKIDNEW']});
			await assert.rejects(fresh.send(describeAll), {name: 'AuthFailure'});
		} finally {
			old.destroy();
			fresh.destroy();
			await sim.close();
		}
	});
});
