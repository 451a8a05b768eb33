import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {it} from 'node:test';
import {keyTableMarkdown} from '../../source/ui/keymap.js';

it('the README’s key table is the keymap’s', async () => {
	const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
	const table = /<!-- keys:start[^>]*-->\n([\s\S]*?)\n<!-- keys:end -->/.exec(readme)?.[1];
	assert.equal(table, keyTableMarkdown(), 'refresh the table in README.md from keyTableMarkdown() in source/ui/keymap.ts');
});
