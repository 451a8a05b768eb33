// How wide plain output (plain lines, --once) may be. Into a file or a pipe nobody reads it on a terminal:
// nothing is cut (a log keeps every failure reason whole). On a terminal: its width, or COLUMNS when that is set
// (as ls and most tools read it), or 80 when the terminal does not say.

const terminalFallbackWidth = 80;

export function outputWidth(stdout: Pick<NodeJS.WriteStream, 'isTTY' | 'columns'>, env: Record<string, string | undefined> = process.env): number {
	if (stdout.isTTY !== true) return Number.POSITIVE_INFINITY;
	const columns = Number(env.COLUMNS ?? '');
	if (env.COLUMNS !== undefined && Number.isInteger(columns) && columns > 0) return columns;
	return stdout.columns !== undefined && stdout.columns > 0 ? stdout.columns : terminalFallbackWidth;
}
