import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {it} from 'node:test';
import {flagLines, flagListMarkdown, flags, flagSpec} from '../../source/shell/flags.js';

it('the README’s flag list is the flag table’s', async () => {
	const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
	const list = /<!-- flags:start[^>]*-->\n([\s\S]*?)\n<!-- flags:end -->/.exec(readme)?.[1];
	assert.equal(list, flagListMarkdown(), 'refresh the list in README.md from flagListMarkdown() in source/shell/flags.ts');
});

it('meow’s spec has every flag of the table, and only those', () => {
	assert.deepEqual(
		Object.keys(flagSpec),
		flags.map((row) => row.name),
	);
	assert.deepEqual(flagSpec.color, {type: 'boolean', default: true});
	assert.deepEqual(flagSpec.region, {type: 'string'});
});

it('the usage column holds every usage whole, two spaces before every description, all in one column', () => {
	const lines = flagLines();
	const column = flags.map((row, index) => {
		assert.ok(lines[index]?.startsWith(`${row.usage}  `), lines[index]);
		assert.doesNotMatch(row.description, /^[A-Z]+: /, 'the argument belongs to the usage (--on-event-timeout S), not the description');
		return (lines[index] ?? '').length - row.description.length;
	});
	assert.equal(new Set(column).size, 1);
});
