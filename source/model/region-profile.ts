// One region with the profile whose credentials reach it: what is watched, one pair or several at once.

export interface RegionProfile {
	region: string;
	profile?: string;
	/** The profile's endpoint_url, when --profile names one that has it. */
	endpoint?: string;
}

/** How a pair is named on screen and in lines: "eu-west-1", or "prod/eu-west-1" with a profile. */
export function pairLabel(pair: RegionProfile): string {
	return pair.profile === undefined ? pair.region : `${pair.profile}/${pair.region}`;
}
