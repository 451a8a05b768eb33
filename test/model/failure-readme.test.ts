import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {it} from 'node:test';
import {failureTableMarkdown} from '../../source/model/failure-explanations.js';

it('the README’s table of failures is the data module’s', async () => {
	const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
	const table = /<!-- failures:start[^>]*-->\n([\s\S]*?)\n<!-- failures:end -->/.exec(readme)?.[1];
	assert.equal(table, failureTableMarkdown(), 'refresh the table in README.md from failureTableMarkdown() in source/model/failure-explanations.ts');
	assert.equal(table?.split('\n').length, 2 + 18, 'a row per family and one for the unknown failure');
});
