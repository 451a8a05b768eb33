// Every flag, once: this table makes meow's spec, the `--help` text and the README's flag list (a test keeps the
// README in step), and the type of the parsed flags that options.ts resolves.

import {hintsFor} from '../ui/keymap.js';

interface FlagRow {
	/** The flag as meow names it (camelCase); the command line spells it in kebab-case. */
	readonly name: string;
	readonly type: 'string' | 'boolean';
	/** The flag and its argument as written in the help, e.g. `--region R[,R…]`. */
	readonly usage: string;
	readonly description: string;
	readonly default?: boolean;
}

export const flags = [
	{name: 'region', type: 'string', usage: '--region R[,R…]', description: "AWS region(s) (else AWS_REGION, AWS_DEFAULT_REGION, the profile's region)"},
	{name: 'profile', type: 'string', usage: '--profile P[,P…]', description: 'profile(s) from ~/.aws/config; several regions/profiles are watched together'},
	{name: 'endpoint', type: 'string', usage: '--endpoint URL', description: "EC2 endpoint (else AWS_ENDPOINT_URL_EC2 or the profile's endpoint_url)"},
	{name: 'interval', type: 'string', usage: '--interval S', description: 'seconds between polls (default 10, at least 1; --demo: 2)'},
	{name: 'state', type: 'string', usage: '--state LIST', description: 'fetch only these states: active,completed,deleting,deleted'},
	{name: 'taskIds', type: 'string', usage: '--task-ids LIST', description: 'fetch only these import task ids'},
	{
		name: 'pageSize',
		type: 'string',
		usage: '--page-size N',
		description: 'tasks per request (MaxResults, 1–1000); by default none is sent, as the AWS CLI does',
	},
	{name: 'maxItems', type: 'string', usage: '--max-items N', description: 'at most N tasks per poll (the header says when the list is cut)'},
	{name: 'kind', type: 'string', usage: '--kind LIST', description: 'which imports to watch: image,snapshot (default both)'},
	{name: 'allowCancel', type: 'boolean', usage: '--allow-cancel', description: 'let x cancel the selected active import (asks first); read-only otherwise'},
	{name: 'once', type: 'boolean', usage: '--once', description: 'fetch once, print a table and exit'},
	{name: 'json', type: 'boolean', usage: '--json', description: 'with --once: print the normalised tasks as JSON'},
	{name: 'demo', type: 'boolean', usage: '--demo', description: 'run against the embedded simulator on 127.0.0.1 (no AWS account needed)'},
	{name: 'check', type: 'boolean', usage: '--check', description: 'check credentials, region and permissions: a DryRun call per kind; exit 0 or 1'},
	{name: 'stuckAfter', type: 'string', usage: '--stuck-after D', description: 'mark an active task stuck when nothing changed for D (default 30m; 90s, 2h …)'},
	{name: 'journal', type: 'string', usage: '--journal FILE', description: 'append every transition as a JSON line (schema: docs/scripting.md)'},
	{
		name: 'history',
		type: 'boolean',
		usage: '--no-history',
		description: 'keep no history (by default kept in $XDG_STATE_HOME/ec2-import-watch, for restarts)',
		default: true,
	},
	{name: 'notify', type: 'string', usage: '--notify LIST', description: 'bell,osc9,osc777: notify when a task completes, fails or gets stuck'},
	{
		name: 'onEvent',
		type: 'string',
		usage: '--on-event CMD',
		description: 'run CMD (/bin/sh -c) for every transition, the event as JSON on stdin (docs/scripting.md)',
	},
	{name: 'onEventTimeout', type: 'string', usage: '--on-event-timeout S', description: 'seconds a hook may run before it is killed (default 30)'},
	{
		name: 'untilDone',
		type: 'boolean',
		usage: '--until-done',
		description: 'exit when no import is still going: 0 all completed, 1 any deleted or unknown, 2 on an error',
	},
	{name: 'color', type: 'boolean', usage: '--no-color', description: 'no colours (also NO_COLOR=1; FORCE_COLOR forces them)', default: true},
] as const satisfies readonly FlagRow[];

type Flag = (typeof flags)[number];

/** The flags as meow parses them: a string flag gives a string, a boolean flag a boolean, each maybe absent. */
export type RawFlags = {[Row in Flag as Row['name']]?: Row['type'] extends 'string' ? string : boolean};

/** meow's `flags` option. */
export const flagSpec = Object.fromEntries(flags.map((row) => [row.name, 'default' in row ? {type: row.type, default: row.default} : {type: row.type}])) as {
	[Row in Flag as Row['name']]: Row extends {readonly default: infer Default} ? {type: Row['type']; default: Default} : {type: Row['type']};
};

/** The usage column of the flag list, wide enough for the longest usage and a gap of two. */
const usageWidth = Math.max(...flags.map((row) => row.usage.length)) + 2;

/** One line per flag, the usage padded to one column; `--help` indents them, the README shows them as they are. */
export function flagLines(): string[] {
	return flags.map((row) => `${row.usage.padEnd(usageWidth)}${row.description}`);
}

/** The README's flag list, between its flags markers. */
export function flagListMarkdown(): string {
	return ['```', ...flagLines(), '```'].join('\n');
}

/** The keys line of `--help`, from the keymap's list hints (arrows and ⌫ in words, | between, when not UTF-8). */
export function helpKeysLine(unicode: boolean): string {
	return hintsFor('list', unicode)
		.map(({label, hint}) => `${label} ${hint}`)
		.join(unicode ? ' · ' : ' | ');
}
