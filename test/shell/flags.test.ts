import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {it} from 'node:test';
import {flagListMarkdown, flags, flagSpec} from '../../source/shell/flags.js';

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
