import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {Ec2Error} from '../../source/simulator/errors.js';
import {actionOf, parseCancelRequest, parseDescribeRequest, parseForm} from '../../source/simulator/query.js';

const base = 'Action=DescribeImportImageTasks&Version=2016-11-15';
const parse = (body: string) => parseDescribeRequest(parseForm(`${base}${body}`));

function rejects(body: string, code: string, message?: RegExp): void {
	assert.throws(
		() => parse(body),
		(error: unknown) => {
			assert.ok(error instanceof Ec2Error, `expected an Ec2Error, got ${String(error)}`);
			assert.equal(error.code, code);
			if (message !== undefined) assert.match(error.message, message);
			return true;
		},
	);
}

describe('query parsing', () => {
	it('reads the JS SDK body with every parameter (as captured from @aws-sdk/client-ec2)', () => {
		const request = parse(
			'&DryRun=false&Filters.1.Name=task-state&Filters.1.Value.1=active&ImportTaskId.1=import-ami-0123456789abcdef0&MaxResults=5&NextToken=abc%2B%2F%3D',
		);
		assert.deepEqual(request, {
			dryRun: false,
			states: [['active']],
			importTaskIds: ['import-ami-0123456789abcdef0'],
			maxResults: 5,
			nextToken: 'abc+/=',
		});
	});

	it('reads a bare request as "everything, one page"', () => {
		assert.deepEqual(parse(''), {dryRun: false, states: [], importTaskIds: []});
	});

	it('orders list members by their index, not by their place in the body', () => {
		const request = parse('&ImportTaskId.2=b&ImportTaskId.1=a&ImportTaskId.10=c&Filters.1.Value.2=deleted&Filters.1.Name=task-state&Filters.1.Value.1=active');
		assert.deepEqual(request.importTaskIds, ['a', 'b', 'c']);
		assert.deepEqual(request.states, [['active', 'deleted']]);
	});

	it('accepts Filter.N as well as Filters.N, each filter on its own (ANDed)', () => {
		const request = parse('&Filter.1.Name=task-state&Filter.1.Value.1=completed&Filters.1.Name=task-state&Filters.1.Value.1=deleted');
		assert.deepEqual(request.states.map((states) => states.join()).sort(), ['completed', 'deleted']);
	});

	it('reads DryRun=true and treats DryRun=false as absent', () => {
		assert.equal(parse('&DryRun=true').dryRun, true);
		assert.equal(parse('&DryRun=false').dryRun, false);
		rejects('&DryRun=yes', 'InvalidParameterValue');
	});

	it('decodes + as a space and %2B as a plus (standard form decoding)', () => {
		assert.equal(parse('&NextToken=a+b%2Bc').nextToken, 'a b+c');
	});

	it('ignores SigV4 query parameters of a presigned GET', () => {
		assert.deepEqual(parse('&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc'), {dryRun: false, states: [], importTaskIds: []});
	});

	it('refuses an unknown filter name the way EC2 does', () => {
		rejects('&Filters.1.Name=tag:Name&Filters.1.Value.1=x', 'InvalidParameterValue', /^The filter 'tag:Name' is invalid$/);
	});

	it('refuses a task-state value EC2 does not have, and a filter without values or name', () => {
		rejects('&Filters.1.Name=task-state&Filters.1.Value.1=running', 'InvalidParameterValue', /running/);
		rejects('&Filters.1.Name=task-state', 'InvalidParameterValue');
		rejects('&Filters.1.Value.1=active', 'MissingParameter', /Filters\.1\.Name/);
	});

	it('accepts MaxResults from 1 up and refuses 0, negatives and non-integers', () => {
		assert.equal(parse('&MaxResults=1').maxResults, 1);
		assert.equal(parse('&MaxResults=5000').maxResults, 5000);
		for (const bad of ['0', '-3', '2.5', 'ten', '']) rejects(`&MaxResults=${bad}`, 'InvalidParameterValue');
	});

	it('refuses a parameter the operation does not have', () => {
		rejects('&InstanceId.1=i-1', 'UnknownParameter', /InstanceId\.1/);
	});

	it('needs an Action and a Version', () => {
		assert.equal(actionOf(parseForm(base)), 'DescribeImportImageTasks');
		assert.throws(() => actionOf(parseForm('Version=2016-11-15')), {code: 'MissingAction'});
		assert.throws(() => actionOf(parseForm('Action=DescribeImportImageTasks')), {code: 'MissingParameter'});
	});
});

describe('CancelImportTask parsing', () => {
	const cancel = (body: string) => parseCancelRequest(parseForm(`Action=CancelImportTask&Version=2016-11-15${body}`));

	it('reads ImportTaskId, CancelReason (form-decoded) and DryRun', () => {
		assert.deepEqual(cancel('&CancelReason=stuck+at+booting%2B&DryRun=false&ImportTaskId=import-snap-1'), {
			dryRun: false,
			importTaskId: 'import-snap-1',
			cancelReason: 'stuck at booting+',
		});
		assert.deepEqual(cancel('&ImportTaskId=import-ami-1&DryRun=true'), {dryRun: true, importTaskId: 'import-ami-1'});
	});

	it('needs an ImportTaskId and refuses what the operation does not have', () => {
		assert.throws(() => cancel(''), {code: 'MissingParameter', message: /ImportTaskId/});
		assert.throws(() => cancel('&ImportTaskId='), {code: 'MissingParameter'});
		assert.throws(() => cancel('&ImportTaskId.1=import-ami-1'), {code: 'UnknownParameter'});
		assert.throws(() => cancel('&ImportTaskId=import-ami-1&DryRun=yes'), {code: 'InvalidParameterValue'});
	});
});
