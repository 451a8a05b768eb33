import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {isLoopbackHost, parseDuration, plaintextWarning, resolveOptions} from '../../source/shell/options.js';
import type {ProfileKey} from '../../source/watch/aws-profile.js';

const env = {AWS_REGION: 'us-east-1'};

function config(flags: Parameters<typeof resolveOptions>[0], environment: Record<string, string> = env, settings?: Parameters<typeof resolveOptions>[2]) {
	const resolved = resolveOptions(flags, environment, settings);
	if (!resolved.ok) throw new Error(resolved.error);
	return resolved.config;
}

function error(flags: Parameters<typeof resolveOptions>[0], environment: Record<string, string> = env): string {
	const resolved = resolveOptions(flags, environment);
	assert.equal(resolved.ok, false);
	return resolved.ok ? '' : resolved.error;
}

describe('options', () => {
	it('--kind, --max-items and --allow-cancel', () => {
		assert.deepEqual(config({}).kinds, ['image', 'snapshot']);
		assert.deepEqual(config({kind: 'snapshot'}).kinds, ['snapshot']);
		assert.deepEqual(config({kind: ' snapshot , image'}).kinds, ['image', 'snapshot']);
		assert.match(error({kind: ''}), /--kind needs at least one of: image, snapshot/);
		assert.match(error({kind: 'image,volume'}), /--kind: "volume" is not a kind of import \(use image, snapshot\)/);
		assert.equal(config({}).maxItems, undefined);
		assert.equal(config({maxItems: '50'}).maxItems, 50);
		for (const bad of ['0', '-1', '2.5', 'many']) assert.match(error({maxItems: bad}), /--max-items must be a whole number of at least 1/);
		assert.equal(config({}).allowCancel, false);
		assert.equal(config({allowCancel: true}).allowCancel, true);
	});

	it('parses durations for --stuck-after', () => {
		assert.equal(parseDuration('30m'), 30 * 60_000);
		assert.equal(parseDuration('2h'), 2 * 3_600_000);
		assert.equal(parseDuration('90s'), 90_000);
		assert.equal(parseDuration('1.5h'), 5_400_000);
		assert.equal(parseDuration('45'), 45 * 60_000);
		assert.equal(parseDuration('0'), undefined);
		assert.equal(parseDuration('soon'), undefined);
		assert.equal(config({}).stuckAfterMs, 30 * 60_000);
		assert.equal(config({stuckAfter: '2h'}).stuckAfterMs, 7_200_000);
		assert.match(error({stuckAfter: 'later'}), /--stuck-after must be a duration such as 30m, 2h or 90s/);
	});

	it('watches every region × profile pair', () => {
		const regionOf = (profile: string | undefined, key: string) => (profile === 'lab' && key === 'region' ? 'eu-west-1' : undefined);
		assert.deepEqual(config({region: 'us-east-1,eu-west-1'}).pairs, [{region: 'us-east-1'}, {region: 'eu-west-1'}]);
		assert.deepEqual(config({region: 'us-east-1,eu-west-1', profile: 'a,b'}).pairs, [
			{region: 'us-east-1', profile: 'a'},
			{region: 'eu-west-1', profile: 'a'},
			{region: 'us-east-1', profile: 'b'},
			{region: 'eu-west-1', profile: 'b'},
		]);
		assert.deepEqual(
			config({profile: 'lab,prod'}, {}, (profile, key) => (profile === 'prod' && key === 'region' ? 'us-west-2' : regionOf(profile, key))).pairs,
			[
				{region: 'eu-west-1', profile: 'lab'},
				{region: 'us-west-2', profile: 'prod'},
			],
		);
		assert.match(resolveOptions({profile: 'lab,none'}, {}, regionOf).ok ? '' : 'no region', /no region/);
		assert.match(
			error({region: 'us-east-1,eu-west-1', once: true}),
			/several regions or profiles go with the live watcher and --check only \(not --once or --demo\)/,
		);
	});

	it('uses the endpoint_url of a profile named with --profile (the SDK would not), unless the environment names one', () => {
		const settings = (profile: string | undefined, key: ProfileKey) =>
			profile === 'lab' ? {region: 'eu-west-1', endpoint_url: 'http://127.0.0.1:4599', credential_process: undefined}[key] : undefined;
		assert.deepEqual(config({profile: 'lab'}, {}, settings).pairs, [{region: 'eu-west-1', profile: 'lab', endpoint: 'http://127.0.0.1:4599'}]);
		assert.deepEqual(config({profile: 'lab'}, {AWS_ENDPOINT_URL_EC2: 'http://other'}, settings).pairs, [{region: 'eu-west-1', profile: 'lab'}]);
		assert.deepEqual(config({region: 'us-east-1'}, {}, settings).pairs, [{region: 'us-east-1'}]);
	});

	it('says a profile does not exist before it looks for its region', () => {
		const resolved = resolveOptions(
			{profile: 'lab,nosuch'},
			{},
			() => undefined,
			(profile) => profile === 'lab',
		);
		assert.equal(
			resolved.ok ? '' : resolved.error,
			'--profile: no profile "nosuch" in the AWS config or credentials file (aws configure list-profiles lists them)',
		);
	});

	it('takes notification methods, a journal and --until-done', () => {
		assert.deepEqual(config({notify: 'osc777,bell'}).notify, ['bell', 'osc777']);
		assert.deepEqual(config({}).notify, []);
		assert.match(error({notify: 'email'}), /--notify: "email" is not one of bell, osc9, osc777/);
		assert.equal(config({journal: 'imports.jsonl'}).journal, 'imports.jsonl');
		assert.match(error({journal: ' '}), /--journal needs a file name/);
		assert.equal(config({untilDone: true}).untilDone, true);
		assert.match(error({untilDone: true, once: true}), /--until-done watches until the imports end/);
	});

	it('refuses a flag only the live watcher uses with --once or --check, in one line', () => {
		const cases: [Parameters<typeof resolveOptions>[0], string][] = [
			[{once: true, allowCancel: true}, '--allow-cancel'],
			[{once: true, journal: 'imports.jsonl'}, '--journal'],
			[{once: true, notify: 'bell'}, '--notify'],
			[{once: true, stuckAfter: '2h'}, '--stuck-after'],
			[{check: true, journal: 'imports.jsonl'}, '--journal'],
		];
		for (const [flags, flag] of cases) assert.equal(error(flags), `${flag} goes with the live watcher (not --once or --check)`);
		assert.equal(config({once: true, allowCancel: false}).once, true, '--no-allow-cancel says nothing to do');
		assert.equal(config({allowCancel: true, journal: 'imports.jsonl'}).allowCancel, true);
	});

	it('--on-event and its time limit', () => {
		assert.equal(config({}).onEvent, undefined);
		assert.equal(config({onEvent: 'cat >> events.jsonl'}).onEvent, 'cat >> events.jsonl', 'the command as written');
		assert.equal(config({onEvent: 'true'}).onEventTimeoutMs, 30_000, 'by default 30 s');
		assert.equal(config({onEvent: 'true', onEventTimeout: '2.5'}).onEventTimeoutMs, 2500);
		assert.match(error({onEvent: ' '}), /--on-event needs a command/);
		assert.match(error({onEvent: 'true', once: true}), /--on-event goes with the live watcher/);
		assert.match(error({onEventTimeout: '5'}), /--on-event-timeout goes with --on-event/);
		for (const bad of ['0', '-1', 'soon', '', '90000'])
			assert.match(error({onEvent: 'true', onEventTimeout: bad}), /--on-event-timeout must be a number of seconds above 0/);
	});
});

// Only parsed, never requested: no test talks to anything but 127.0.0.1.
describe('the unencrypted endpoint warning', () => {
	it('warns for http:// to another machine, in one line', () => {
		assert.equal(
			plaintextWarning('http://ec2.internal.example:8080/'),
			'warning: http://ec2.internal.example:8080 is not encrypted: requests and answers travel in clear over the network (use https://)',
		);
		assert.match(plaintextWarning('http://10.0.0.5') ?? '', /^warning: http:\/\/10\.0\.0\.5 is not encrypted/);
		assert.match(plaintextWarning('http://[fd00::1]:4599') ?? '', /^warning: http:\/\/\[fd00::1\]:4599 is not encrypted/);
	});

	it('does not warn for https:// or for this machine', () => {
		for (const url of [
			'https://ec2.eu-west-1.amazonaws.com',
			'http://127.0.0.1:4599',
			'http://127.1.2.3',
			'http://localhost:4599',
			'http://[::1]:4599',
			undefined,
		]) {
			assert.equal(plaintextWarning(url), undefined, String(url));
		}
		assert.equal(isLoopbackHost('[::1]'), true);
		assert.equal(isLoopbackHost('0.0.0.0'), false);
	});

	it('resolveOptions collects the warning for the endpoint in use', () => {
		const resolved = resolveOptions({region: 'us-east-1', endpoint: 'http://ec2.internal.example'}, {});
		assert.ok(resolved.ok);
		assert.equal(resolved.config.warnings.length, 1);
		const local = resolveOptions({region: 'us-east-1', endpoint: 'http://127.0.0.1:4599'}, {AWS_ENDPOINT_URL_EC2: 'http://ec2.internal.example'});
		assert.ok(local.ok);
		assert.deepEqual(local.config.warnings, [], '--endpoint wins over the environment');
	});

	it('refuses a region no AWS partition has, saying where the name came from; with an endpoint it only warns', () => {
		const meant = 'no AWS partition has a region named so (did you mean eu-west-1?)';
		assert.equal(error({region: 'eu-wset-1'}), `the region name "eu-wset-1" (--region) looks wrong: ${meant}`);
		assert.equal(error({}, {AWS_REGION: 'eu-wset-1'}), `the region name "eu-wset-1" (AWS_REGION) looks wrong: ${meant}`);
		const fromProfile = resolveOptions({profile: 'lab'}, {}, (profile, key) => (profile === 'lab' && key === 'region' ? 'eu-wset-1' : undefined));
		assert.ok(!fromProfile.ok);
		assert.match(fromProfile.error, /\(profile lab\) looks wrong/);
		assert.match(error({region: 'mars'}), /^--region: "mars" is not an AWS region name/);
		const warned = `warning: the region name "eu-wset-1" (--region) looks wrong: ${meant}; used as given, since an endpoint is set`;
		assert.deepEqual(config({region: 'eu-wset-1', endpoint: 'http://127.0.0.1:4599'}).warnings, [warned]);
		assert.deepEqual(config({region: 'eu-wset-1'}, {AWS_ENDPOINT_URL_EC2: 'http://127.0.0.1:4599'}).warnings, [warned]);
		assert.deepEqual(config({region: 'eu-wset-1', demo: true}).warnings, [warned]);
		assert.equal(config({region: 'eu-wset-1', endpoint: 'http://127.0.0.1:4599'}).region, 'eu-wset-1', 'used as given');
		assert.deepEqual(config({region: 'eusc-de-east-1,us-gov-west-1,cn-northwest-1'}).warnings, []);
	});
});
