import {nearestWord} from '../text/nearest-word.js';

// Whether a region name is one an AWS partition could have, to say "the region name looks wrong" at start instead
// of a DNS failure (`ec2.eu-wset-1.amazonaws.com` does not resolve) read as a network fault.
//
// Patterns, not a list of regions: AWS opens regions every few months, and a list in the code would refuse the
// newest until the next release. Every region name is GEOGRAPHY-DIRECTION-NUMBER; the geographies are those of
// each partition's `regionRegex` in the SDK's partition table (@aws-sdk/core, util-endpoints partitions.js), and
// where that says `\w+` for the middle, only compass directions are used (no region has had another), so a typo
// there (`wset`, `esat`) is caught. A new geography (as `il` and `mx` were) needs a word here; until then
// `--endpoint https://ec2.REGION.amazonaws.com` makes the refusal a warning.

const geographies: Readonly<Record<string, readonly string[]>> = {
	aws: ['us', 'eu', 'ap', 'sa', 'ca', 'me', 'af', 'il', 'mx'],
	'aws-cn': ['cn'],
	'aws-us-gov': ['us-gov'],
	'aws-iso': ['us-iso'],
	'aws-iso-b': ['us-isob'],
	'aws-iso-e': ['eu-isoe'],
	'aws-iso-f': ['us-isof'],
	'aws-eusc': ['eusc-de'],
};
const knownGeographies = new Set(Object.values(geographies).flat());
const directions = ['north', 'south', 'east', 'west', 'central', 'northeast', 'northwest', 'southeast', 'southwest'];

/** The shape every region name has (`us-east-1`, `us-gov-west-1`, `eusc-de-east-1`); anything else is not a region name at all. */
export const regionShape = /^[a-z]{2,}(-[a-z0-9]+)+-\d+$/;

export type RegionCheck = {ok: true} | {ok: false; suggestion?: string};

/** Whether `name` fits a partition's pattern; if only its direction is misspelt, the name it was likely meant to be. */
export function checkRegionName(name: string): RegionCheck {
	const match = /^(.+)-([a-z]+)-(\d+)$/.exec(name);
	if (match === null) return {ok: false};
	const [, geography = '', direction = '', number = ''] = match;
	if (!knownGeographies.has(geography)) return {ok: false};
	if (directions.includes(direction)) return {ok: true};
	const meant = nearestWord(direction, directions);
	return meant === undefined ? {ok: false} : {ok: false, suggestion: `${geography}-${meant}-${number}`};
}

/** One line for an error or a warning; `whence` says where the name came from (`--region`, `AWS_REGION` …). */
export function regionProblem(name: string, whence: string, check: {suggestion?: string}): string {
	const hint = check.suggestion === undefined ? 'e.g. us-east-1, eu-west-1, us-gov-west-1, cn-north-1' : `did you mean ${check.suggestion}?`;
	return `the region name "${name}" (${whence}) looks wrong: no AWS partition has a region named so (${hint})`;
}
