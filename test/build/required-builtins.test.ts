import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {it} from 'node:test';
import {builtinModule, importedNames} from '../../source/build/required-builtins.js';
import {assertBuilt, launchPath} from '../helpers/term.js';

it('reads the names a file imports from a built-in, whatever else it imports', () => {
	const source = [
		"import process from 'node:process';",
		"import fs, {readFileSync, promises as fsPromises} from 'node:fs';",
		"import {type Stats, statSync} from 'node:fs';",
		"import {format} from 'util';",
		'import {',
		'\twriteFile,',
		'\ttype Mode,',
		"} from 'node:fs';",
		"import {join} from 'node:path';",
	].join('\n');
	assert.deepEqual(importedNames(source, 'node:fs'), ['promises', 'readFileSync', 'statSync', 'writeFile']);
	assert.deepEqual(importedNames(source, 'node:process'), []);
	assert.deepEqual(importedNames(source, 'util'), ['format']);
	assert.deepEqual(importedNames(source, 'node:util'), []);
	assert.deepEqual(importedNames('import {promisify} from \'node:util\';\nimport {readFile} from "fs/promises";', 'fs/promises'), ['readFile']);
});

it('a namespace import gets the whole module (undefined: no names to read)', () => {
	assert.equal(importedNames("import * as fs from 'node:fs';\nimport {join} from 'node:path';", 'node:fs'), undefined);
	assert.deepEqual(importedNames("import * as fs from 'node:fs';\nimport {join} from 'node:path';", 'node:path'), ['join']);
});

it('the module it makes reads only those names, and gives the built-in itself as its default', () => {
	const code = builtinModule('path', ['join', 'sep']);
	assert.equal(code, ['const builtin = require("node:path");', 'export default builtin;', 'export const {join, sep} = builtin;'].join('\n'));
	assert.equal(builtinModule('process', []), ['const builtin = require("node:process");', 'export default builtin;'].join('\n'));
});

it('the built app imports no built-in as an ES module, and copies one whole only for a namespace import', () => {
	assertBuilt();
	const chunks = join(launchPath, '..', 'chunks');
	const code = readdirSync(chunks).map((name) => readFileSync(join(chunks, name), 'utf8'));
	const facades = code.flatMap((text) => text.match(/^import [^;]*from "(?:node:)?[a-z_/]+";$/gm) ?? []);
	assert.deepEqual(facades, []);
	const copied = code.flatMap((text) => text.match(/__toESM\(require_node_\w+\(\)/g) ?? []).sort();
	// Ink's ErrorOverview (`import * as fs`) and the SDK's compression (`import * as zlib`).
	assert.deepEqual(copied, ['__toESM(require_node_fs()', '__toESM(require_node_zlib()']);
	assert.ok(
		code.some((text) => text.includes('export const {') || /var \{ [\w, ]+ \} = builtin\d*;/.test(text)),
		'named reads are there',
	);
});
