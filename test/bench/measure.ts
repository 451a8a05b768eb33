// Small measuring tools for the bench: medians, /proc readings, bytes in a time window of a pty.

import {readFileSync} from 'node:fs';
import {createEmulator} from '../helpers/emulator.js';
import type {Chunk} from '../helpers/term.js';

export function median(values: readonly number[]): number {
	const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
	if (sorted.length === 0) return Number.NaN;
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** user + system CPU time of a process, in ms (clock ticks are 1/100 s on Linux). */
export function cpuMs(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resident set size now and at its peak, in MB. */
export function memory(pid: number): {rssMb: number; peakMb: number} {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
	return {rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024};
}

export function bytesBetween(chunks: readonly Chunk[], from: number, to: number): number {
	return chunks.filter((chunk) => chunk.at >= from && chunk.at < to).reduce((sum, chunk) => sum + chunk.bytes.length, 0);
}

/** The first chunk at or after `at` after which the screen (as a terminal shows it, replaying every chunk from the
 * start) satisfies `shows`. Frames are cell diffs, so a poll's frame is told by what it puts on the screen, not by
 * text it happens to write: a frame that changes only the digits of the next poll's time holds no "next ". */
export async function firstChunkShowing(chunks: readonly Chunk[], at: number, shows: (screen: readonly string[]) => boolean): Promise<Chunk | undefined> {
	const emulator = createEmulator(120, 40);
	try {
		for (const chunk of chunks) {
			await emulator.write(chunk.bytes.toString('utf8'));
			if (chunk.at >= at && shows(emulator.screen())) return chunk;
		}
		return undefined;
	} finally {
		emulator.dispose();
	}
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** performance.now() of the next wall-clock second boundary plus `afterMs` (the app's clocks tick on the second). */
export function nextSecondPlus(afterMs: number): number {
	return performance.now() + (1000 - (Date.now() % 1000)) + afterMs;
}
