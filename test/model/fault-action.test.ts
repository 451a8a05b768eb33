import assert from 'node:assert/strict';
import {it} from 'node:test';
import {faultHeadline} from '../../source/model/fault-text.js';

it('a permission fault names the IAM action that was refused (DescribeImportImageTasks unless told)', () => {
	const fault = {kind: 'permission' as const, message: 'not allowed', since: 0};
	assert.equal(faultHeadline(fault, 0, undefined), 'not authorized: this needs the IAM action ec2:DescribeImportImageTasks');
	assert.equal(
		faultHeadline({...fault, action: 'ec2:DescribeImportSnapshotTasks'}, 0, undefined),
		'not authorized: this needs the IAM action ec2:DescribeImportSnapshotTasks',
	);
});
