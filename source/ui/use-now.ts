import {useEffect, useState} from 'react';
import type {Timers} from '../watch/poller.js';

/** Re-renders once a second on the second, so ages tick at most once a second; returns the time of this render. */
export function useNow<Handle>(timers: Timers<Handle>, everyMs = 1000): number {
	const [, setTick] = useState(() => timers.now());
	useEffect(() => {
		let handle: Handle | undefined;
		const arm = () => {
			const current = timers.now();
			handle = timers.setTimeout(
				() => {
					setTick(timers.now());
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
	return timers.now();
}
