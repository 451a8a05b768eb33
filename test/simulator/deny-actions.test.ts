// denyActions: a policy that lacks only some actions. Through the real SDK: the named actions answer 403
// UnauthorizedOperation (dry runs included), the others as usual; configure() changes it while running.

import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {CancelImportTaskCommand, DescribeImportImageTasksCommand, DescribeImportSnapshotTasksCommand} from '@aws-sdk/client-ec2';
import {ec2Error, startTestSimulator} from '../helpers/simulator.js';

describe('simulator: denyActions', () => {
	it('refuses only the named actions, dry runs included, and can be changed while running', async () => {
		const sim = await startTestSimulator({seed: 3, tasks: 2, snapshotTasks: 2, arrivals: false, denyActions: ['DescribeImportSnapshotTasks']});
		try {
			assert.equal((await sim.client.send(new DescribeImportImageTasksCommand({}))).ImportImageTasks?.length, 2);
			const denied = await ec2Error(sim.client.send(new DescribeImportSnapshotTasksCommand({})));
			assert.equal(denied.name, 'UnauthorizedOperation');
			assert.equal(denied.$metadata.httpStatusCode, 403);
			assert.equal((await ec2Error(sim.client.send(new DescribeImportSnapshotTasksCommand({DryRun: true})))).name, 'UnauthorizedOperation');
			sim.simulator.configure({denyActions: ['CancelImportTask']});
			assert.equal((await sim.client.send(new DescribeImportSnapshotTasksCommand({}))).ImportSnapshotTasks?.length, 2);
			const cancel = new CancelImportTaskCommand({ImportTaskId: 'import-ami-whatever', DryRun: true});
			assert.equal((await ec2Error(sim.client.send(cancel))).name, 'UnauthorizedOperation');
			sim.simulator.configure({denyActions: undefined});
			assert.notEqual((await ec2Error(sim.client.send(cancel))).name, 'UnauthorizedOperation');
		} finally {
			await sim.close();
		}
	});
});
