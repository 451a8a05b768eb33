// Cursor moves: the shortest one between two known places, and the absolute one every frame starts with.

/** Cursor position as the terminal has it; col undefined after the last column was written (pending wrap). */
export interface Place {
	row: number;
	col: number | undefined;
}

const count = (n: number) => (n === 1 ? '' : String(n));

/**
 * CUP to (row, col), in its shortest form: a row or column of 1 is left out (an empty parameter is the default,
 * 1, for every terminal since the VT100).
 */
export function absoluteMove(row: number, col: number): string {
	if (col === 0) return row === 0 ? '\u001B[H' : `\u001B[${row + 1}H`;
	return `\u001B[${row === 0 ? '' : row + 1};${col + 1}H`;
}

/**
 * The shortest way from `from` to (row, col): absolute, relative, next/previous line, or a carriage return.
 * From an unknown place (undefined) only an absolute move gets there.
 */
export function cursorMove(from: Place | undefined, row: number, col: number): string {
	const options = [absoluteMove(row, col)];
	if (from === undefined) return options[0]!;
	const across: string[] = [];
	if (from.col === col) across.push('');
	else {
		across.push(col === 0 ? '\r' : `\u001B[${col + 1}G`);
		if (from.col !== undefined) across.push(col > from.col ? `\u001B[${count(col - from.col)}C` : `\u001B[${count(from.col - col)}D`);
	}
	const down = row - from.row;
	if (down === 0) options.push(...across);
	else {
		const vertical = down > 0 ? `\u001B[${count(down)}B` : `\u001B[${count(-down)}A`;
		for (const move of across) options.push(vertical + move);
		options.push((down > 0 ? `\u001B[${count(down)}E` : `\u001B[${count(-down)}F`) + (col === 0 ? '' : `\u001B[${count(col)}C`));
	}
	return options.reduce((best, option) => (option.length < best.length ? option : best));
}
