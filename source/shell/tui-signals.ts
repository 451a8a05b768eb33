import {bracketedPasteOn, restoreSequence} from '../terminal/screen-guard.js';

// The TUI and job control: Ctrl-Z (a key in raw mode) and SIGTSTP suspend properly, SIGCONT and SIGWINCH repaint
// (a SIGWINCH with a new size is left to Ink: it draws the new layout, which the screen diff writes whole).
//
// Suspending gives the terminal back as a shell expects it (main screen, cursor shown, raw mode off), then stops
// the process the way the shell's job control sees: SIGTSTP again, with its default action (our listener is
// removed first), sent to the whole process group as vim does (`kill(0, SIGTSTP)`) — what the terminal itself
// does for Ctrl-Z in cooked mode. Stopping only ourselves is not enough when something sits between the shell
// and us (`npm start`: npm and `sh -c` in the same job): the shell waits for npm, which would keep running, so
// the shell would never see the job stop nor give the prompt back. When `kill` returns the process has been
// continued (`fg`), or was never stopped (an orphaned process group ignores SIGTSTP): either way the TUI comes
// back at once, before any timer can draw.

/** What every way out writes: end a synchronised update, leave the alternate screen, show the cursor, reset colours. */
export const leaveScreen = restoreSequence;
/** The alternate screen again, cursor hidden, bracketed paste on (the repaint that follows draws everything). */
export const enterScreen = `\u001B[?1049h\u001B[?25l${bracketedPasteOn}`;

export interface JobTerminal {
	/** Bytes straight to the terminal (not through the screen diff). */
	write(bytes: string): void;
	setRawMode(on: boolean): void;
	/** Clear and draw the whole frame. */
	repaint(): void;
	/** The terminal's size, as a value to compare (e.g. "120x40"). */
	size(): string;
}

/** The few process calls used here (the real `process` by default; tests pass their own). */
export interface SignalTarget {
	on(signal: NodeJS.Signals, listener: () => void): unknown;
	off(signal: NodeJS.Signals, listener: () => void): unknown;
	/** `pid` 0: every process of our process group (our job). */
	kill(pid: number, signal: NodeJS.Signals): unknown;
}

export interface TuiSignals {
	/** Give the terminal back and stop until `fg` (Ctrl-Z). */
	suspend(): void;
	dispose(): void;
}

export function handleTuiSignals(terminal: JobTerminal, target: SignalTarget = process): TuiSignals {
	let suspending = false;
	/** We continued from our own stop and came back already: the SIGCONT that follows has nothing left to do. */
	let resumed = false;
	let disposed = false;

	const suspend = () => {
		if (suspending || disposed) return;
		suspending = true;
		terminal.write(leaveScreen);
		terminal.setRawMode(false);
		target.off('SIGTSTP', suspend);
		try {
			target.kill(0, 'SIGTSTP');
		} finally {
			suspending = false;
			if (!disposed) {
				target.on('SIGTSTP', suspend);
				terminal.setRawMode(true);
				terminal.write(enterScreen);
				terminal.repaint();
				resumed = true;
			}
		}
	};

	const onContinue = () => {
		if (resumed) {
			resumed = false;
			return;
		}
		// Stopped by something else (SIGSTOP): the shell may have set its own modes meanwhile; raw mode is applied
		// again (off, then on: the same mode twice is skipped) and everything redrawn.
		terminal.setRawMode(false);
		terminal.setRawMode(true);
		terminal.repaint();
	};

	let size = terminal.size();
	const onResize = () => {
		const now = terminal.size();
		if (now === size) terminal.repaint();
		size = now;
	};

	target.on('SIGTSTP', suspend);
	target.on('SIGCONT', onContinue);
	target.on('SIGWINCH', onResize);
	return {
		suspend,
		dispose() {
			disposed = true;
			target.off('SIGTSTP', suspend);
			target.off('SIGCONT', onContinue);
			target.off('SIGWINCH', onResize);
		},
	};
}
