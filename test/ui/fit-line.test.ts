import assert from 'node:assert/strict';
import {test} from 'node:test';
import {fitLine} from '../../source/ui/fit-segments.js';

// A notice line within its width: a short label and the end both stay (the middle gives way); a line without a
// short label (a library's warning caught on stderr) keeps its start, which says what it is.

test('a labelled notice keeps its label and its reason', () => {
	const line = fitLine("Not cancellable: EC2 sent this task's id import-ami-0123456789abcdef0 with white space at an end (shown trimmed).", 60);
	assert.ok(line.startsWith('Not cancellable: '), line);
	assert.ok(line.endsWith('(shown trimmed).'), line);
	assert.ok(line.includes('…'), line);
});

test('a warning without a short label keeps its start: the end gives way', () => {
	const warning =
		'@aws-sdk/credential-provider-node - defaultProvider::fromEnv WARNING: Multiple credential sources detected: Both AWS_PROFILE and the pair AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY static credentials are set.';
	const line = fitLine(warning, 100);
	assert.ok(line.startsWith('@aws-sdk/credential-provider-node - defaultProvider::fromEnv WARNING: Multiple credential'), line);
	assert.ok(line.endsWith('…'), line);
});

test('a line that fits is left as it is', () => {
	assert.equal(fitLine('Copied import-ami-0123456789abcdef0.', 80), 'Copied import-ami-0123456789abcdef0.');
});
