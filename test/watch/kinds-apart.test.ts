import assert from 'node:assert/strict';
import {after, test} from 'node:test';
import {taskKey} from '../../source/model/import-task.js';
import {initialState, reduce} from '../../source/model/state.js';
import {createEc2Source} from '../../source/watch/ec2-source.js';
import {describeAnswer, type HostileEndpoint, sendXml, startHostileEndpoint} from '../helpers/hostile-endpoint.js';
import {testCredentials} from '../helpers/simulator.js';

// One task per (kind, id): an endpoint that lists the same id from both Describe calls, with different states.

let endpoint: HostileEndpoint | undefined;
after(() => endpoint?.close());

test('the same id in both kinds is two tasks, and neither changes from poll to poll', async () => {
	endpoint = await startHostileEndpoint(({action}, response) =>
		sendXml(response, 200, describeAnswer(action, [{id: 'PRODUCTION', status: action === 'DescribeImportImageTasks' ? 'active' : 'completed', progress: 30}])),
	);
	const source = createEc2Source({region: 'us-east-1', endpoint: endpoint.url, credentials: testCredentials, maxAttempts: 1});
	let state = initialState();
	const entries: string[] = [];
	for (let poll = 0; poll < 3; poll++) {
		const tasks = await source.fetchTasks(new AbortController().signal);
		state = reduce(state, {type: 'poll-succeeded', at: poll * 10_000, generation: poll + 1, tasks, nextPollAt: (poll + 1) * 10_000});
		entries.push(...state.lastEntries.map((entry) => `${entry.type} ${entry.kind} ${entry.status}`));
		if (poll > 0) assert.equal(state.changed.size, 0, `nothing changed in poll ${poll + 1}`);
	}
	assert.deepEqual(
		state.tasks.map((task) => [task.kind, task.status]),
		[
			['image', 'active'],
			['snapshot', 'completed'],
		],
	);
	assert.equal(new Set(state.tasks.map(taskKey)).size, 2);
	assert.deepEqual(entries, ['first-seen image active', 'first-seen snapshot completed'], 'no status flipping, no gone');
	assert.equal(state.history.size, 2);
	source.destroy();
});

test('a key names the kind only where the id does not say it', () => {
	assert.equal(taskKey({kind: 'image', importTaskId: 'import-ami-1'}), 'import-ami-1');
	assert.equal(taskKey({kind: 'snapshot', importTaskId: 'import-snap-1'}), 'import-snap-1');
	assert.equal(taskKey({kind: 'snapshot', importTaskId: 'import-ami-1'}), 'snapshot:import-ami-1');
	assert.equal(taskKey({kind: 'image', importTaskId: 'import-snap-1'}), 'image:import-snap-1');
	assert.equal(taskKey({kind: 'snapshot', importTaskId: 'x', region: 'eu-west-1'}), '/eu-west-1/snapshot:x');
});
