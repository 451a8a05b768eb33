import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {Mode} from '../../source/model/state.js';
import {hintsFor, intentFor, type KeyEvent, keyLabel, keyName, keymap} from '../../source/ui/keymap.js';

const modes: Mode[] = ['list', 'detail', 'help', 'search'];
/** What a key does in a mode, with a page of 10 rows. */
const intentIn = (mode: Mode, name: string) => intentFor(name, {mode, pageSize: 10});
const noKey: KeyEvent = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageUp: false,
	pageDown: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	tab: false,
	shift: false,
	ctrl: false,
	backspace: false,
	delete: false,
};

describe('keymap', () => {
	it('gives every binding a description and a label', () => {
		for (const binding of keymap) {
			assert.ok(binding.description.length > 5, `${binding.label} has no description`);
			assert.ok(binding.label.length > 0, `${binding.description} has no label`);
		}
	});

	it('binds no key twice in one mode', () => {
		for (const mode of modes) {
			const seen = new Map<string, string>();
			for (const binding of keymap.filter((b) => b.modes.includes(mode))) {
				for (const key of binding.keys) {
					assert.equal(seen.get(key), undefined, `${key} is bound to ${seen.get(key)} and ${binding.description} in ${mode}`);
					seen.set(key, binding.description);
				}
			}
		}
	});

	it('lets every mode quit or leave', () => {
		for (const mode of modes) {
			assert.deepEqual(intentIn(mode, 'ctrl-c'), {effect: 'quit'}, `Ctrl-C does not quit in ${mode}`);
		}
		assert.equal(intentIn('search', 'q'), undefined, 'q is text while filtering');
		assert.deepEqual(intentIn('list', 'q'), {effect: 'quit'});
	});

	it('names the keys Ink reports', () => {
		assert.equal(keyName('', {...noKey, upArrow: true}), 'up');
		assert.equal(keyName('', {...noKey, tab: true, shift: true}), 'shift-tab');
		assert.equal(keyName('', {...noKey, tab: true}), 'tab');
		assert.equal(keyName('', {...noKey, delete: true}), 'backspace');
		assert.equal(keyName('c', {...noKey, ctrl: true}), 'ctrl-c');
		assert.equal(keyName('x', {...noKey, ctrl: true}), undefined);
		assert.equal(keyName('l', {...noKey, ctrl: true}), 'ctrl-l');
		assert.equal(keyName('z', {...noKey, ctrl: true}), 'ctrl-z');
		assert.equal(keyName('G', {...noKey, shift: true}), 'G');
		assert.equal(keyName('ab', noKey), undefined);
	});

	it('maps the documented keys to what they do', () => {
		assert.deepEqual(intentIn('list', 'j'), {action: {type: 'move', by: 1}});
		assert.deepEqual(intentIn('list', 'enter'), {action: {type: 'open-detail'}});
		assert.deepEqual(intentIn('detail', 'backspace'), {action: {type: 'back'}});
		assert.deepEqual(intentIn('list', '3'), {action: {type: 'set-state-filter', filter: 'completed'}});
		assert.deepEqual(intentIn('search', 'enter'), {action: {type: 'search-commit'}});
		assert.deepEqual(intentIn('help', 'j'), {action: {type: 'scroll', by: 1}});
		assert.equal(intentIn('help', '2'), undefined);
		for (const mode of modes) {
			assert.deepEqual(intentIn(mode, 'ctrl-l'), {effect: 'repaint'}, `Ctrl-L in ${mode}`);
			assert.deepEqual(intentIn(mode, 'ctrl-z'), {effect: 'suspend'}, `Ctrl-Z in ${mode}`);
		}
	});

	it('moves the list and scrolls the details and help, a row or a page', () => {
		assert.deepEqual(intentIn('list', 'pageup'), {action: {type: 'move', by: -10}});
		assert.deepEqual(intentIn('events', 'up'), {action: {type: 'move', by: -1}});
		assert.deepEqual(intentIn('detail', 'k'), {action: {type: 'scroll', by: -1}});
		assert.deepEqual(intentIn('help', 'pagedown'), {action: {type: 'scroll', by: 10}});
		assert.deepEqual(intentIn('confirm', 'n'), {action: {type: 'cancel-close', kept: true}});
		assert.deepEqual(intentIn('confirm', 'y'), {effect: 'cancel-confirm'});
	});

	it('feeds the hint line with the keys of the current mode only', () => {
		assert.deepEqual(
			hintsFor('search').map((h) => h.label),
			['Enter', 'Esc'],
		);
		assert.ok(hintsFor('list').some((h) => h.hint === 'filter'));
		assert.ok(!hintsFor('detail').some((h) => h.hint === 'filter'));
	});

	it('names the arrows and erase in words in ASCII (^v would read as Ctrl-V, < as a key)', () => {
		assert.deepEqual(
			hintsFor('list', false).find((h) => h.hint === 'move'),
			{label: 'Up/Dn/jk', hint: 'move'},
		);
		assert.equal(keyLabel('Esc/⌫', false), 'Esc/Bksp');
		assert.equal(keyLabel('↑/k', false), 'Up/k');
		assert.equal(keyLabel('↓/j', false), 'Dn/j');
		for (const mode of [...modes, 'events', 'confirm'] as const) {
			for (const {label} of hintsFor(mode, false)) assert.match(label, /^[\x20-\x7e]+$/, `${label} in ${mode}`);
		}
		for (const binding of keymap) assert.match(keyLabel(binding.label, false), /^[\x20-\x7e]+$/, binding.label);
		assert.equal(hintsFor('list').find((h) => h.hint === 'move')?.label, '↑↓/jk', 'a UTF-8 terminal keeps the arrows');
	});
});
