import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import type {ReactNode} from 'react';
import {useNow} from '../../source/ui/use-now.js';
import {createFakeTimers, type FakeTimers, settle} from '../helpers/fake-timers.js';

function Clock({timers, shown, onRender}: {timers: FakeTimers; shown?: (now: number) => unknown; onRender: () => void}): ReactNode {
	const now = useNow(timers, shown);
	onRender();
	return <Text>{shown === undefined ? now : String(shown(now))}</Text>;
}

async function rendersOver(seconds: number, shown?: (now: number) => unknown): Promise<{renders: number; frame: string}> {
	const timers = createFakeTimers(1_000_500);
	let renders = 0;
	const instance = render(<Clock timers={timers} shown={shown} onRender={() => renders++} />);
	await settle();
	renders = 0;
	await timers.advance(seconds * 1000);
	const frame = instance.lastFrame() ?? '';
	instance.unmount();
	return {renders, frame};
}

describe('useNow', () => {
	it('re-renders on every second by default', async () => {
		const {renders, frame} = await rendersOver(5);
		assert.equal(renders, 5);
		assert.equal(frame, '1005000', 'drawn at the last tick');
	});

	it('re-renders only when what is drawn from the time changes', async () => {
		const tens = (now: number) => `${Math.floor(now / 10_000) * 10}s`;
		const {renders, frame} = await rendersOver(25, tens);
		assert.equal(renders, 2, '1,010 s and 1,020 s');
		assert.equal(frame, '1020s');
	});
});
