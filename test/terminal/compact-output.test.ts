import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createOutputCompactor } from '../../source/terminal/compact-output.js';

const esc = '\u001B';

test('a walk over unchanged rows becomes one move', () => {
	const compact = createOutputCompactor();
	const walk = `${esc}[39A${esc}[E${esc}[E${esc}[E${esc}[1G${esc}[Khello\n${esc}[E${esc}[E`;
	assert.equal(compact(walk), `${esc}[36F${esc}[Khello\n${esc}[2E`);
});

test('a column after vertical moves is kept, and \\r alone stays \\r', () => {
	const compact = createOutputCompactor();
	assert.equal(compact(`${esc}[3A${esc}[10Gx`), `${esc}[3A${esc}[10Gx`);
	assert.equal(compact('\rx'), '\rx');
});

test('style replays that end where the terminal already is are dropped', () => {
	const compact = createOutputCompactor();
	// Pending style is written before the write ends, so the terminal is never left mid-way.
	assert.equal(compact(`${esc}[1mA${esc}[22m`), `${esc}[0m${esc}[1mA${esc}[0m`);
	const out = compact(`${esc}[1m${esc}[22m${esc}[90m${esc}[39mB`);
	assert.equal(out, 'B');
});

test('styles are merged and only the difference is written', () => {
	const compact = createOutputCompactor();
	assert.equal(compact(`${esc}[7m${esc}[1mX${esc}[22m${esc}[27m`), `${esc}[0m${esc}[1;7mX${esc}[0m`);
	assert.equal(compact(`${esc}[36mY${esc}[39m${esc}[32mZ${esc}[39m`), `${esc}[36mY${esc}[32mZ${esc}[0m`);
});

test('an erase keeps the style in force before it (background colour erase)', () => {
	const compact = createOutputCompactor();
	assert.equal(compact(`${esc}[41m${esc}[K${esc}[49m`), `${esc}[0m${esc}[41m${esc}[K${esc}[0m`);
});

test('unknown sequences pass through and make the style unknown again', () => {
	const compact = createOutputCompactor();
	compact(`${esc}[1mA`);
	assert.equal(compact(`${esc}[?1049l${esc}[22mB`), `${esc}[?1049l${esc}[0mB`);
	assert.equal(compact(`${esc}[4:3mC`), `${esc}[4:3mC`);
});
