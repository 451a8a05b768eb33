// `--help` and `--version` win over every other word on the line, as in git and npm: whatever else is given (other
// flags, a typo, a stray word), the help or the version is printed and nothing is requested. meow acts on them only
// when they stand alone. Help wins over version when both are given; words after `--` are not flags.

export type HelpRequest = 'help' | 'version';

/** Whether argv asks for the help or the version, or undefined. */
export function helpRequest(argv: readonly string[]): HelpRequest | undefined {
	const end = argv.indexOf('--');
	const words = end === -1 ? argv : argv.slice(0, end);
	if (words.includes('--help')) return 'help';
	if (words.includes('--version')) return 'version';
	return undefined;
}
