import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {strayLines} from '../../source/shell/exit-lines.js';
import {captureStrayOutput, oneLine} from '../../source/terminal/stray-output.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('stray output while the TUI is up', () => {
	it('catches warnings, stderr writes and console calls as one sanitised line each, and puts everything back', async () => {
		const printers = process.listeners('warning');
		const write = process.stderr.write;
		const warn = console.warn;
		const shown: string[] = [];
		const capture = captureStrayOutput((line) => shown.push(line));
		try {
			assert.deepEqual(process.listeners('warning').length, 1, "node's own printer is off");
			process.emitWarning('The AWS SDK for JavaScript (v3)\nwill require node >=22.', 'NodeVersionSupportWarning');
			await tick();
			// The AWS SDK's warning about credentials is a console.warn of several lines.
			console.warn('@aws-sdk/credential-provider-node - defaultProvider::fromEnv WARNING:\n    Multiple credential sources detected: \n');
			let called = false;
			process.stderr.write('a library line \u001B[31mred\u001B[0m\n', () => {
				called = true;
			});
			console.log('%s tasks', 3);
			console.log('%s tasks', 3);
			await tick();
			assert.ok(called, 'the write callback is called');
		} finally {
			capture.restore();
		}
		const expected = [
			'NodeVersionSupportWarning: The AWS SDK for JavaScript (v3) will require node >=22.',
			'@aws-sdk/credential-provider-node - defaultProvider::fromEnv WARNING: Multiple credential sources detected:',
			'a library line ␛red␛',
			'3 tasks',
		];
		assert.deepEqual(shown, [...expected, '3 tasks']);
		assert.deepEqual(capture.messages(), expected);
		assert.equal(capture.count(), 5);
		assert.deepEqual(process.listeners('warning'), printers);
		assert.equal(process.stderr.write, write);
		assert.equal(console.warn, warn);
	});

	it('every console method: those that write through log and warn, and dirxml, which does not', () => {
		const shown: string[] = [];
		const capture = captureStrayOutput((line) => shown.push(line));
		try {
			console.table([{a: 1}]);
			console.assert(false, 'boom');
			console.count('polls');
			console.dirxml('x');
			console.debug('y');
		} finally {
			capture.restore();
		}
		assert.equal(shown.length, 5);
		assert.match(shown[0] ?? '', /│ \(index\) │ a │/);
		assert.deepEqual(shown.slice(1), ['Assertion failed: boom', 'polls: 1', 'x', 'y']);
	});

	it('one line: whitespace runs are one space, Hangul fillers and controls are markers', () => {
		assert.equal(oneLine('  a\n\tb\u3164c\u0007 '), 'a b\uFFFDc\uFFFD');
	});

	it('the exit summary: how many, then each different message', () => {
		assert.deepEqual(strayLines([], 0), []);
		assert.deepEqual(strayLines(['one'], 1), ['ec2-import-watch: caught while the screen was up (1 message):', '  one']);
		assert.deepEqual(strayLines(['one', 'two'], 5), ['ec2-import-watch: caught while the screen was up (5 messages, 2 different):', '  one', '  two']);
	});
});
