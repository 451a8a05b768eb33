// Injected faults: pure decision per request, applied by server.ts.

import {AuthFailure, type Ec2Error, ExpiredToken, InternalError, RequestLimitExceeded, UnauthorizedOperation} from './errors.js';

export interface FaultSettings {
	throttle: number;
	failRate: number;
	latencyMs: number;
	deny: boolean;
	hangRate: number;
	garbageRate: number;
	truncateRate: number;
	/** After this many requests every request is refused; undefined = never. */
	expireCredentialsAfter: number | undefined;
	/** Requests signed with these access key ids are refused with AuthFailure. */
	rejectAccessKeys: readonly string[];
	/** These actions (e.g. DescribeImportSnapshotTasks) are answered 403 UnauthorizedOperation, the others as usual. */
	denyActions: readonly string[];
}

export const noFaults: FaultSettings = {
	throttle: 0,
	failRate: 0,
	latencyMs: 0,
	deny: false,
	hangRate: 0,
	garbageRate: 0,
	truncateRate: 0,
	expireCredentialsAfter: undefined,
	rejectAccessKeys: [],
	denyActions: [],
};

/** What to do with one request instead of (or to) its normal answer. */
export type Fault = {kind: 'none'} | {kind: 'error'; error: Ec2Error} | {kind: 'hang'} | {kind: 'garbage'} | {kind: 'truncate'};

/**
 * `roll` is one draw in [0, 1) per request. The fractions take consecutive slices of it in the
 * order hang, garbage, truncate, throttle, fail, so with fractions summing to at most 1 each one is
 * exactly its own share of requests, and an injected PRNG returning 0 once hits only the first fault set.
 */
export function pickFault(settings: FaultSettings, requestNumber: number, roll: number, accessKeyId?: string): Fault {
	if (accessKeyId !== undefined && settings.rejectAccessKeys.includes(accessKeyId)) return {kind: 'error', error: new AuthFailure()};
	const expiry = settings.expireCredentialsAfter;
	if (expiry !== undefined && requestNumber > expiry) return {kind: 'error', error: new ExpiredToken()};
	if (settings.deny) return {kind: 'error', error: new UnauthorizedOperation()};
	const slices: [number, () => Fault][] = [
		[settings.hangRate, () => ({kind: 'hang'})],
		[settings.garbageRate, () => ({kind: 'garbage'})],
		[settings.truncateRate, () => ({kind: 'truncate'})],
		[settings.throttle, () => ({kind: 'error', error: new RequestLimitExceeded()})],
		[settings.failRate, () => ({kind: 'error', error: new InternalError()})],
	];
	let edge = 0;
	for (const [fraction, fault] of slices) {
		edge += fraction;
		if (roll < edge) return fault();
	}
	return {kind: 'none'};
}

/** Checks option values; a wrong value is a programming error, so it throws. */
export function checkFaults(faults: Partial<FaultSettings>): void {
	for (const key of ['throttle', 'failRate', 'hangRate', 'garbageRate', 'truncateRate'] as const) {
		const value = faults[key];
		if (value !== undefined && !(value >= 0 && value <= 1)) throw new RangeError(`${key} must be a number from 0 to 1 (got ${value})`);
	}
	const {latencyMs, expireCredentialsAfter} = faults;
	if (latencyMs !== undefined && !(latencyMs >= 0 && Number.isFinite(latencyMs))) {
		throw new RangeError(`latencyMs must be a finite number >= 0 (got ${latencyMs})`);
	}
	if (expireCredentialsAfter !== undefined && !(Number.isInteger(expireCredentialsAfter) && expireCredentialsAfter >= 0)) {
		throw new RangeError(`expireCredentialsAfter must be an integer >= 0 (got ${expireCredentialsAfter})`);
	}
}

/** The access key id a SigV4 `Authorization` header names (`Credential=AKID/date/region/service/aws4_request`). */
export function signingKeyId(authorization: string | undefined): string | undefined {
	return /Credential=([^/,\s]+)\//.exec(authorization ?? '')?.[1];
}

/** A 200 page from something in front of EC2 that is not EC2: not XML (void tags, an entity XML lacks). */
export const garbageBody =
	'<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx&nbsp;proxy</center>\n</body>\n</html>\n';
