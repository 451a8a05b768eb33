import assert from 'node:assert/strict';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {formatClock} from '../../source/model/format.js';
import {manualClock, startTestSimulator, type TestSimulator} from '../helpers/simulator.js';
import {type FaultApp, renderFaultApp} from './fault-app.js';

// Expired credentials in a shared-credentials file, then replaced with valid ones (what `aws sso login` or a
// key rotation does): the watcher says what to do, retries slowly, and resumes without a restart.
// This file runs in its own process, so it may point the SDK's files at a temporary directory.

let dir = '';
let sim: TestSimulator;
let app: FaultApp | undefined;
const credentialsFile = () => join(dir, 'credentials');
const keys = (id: string) => `[watch]\naws_access_key_id = ${id}\naws_secret_access_key = secret\n`;

before(async () => {
	dir = await mkdtemp(join(tmpdir(), 'watch-rotation-'));
	for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) delete process.env[key];
	process.env.AWS_SHARED_CREDENTIALS_FILE = credentialsFile();
	process.env.AWS_CONFIG_FILE = join(dir, 'config');
	process.env.AWS_EC2_METADATA_DISABLED = 'true';
	await writeFile(join(dir, 'config'), '[profile watch]\nregion = us-east-1\n');
	await writeFile(credentialsFile(), keys('AKIDEXPIRED'));
	// The simulator's clock stands still: on the real one, under load, its snapshot import reaches "✖ deleted" mid-test.
	sim = await startTestSimulator({seed: 9, tasks: 3, arrivals: false, rejectAccessKeys: ['AKIDEXPIRED'], now: manualClock().now});
});
after(async () => {
	app?.destroy();
	await sim.close();
	await rm(dir, {recursive: true, force: true});
});

test('rejected keys in the credentials file, then fresh ones: the watcher resumes by itself', async () => {
	app = await renderFaultApp(sim.url, {profile: 'watch', credentials: undefined});
	const firstAt = app.now();
	const refused = app.frame();
	assert.match(refused, new RegExp(`✖ credentials rejected or missing since ${formatClock(firstAt)} — next poll in 1m 0\\ds`));
	assert.match(refused, /AWS credentials are missing, expired or not accepted: AWS was not able to validate the provided access credentials/);
	assert.match(refused, /run: aws sso login --profile watch \(or refresh that profile's keys\); the next poll picks them up/);
	assert.match(refused, /No data yet\./);
	assert.equal(app.resets(), 1, 'the credential provider is rebuilt for the next attempt');

	// Still the old key at the slow retry: still refused, the same "since".
	const again = await app.nextPoll();
	assert.equal(app.now() - firstAt, 60_000, 'a slow retry: once a minute');
	assert.match(again, new RegExp(`credentials rejected or missing since ${formatClock(firstAt)}`));

	await writeFile(credentialsFile(), keys('AKIDFRESH'));
	const resumed = await app.nextPoll();
	assert.doesNotMatch(resumed, /credentials|✖ /);
	assert.equal(resumed.split('\n').filter((line) => line.includes('import-ami-')).length, 3);
	assert.match(resumed, /last poll .* \(just now\)/);
});
