import {readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {join} from 'node:path';

// Settings of a profile, read from the shared config file: its `region`, so a missing region is reported at
// start-up without loading the SDK, and its `endpoint_url`, which the JS SDK ignores for a profile named in the
// client's config (it honours it only for AWS_PROFILE). The SDK itself reads everything else.

function readOr(file: string, fallback: string): string {
	try {
		return readFileSync(file, 'utf8');
	} catch {
		return fallback;
	}
}

/** Whether a profile is defined in the shared config or credentials file (the SDK only says "could not load"). */
export function profileExists(env: Record<string, string | undefined>, profile: string): boolean {
	const config = readOr(env.AWS_CONFIG_FILE ?? join(homedir(), '.aws', 'config'), '');
	const credentials = readOr(env.AWS_SHARED_CREDENTIALS_FILE ?? join(homedir(), '.aws', 'credentials'), '');
	const sections = (text: string) => [...text.matchAll(/^\s*\[\s*(.+?)\s*\]/gm)].map((match) => match[1]);
	return sections(config).some((name) => name === `profile ${profile}` || name === profile) || sections(credentials).includes(profile);
}

/** The settings of a profile that the watcher reads itself. */
export type ProfileKey = 'region' | 'endpoint_url' | 'credential_process';

export function profileSetting(env: Record<string, string | undefined>, profile: string | undefined, key: ProfileKey): string | undefined {
	const file = env.AWS_CONFIG_FILE ?? join(homedir(), '.aws', 'config');
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}
	const name = profile ?? env.AWS_PROFILE ?? 'default';
	return iniValue(text, name === 'default' ? ['default', 'profile default'] : [`profile ${name}`, name], key);
}

export function iniValue(text: string, sections: readonly string[], key: string): string | undefined {
	let inSection = false;
	for (const raw of text.split(/\r?\n/)) {
		const line = raw.replace(/[#;].*$/, '').trim();
		const header = /^\[\s*(.+?)\s*\]$/.exec(line);
		if (header !== null) {
			inSection = sections.includes(header[1] ?? '');
			continue;
		}
		if (!inSection) continue;
		const pair = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
		if (pair !== null && pair[1] === key && pair[2] !== undefined && pair[2] !== '') return pair[2];
	}
	return undefined;
}
