import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {it} from 'node:test';
import {literalKeys} from '../../source/build/literal-schema-keys.js';

it('turns computed keys named by string constants into literal keys, and leaves other computed keys alone', () => {
	const source = ['const _xN = "xmlName";', 'const n0 = "com.amazonaws.ec2";', 'export var A$ = [3, n0, { [_xN]: `Min`, [other]: 1 }];'].join('\n');
	const {code, replaced} = literalKeys(source);
	assert.equal(replaced, 1);
	assert.match(code, /\{ "xmlName": `Min`, \[other\]: 1 \}/);
});

it('leaves no computed key in the EC2 client’s schema file', async () => {
	const entry = createRequire(import.meta.url).resolve('@aws-sdk/client-ec2');
	const schemas = join(dirname(entry), '..', 'dist-es', 'schemas', 'schemas_0.js');
	const {code, replaced} = literalKeys(await readFile(schemas, 'utf8'));
	assert.ok(replaced > 1000, `only ${replaced} keys replaced`);
	assert.doesNotMatch(code, /\[[\w$]+\]:/);
});
