import {nearestWord} from '../text/nearest-word.js';
import {flags} from './flags.js';

// A flag the table does not have, said as it was typed (`-r`, `--regoin`, `--no-colour`), with the flag it most
// likely stands for. Read from argv itself: meow (yargs-parser) hands back `r`, `regoin` and `colour`.
//
// No short aliases: the AWS CLI, whose flags these mirror, has none, and one letter for --region would leave
// --profile and --page-size (both `p`) to quarrel over the next; a single letter is pointed at its long flags.

const kebab = (name: string): string => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
const camel = (name: string): string => name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** Every spelling the parser takes, without dashes: `region`, `task-ids`, `no-color`, and `--no-X` of a boolean. */
const longNames = ['help', 'version', ...flags.flatMap((row) => (row.type === 'boolean' ? [kebab(row.name), `no-${kebab(row.name)}`] : [kebab(row.name)]))];
/** The spellings shown in suggestions: those of the help (`--no-color`, not `--color`). */
const shownNames = ['help', 'version', ...flags.map((row) => row.usage.split(' ')[0]?.replace(/^--/, '') ?? '')];

const known = new Set(longNames.map(camel));

/** The flag meant: the one a typo away, else those that start with what was typed (`-r`, `--reg`); few or none. */
function suggestion(typed: string, short: boolean): string {
	const near = short ? undefined : nearestWord(typed, shownNames);
	const candidates = near === undefined ? shownNames.filter((name) => name.startsWith(typed)) : [near];
	if (candidates.length === 0 || candidates.length > 3) return '(see --help)';
	return `(did you mean ${candidates.map((name) => `--${name}`).join(' or ')}?)`;
}

/** The first unknown flag in `argv` as one line (`unknown flag -r (did you mean --region?)`), or undefined. */
export function unknownFlag(argv: readonly string[]): string | undefined {
	for (const word of argv) {
		if (word === '--') return undefined;
		// A value: a word, `-` alone, or a negative number.
		if (!word.startsWith('-') || word === '-' || /^-\d/.test(word)) continue;
		const typed = word.split('=')[0] ?? word;
		const short = !typed.startsWith('--');
		const name = typed.replace(/^--?/, '');
		if (!short && known.has(camel(name))) continue;
		return `unknown flag ${typed} ${suggestion(name, short)}`;
	}
	return undefined;
}
