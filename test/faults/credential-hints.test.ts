import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {faultLine} from '../../source/model/fault-text.js';
import {resolveOptions} from '../../source/shell/options.js';
import type {ProfileKey} from '../../source/watch/aws-profile.js';
import {classifyError, credentialContext} from '../../source/watch/classify-error.js';

// The credentials fault says the fix in words: which profile to log in with, or which variable is missing.

const noCredentials = Object.assign(new Error('Could not load credentials from any providers'), {name: 'CredentialsProviderError'});
const expired = Object.assign(new Error('The security token included in the request is expired'), {
	name: 'ExpiredToken',
	$fault: 'client',
	$metadata: {httpStatusCode: 400},
});
const hint = (error: Error, env: Record<string, string>, profile?: string) => classifyError(error, credentialContext(env, profile)).hint;

describe('credentialContext', () => {
	test('the profile from --profile, else AWS_PROFILE', () => {
		assert.deepEqual(credentialContext({AWS_PROFILE: 'env'}, 'flag'), {profile: 'flag'});
		assert.deepEqual(credentialContext({AWS_PROFILE: 'env'}, undefined), {profile: 'env'});
		assert.deepEqual(credentialContext({AWS_PROFILE: ''}, undefined), {});
	});
	test('which of the key pair is set', () => {
		assert.deepEqual(credentialContext({AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 's'}, undefined), {envKeys: 'both'});
		assert.deepEqual(credentialContext({AWS_ACCESS_KEY_ID: 'a'}, undefined), {envKeys: 'AWS_ACCESS_KEY_ID'});
		assert.deepEqual(credentialContext({AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: ''}, undefined), {envKeys: 'AWS_ACCESS_KEY_ID'});
		assert.deepEqual(credentialContext({AWS_SECRET_ACCESS_KEY: 's'}, undefined), {envKeys: 'AWS_SECRET_ACCESS_KEY'});
	});
	test('resolveOptions carries it in the config', () => {
		const resolved = resolveOptions({region: 'us-east-1'}, {AWS_PROFILE: 'ops'});
		assert.ok(resolved.ok);
		assert.deepEqual(resolved.config.errorContext, {profile: 'ops'});
	});
});

describe('the credentials hint', () => {
	test('names the missing variable of a half-set pair', () => {
		assert.equal(
			hint(noCredentials, {AWS_ACCESS_KEY_ID: 'AKID'}),
			'AWS_SECRET_ACCESS_KEY is not set but AWS_ACCESS_KEY_ID is: set both, or neither and use --profile',
		);
		assert.match(hint(noCredentials, {AWS_SECRET_ACCESS_KEY: 's'}) ?? '', /^AWS_ACCESS_KEY_ID is not set but AWS_SECRET_ACCESS_KEY is/);
	});
	test('an SSO or file profile, from AWS_PROFILE too: aws sso login --profile NAME', () => {
		const fault = classifyError(expired, credentialContext({AWS_PROFILE: 'prod'}, undefined));
		assert.equal(fault.hint, "run: aws sso login --profile prod (or refresh that profile's keys)");
		assert.match(faultLine(fault, true), /aws sso login --profile prod .*; the next poll picks them up$/, 'while watching: it re-reads them');
		assert.doesNotMatch(faultLine(fault), /next poll/, 'the line printed on exit promises no next poll');
	});
	test('a credential_process profile: the command failed, not "aws sso login"', () => {
		const settings = (profile: string | undefined, key: ProfileKey) =>
			profile === 'vault' && key === 'credential_process' ? '/usr/local/bin/vault-creds' : undefined;
		const resolved = resolveOptions({region: 'us-east-1', profile: 'vault'}, {}, settings);
		assert.ok(resolved.ok);
		assert.deepEqual(resolved.config.errorContext, {profile: 'vault', processProfiles: ['vault']});
		const failed = Object.assign(new Error('Profile vault credential_process returned an error'), {name: 'CredentialsProviderError'});
		const fault = classifyError(failed, resolved.config.errorContext);
		assert.equal(fault.hint, 'the credential_process command of profile vault failed or gave keys that are not accepted: run it yourself to see why');
		assert.doesNotMatch(faultLine(fault, true), /sso/);
		assert.match(faultLine(fault, true), /the next poll runs it again$/);
		const byDefault = resolveOptions({region: 'us-east-1'}, {}, (profile, key) =>
			profile === 'default' && key === 'credential_process' ? '/usr/local/bin/vault-creds' : undefined,
		);
		assert.ok(byDefault.ok);
		assert.match(classifyError(failed, byDefault.config.errorContext).hint ?? '', /^the credential_process command of the default profile failed/);
	});
	test('keys from the environment cannot change under a running process: says restart', () => {
		assert.match(hint(expired, {AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 's'}) ?? '', /restart with fresh ones, or use --profile/);
	});
	test('nothing set: the ways in', () => {
		assert.equal(hint(noCredentials, {}), 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, use --profile, run aws sso login, or try --demo');
	});
	test('--check refuses --once and --demo, naming only those given', () => {
		assert.deepEqual(resolveOptions({check: true, demo: true}, {}), {
			ok: false,
			error: '--check checks AWS access on its own: leave out --demo',
		});
		assert.deepEqual(resolveOptions({check: true, once: true}, {}), {ok: false, error: '--check checks AWS access on its own: leave out --once'});
		assert.deepEqual(resolveOptions({check: true, once: true, demo: true}, {}), {
			ok: false,
			error: '--check checks AWS access on its own: leave out --once and --demo',
		});
	});
});
