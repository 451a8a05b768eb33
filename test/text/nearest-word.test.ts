import assert from 'node:assert/strict';
import {it} from 'node:test';
import {editDistance, nearestWord} from '../../source/text/nearest-word.js';

it('counts insertions, deletions, substitutions and a swap of neighbours as one edit each', () => {
	assert.equal(editDistance('region', 'region'), 0);
	assert.equal(editDistance('regoin', 'region'), 1);
	assert.equal(editDistance('wset', 'west'), 1);
	assert.equal(editDistance('regin', 'region'), 1);
	assert.equal(editDistance('regions', 'region'), 1);
	assert.equal(editDistance('rogion', 'region'), 1);
	assert.equal(editDistance('', 'abc'), 3);
	assert.equal(editDistance('kitten', 'sitting'), 3);
});

it('names the one close candidate, or none when it is far or not the only one', () => {
	const words = ['region', 'profile', 'endpoint', 'page-size', 'no-color'];
	assert.equal(nearestWord('regoin', words), 'region');
	assert.equal(nearestWord('no-colour', words), 'no-color');
	assert.equal(nearestWord('bogus', words), undefined);
	// Two edits in a four-letter word is half of it: not a typo any more.
	assert.equal(nearestWord('wxyt', ['west']), undefined);
	assert.equal(nearestWord('easts', ['east', 'eastz']), undefined, 'two equally close');
});
