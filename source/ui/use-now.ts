import {useEffect, useRef, useState} from 'react';
import type {Timers} from '../model/clock.js';

/**
 * Ticks once a second on the second, so ages change at most once a second; returns the time of this render.
 * A tick re-renders only when `shown(now)` — what the caller draws from the time — differs from what this render
 * drew (by default the time itself, so every tick): Ink lays out and draws the whole screen on every render, and a
 * tick that changes no text on screen would cost that for nothing.
 */
export function useNow<Handle>(timers: Timers<Handle>, shown: (now: number) => unknown = (now) => now, everyMs = 1000): number {
	const [, setTick] = useState(() => timers.now());
	const now = timers.now();
	const drawn = useRef<{shown: (now: number) => unknown; value: unknown}>({shown, value: undefined});
	useEffect(() => {
		drawn.current = {shown, value: shown(now)};
	});
	useEffect(() => {
		let handle: Handle | undefined;
		const arm = () => {
			const current = timers.now();
			handle = timers.setTimeout(
				() => {
					const at = timers.now();
					if (!Object.is(drawn.current.shown(at), drawn.current.value)) setTick(at);
					arm();
				},
				everyMs - (current % everyMs),
			);
		};
		arm();
		return () => {
			if (handle !== undefined) timers.clearTimeout(handle);
		};
	}, [timers, everyMs]);
	return now;
}
