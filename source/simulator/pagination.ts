// Page tokens: a position in the store's stable order (the seq of the last task returned),
// signed so a token that is not ours is refused rather than misread. Because the position is a
// task's place in creation order, not an index, tasks arriving or expiring between two page
// requests cannot make the next page skip or repeat a task.

import {createHmac, timingSafeEqual} from 'node:crypto';
import {InvalidPaginationToken} from './errors.js';
import type {Entry} from './store.js';

export const maxPageSize = 1000;

export interface TokenCodec {
	encode(seq: number): string;
	/** The seq after which the next page starts; throws InvalidPaginationToken for a foreign token. */
	decode(token: string): number;
}

/** `kind` keeps one call's tokens from being taken by another (a snapshot token names no image task). */
export function tokenCodec(seed: number, kind = ''): TokenCodec {
	const sign = (payload: string) => createHmac('sha256', `ec2-import-watch simulator ${seed}${kind}`).update(payload).digest().subarray(0, 12);
	return {
		encode(seq) {
			const payload = `v1:${seq}`;
			return Buffer.concat([Buffer.from(payload), Buffer.from(':'), sign(payload)]).toString('base64');
		},
		decode(token) {
			const bytes = Buffer.from(token, 'base64');
			const text = bytes.toString('latin1');
			const match = /^(v1:(\d{1,15})):/.exec(text);
			if (match?.[1] === undefined || Buffer.from(token, 'base64').toString('base64') !== token) throw new InvalidPaginationToken();
			const mac = bytes.subarray(match[0].length);
			const expected = sign(match[1]);
			if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) throw new InvalidPaginationToken();
			return Number(match[2]);
		},
	};
}

export interface Page<T> {
	entries: Entry<T>[];
	nextToken?: string;
}

/** `entries` newest first (descending seq). Without maxResults everything is one page. */
export function paginate<T>(entries: readonly Entry<T>[], codec: TokenCodec, maxResults?: number, token?: string): Page<T> {
	const after = token === undefined ? Number.POSITIVE_INFINITY : codec.decode(token);
	const rest = entries.filter((entry) => entry.seq < after);
	const size = maxResults === undefined ? rest.length : Math.min(maxResults, maxPageSize);
	const page = rest.slice(0, size);
	const last = page.at(-1);
	if (rest.length > page.length && last !== undefined) {
		return {entries: page, nextToken: codec.encode(last.seq)};
	}
	return {entries: page};
}
