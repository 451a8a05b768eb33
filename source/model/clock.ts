// The one clock type. Everything that waits or reads the time takes one of these, so tests can inject a fake
// (test/helpers/fake-timers.ts) and no timing logic needs a real sleep. The real clock is `realTimers` in watch/.

export interface Timers<Handle> {
	now(): number;
	setTimeout(fn: () => void, ms: number): Handle;
	clearTimeout(handle: Handle): void;
}
