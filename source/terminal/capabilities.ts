// What the terminal can show, decided from the environment and the stream (cli.tsx passes them in).

export interface Capabilities {
	/** Draw the TUI (a TTY that is not TERM=dumb); otherwise plain lines. */
	tui: boolean;
	color: boolean;
	unicode: boolean;
	/** Redraw only what changed (Ink's incrementalRendering); `EC2_IMPORT_WATCH_RENDER=standard` turns it off (the bench's baseline). */
	incremental: boolean;
	/** Inside tmux: control strings we send (OSC 52, notifications) also go wrapped for passthrough. */
	tmux: boolean;
}

export function detectCapabilities(env: Record<string, string | undefined>, isTty: boolean, noColorFlag: boolean): Capabilities {
	const dumb = env.TERM === 'dumb';
	const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
	const noColor = (env.NO_COLOR !== undefined && env.NO_COLOR !== '') || noColorFlag;
	const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
	return {
		tui: isTty && !dumb,
		color: !noColor && (forced || (isTty && !dumb)),
		unicode: /utf-?8/i.test(locale),
		incremental: env.EC2_IMPORT_WATCH_RENDER !== 'standard',
		tmux: (env.TMUX ?? '') !== '',
	};
}
