import {readFile} from 'node:fs/promises';
import type {Plugin} from 'esbuild';

// The AWS SDK's schema files (`@aws-sdk/client-*/dist-es/schemas/schemas_N.js`, ~1.3 MB for EC2) name every
// key through a string constant: `{ [_xN]: _m }`. A bundler must assume a computed key may run code, so it
// keeps every schema, used or not. Written as literal keys (`{ "xmlName": _m }`) the unused ones are pure
// and dropped: only the commands the app imports (and the shapes they reach) stay.

const schemaFile = /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/;

/** `const _xN = "xmlName";` and `const n0 = "com.amazonaws.ec2";` → their values, by name. */
export function stringConstants(source: string): Map<string, string> {
	const constants = new Map<string, string>();
	for (const match of source.matchAll(/^const ([\w$]+) = ("(?:[^"\\\n]|\\.)*");$/gm)) {
		const [, name, literal] = match;
		if (name !== undefined && literal !== undefined) constants.set(name, literal);
	}
	return constants;
}

/** Replaces `[name]:` with `"value":` wherever `name` is one of the file's string constants. */
export function literalKeys(source: string): {code: string; replaced: number} {
	const constants = stringConstants(source);
	let replaced = 0;
	const code = source.replace(/\[([\w$]+)\]:/g, (whole, name: string) => {
		const literal = constants.get(name);
		if (literal === undefined) return whole;
		replaced += 1;
		return `${literal}:`;
	});
	return {code, replaced};
}

export const literalSchemaKeys: Plugin = {
	name: 'literal-schema-keys',
	setup(build) {
		build.onLoad({filter: schemaFile}, async ({path}) => ({contents: literalKeys(await readFile(path, 'utf8')).code, loader: 'js'}));
	},
};
