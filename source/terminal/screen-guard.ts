// Gives the terminal back however the TUI ends. Ink restores the screen when it unmounts; this covers an
// uncaught error or rejection (outside React) and an unmount that itself fails.

/** Bracketed paste (a paste arrives between ESC[200~ and ESC[201~, never as keys): on while the TUI is up. */
export const bracketedPasteOn = '\u001B[?2004h';
export const bracketedPasteOff = '\u001B[?2004l';

/** End a synchronised update, bracketed paste off, leave the alternate screen, show the cursor, reset colours. */
export const restoreSequence = `\u001B[?2026l${bracketedPasteOff}\u001B[?1049l\u001B[?25h\u001B[0m`;

export interface GuardedIo {
	stdout: NodeJS.WriteStream;
	stdin: NodeJS.ReadStream;
}

/** Writes the restore sequence and turns raw mode off, ignoring a terminal that is already gone. */
export function restoreTerminal(io: GuardedIo): void {
	try {
		io.stdout.write(restoreSequence);
	} catch {}
	try {
		if (io.stdin.isTTY) io.stdin.setRawMode(false);
	} catch {}
}

/**
 * Calls `onFatal` once on the first uncaught exception or unhandled rejection while installed (instead of
 * node's default crash, which would leave the terminal in the alternate screen with raw mode on).
 * Returns the uninstaller.
 */
export function onFatalError(onFatal: (error: unknown) => void): () => void {
	let fired = false;
	const handler = (error: unknown) => {
		if (fired) return;
		fired = true;
		onFatal(error);
	};
	process.on('uncaughtException', handler);
	process.on('unhandledRejection', handler);
	return () => {
		process.off('uncaughtException', handler);
		process.off('unhandledRejection', handler);
	};
}

export function errorLine(error: unknown): string {
	const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
	return text.split('\n')[0] ?? 'unexpected error';
}
