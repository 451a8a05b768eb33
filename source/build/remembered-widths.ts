import type {Plugin} from 'esbuild';

// Ink (and wrap-ansi, cli-truncate, slice-ansi under it) import `string-width` for every line of every frame.
// Bundled, each of those imports gets source/text/string-width-memo.ts instead, which answers the same widths
// from memory; only that file itself gets the real package.

const memoFile = new URL('../text/string-width-memo.ts', import.meta.url).pathname;

export const rememberedWidths: Plugin = {
	name: 'remembered-widths',
	setup(build) {
		build.onResolve({filter: /^string-width$/}, (args) => (args.importer === memoFile ? undefined : {path: memoFile}));
	},
};
