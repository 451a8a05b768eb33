import {type ShellCallbacks, tellShell} from '../model/shell-news.js';
import type {WatchSession} from '../watch/watch-session.js';

// The shell's news (the summary's tasks, the journal and history writer, notifications, hooks, --until-done, a
// fault at start) as a subscriber of the watch session: told straight from the data, never through a screen.

/** Subscribes `callbacks` to the session's data; returns the unsubscribe. */
export function subscribeShellNews(session: WatchSession, callbacks: ShellCallbacks): () => void {
	let before = session.getSnapshot();
	return session.subscribe(() => {
		const after = session.getSnapshot();
		const was = before;
		before = after;
		tellShell(was, after, callbacks);
	});
}
