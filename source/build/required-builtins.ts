import type {Plugin} from 'esbuild';

// `import … from 'node:http'` in an ES module makes Node build the module's ESM facade, which reads every export
// of node:http, among them the WebSocket getter that loads all of undici: ~40 ms of a --demo start-up's first
// frame, and of the first poll (the SDK's handler imports node:http and node:https), on a loaded 2-core machine
// ~100 ms against ~10 ms for require('node:http'). Bundled, these imports get the module through require(), as a
// CommonJS program would: the exports named here are all the bundle imports by name (esbuild fails the build on
// any other), and nothing reads WebSocket.

const builtins = /^(?:node:)?(https?)$/;

export const requiredBuiltins: Plugin = {
	name: 'required-builtins',
	setup(build) {
		build.onResolve({filter: builtins}, (args) => ({path: `node:${builtins.exec(args.path)?.[1] ?? 'http'}`, namespace: 'required-builtin'}));
		build.onLoad({filter: /.*/, namespace: 'required-builtin'}, (args) => ({
			contents: [
				"import {createRequire} from 'node:module';",
				`const builtin = createRequire(import.meta.url)(${JSON.stringify(args.path)});`,
				'export default builtin;',
				'export const {Agent, createServer, request, get, globalAgent, STATUS_CODES} = builtin;',
			].join('\n'),
			loader: 'js',
		}));
	},
};
