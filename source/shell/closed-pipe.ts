// Plain output into a pipe whose reader has gone (`ec2-import-watch … | head -3`): node ignores SIGPIPE, so the
// next write fails with EPIPE, which unhandled is a stack trace and exit code 1. This ends the process quietly,
// with the code shells give a process killed by SIGPIPE (128 + 13), as `head` expects of what feeds it.

/** The exit code of a process ended by SIGPIPE, as shells report it. */
export const closedPipeExitCode = 141;

/**
 * Calls `exit` with 141 (once) when a write to one of `streams` finds the pipe closed (by default the process
 * ends there); later EPIPEs are ignored, other write errors are thrown as before. Returns the remover.
 */
export function exitOnClosedPipe(streams: readonly NodeJS.WritableStream[], exit: (code: number) => void = (code) => process.exit(code)): () => void {
	let closed = false;
	const onError = (error: unknown) => {
		if (error instanceof Error && 'code' in error && error.code === 'EPIPE') {
			if (!closed) exit(closedPipeExitCode);
			closed = true;
			return;
		}
		throw error;
	};
	for (const stream of streams) stream.on('error', onError);
	return () => {
		for (const stream of streams) stream.off('error', onError);
	};
}
