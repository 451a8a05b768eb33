import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import {describe, it} from 'node:test';
import {enterScreen, handleTuiSignals, leaveScreen, type SignalTarget} from '../../source/shell/tui-signals.js';

/** A process whose signals the test sends; `kill` records and runs what the real stop would let happen meanwhile. */
function fakeProcess(whileStopped: () => void = () => {}) {
	const events = new EventEmitter();
	const kills: string[] = [];
	const target: SignalTarget = {
		on: (signal, listener) => events.on(signal, listener),
		off: (signal, listener) => events.off(signal, listener),
		kill: (pid, signal) => {
			// With our listener gone, SIGTSTP takes its default action: the process stops here until `fg`.
			kills.push(`${pid} ${signal} (listeners: ${events.listenerCount(signal)})`);
			whileStopped();
		},
	};
	return {target, kills, send: (signal: NodeJS.Signals) => events.emit(signal), listeners: (signal: string) => events.listenerCount(signal)};
}

function fakeTerminal() {
	const log: string[] = [];
	const state = {size: '80x24'};
	return {
		log,
		state,
		terminal: {
			write: (bytes: string) => log.push(JSON.stringify(bytes)),
			setRawMode: (on: boolean) => log.push(`raw ${on ? 'on' : 'off'}`),
			repaint: () => log.push('repaint'),
			size: () => state.size,
		},
	};
}

describe('suspend and resume', () => {
	it('gives the terminal back, stops its whole process group (the job) with the default action of SIGTSTP, and comes back whole after fg', () => {
		const {terminal, log} = fakeTerminal();
		const proc = fakeProcess(() => log.push('stopped'));
		handleTuiSignals(terminal, proc.target);
		proc.send('SIGTSTP');
		assert.deepEqual(proc.kills, ['0 SIGTSTP (listeners: 0)']);
		assert.deepEqual(log, [JSON.stringify(leaveScreen), 'raw off', 'stopped', 'raw on', JSON.stringify(enterScreen), 'repaint']);
		assert.match(leaveScreen, /\u001B\[\?1049l\u001B\[\?25h/);
		assert.equal(enterScreen, '\u001B[?1049h\u001B[?25l\u001B[?2004h');
		assert.match(leaveScreen, /\u001B\[\?2004l/, 'bracketed paste off while suspended');
		// The SIGCONT of that `fg` finds everything done; the next Ctrl-Z works the same.
		proc.send('SIGCONT');
		assert.equal(log.filter((entry) => entry === 'repaint').length, 1);
		assert.equal(proc.listeners('SIGTSTP'), 1);
	});

	it('Ctrl-Z (suspend) does the same as SIGTSTP', () => {
		const {terminal, log} = fakeTerminal();
		const proc = fakeProcess();
		handleTuiSignals(terminal, proc.target).suspend();
		assert.equal(proc.kills.length, 1);
		assert.deepEqual(log.slice(-3), ['raw on', JSON.stringify(enterScreen), 'repaint']);
	});

	it('a SIGCONT after a stop it did not ask for (SIGSTOP) sets raw mode again and repaints', () => {
		const {terminal, log} = fakeTerminal();
		const proc = fakeProcess();
		handleTuiSignals(terminal, proc.target);
		proc.send('SIGCONT');
		assert.deepEqual(log, ['raw off', 'raw on', 'repaint']);
	});

	it('a same-size SIGWINCH repaints; one with a new size is left to Ink (the diff repaints a new size whole)', () => {
		const {terminal, log, state} = fakeTerminal();
		const proc = fakeProcess();
		handleTuiSignals(terminal, proc.target);
		proc.send('SIGWINCH');
		assert.deepEqual(log, ['repaint']);
		state.size = '100x30';
		proc.send('SIGWINCH');
		assert.deepEqual(log, ['repaint']);
		proc.send('SIGWINCH');
		assert.deepEqual(log, ['repaint', 'repaint']);
	});

	it('once disposed, listens to nothing', () => {
		const {terminal, log} = fakeTerminal();
		const proc = fakeProcess();
		const signals = handleTuiSignals(terminal, proc.target);
		signals.dispose();
		for (const signal of ['SIGTSTP', 'SIGCONT', 'SIGWINCH'] as const) assert.equal(proc.listeners(signal), 0, signal);
		signals.suspend();
		assert.deepEqual(log, []);
	});
});
