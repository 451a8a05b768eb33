import assert from 'node:assert/strict';
import {it} from 'node:test';
import {unknownFlag} from '../../source/shell/unknown-flag.js';

it('says an unknown flag as it was typed, with the flag it likely stands for', () => {
	assert.equal(unknownFlag(['-r', 'eu-west-1']), 'unknown flag -r (did you mean --region?)');
	assert.equal(unknownFlag(['-p', 'prod']), 'unknown flag -p (did you mean --profile or --page-size?)');
	assert.equal(unknownFlag(['-h']), 'unknown flag -h (did you mean --help?)');
	assert.equal(unknownFlag(['-region', 'x']), 'unknown flag -region (did you mean --region?)');
	assert.equal(unknownFlag(['--regoin', 'eu-west-1']), 'unknown flag --regoin (did you mean --region?)');
	assert.equal(unknownFlag(['--regoin=eu-west-1']), 'unknown flag --regoin (did you mean --region?)');
	assert.equal(unknownFlag(['--reg', 'x']), 'unknown flag --reg (did you mean --region?)');
	assert.equal(unknownFlag(['--no-colour']), 'unknown flag --no-colour (did you mean --no-color?)');
	assert.equal(unknownFlag(['--tsk-ids', 'x']), 'unknown flag --tsk-ids (did you mean --task-ids?)');
	assert.equal(unknownFlag(['--bogus']), 'unknown flag --bogus (see --help)');
	assert.equal(unknownFlag(['-z']), 'unknown flag -z (see --help)');
});

it('lets every flag of the table through, in each spelling the parser takes, and leaves values alone', () => {
	assert.equal(
		unknownFlag(['--region', 'eu-west-1', '--task-ids=import-ami-1', '--taskIds', 'x', '--no-color', '--color', '--once', '--json', '--interval', '-5']),
		undefined,
	);
	assert.equal(unknownFlag(['--help']), undefined);
	assert.equal(unknownFlag(['--version']), undefined);
	assert.equal(unknownFlag(['extra', '-']), undefined, 'not flags: for the unexpected-argument check');
	assert.equal(unknownFlag(['--', '-r']), undefined, 'after --, nothing is a flag');
	assert.equal(unknownFlag(['--once', '-r', '--bogus']), 'unknown flag -r (did you mean --region?)', 'the first one');
});
