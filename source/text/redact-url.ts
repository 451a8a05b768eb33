// Presigned S3 URLs carry credentials in their query string (X-Amz-Credential, X-Amz-Signature,
// X-Amz-Security-Token …). Nothing of a query string, fragment or user:password@ is ever shown.
// Redaction runs on the raw string, before sanitize(): a length cap applied first could cut a URL
// in the middle of its query and leave half a signature on screen.

export const redacted = '…';

// Names and schemes are bounded ({0,n}) so that a failed match costs a constant: linear on hostile text.
// scheme://… — s3://, https://, anything RFC 3986 calls a scheme.
const schemePrefix = /^[a-z][a-z\d+.-]{0,31}:\/\//i;
// Credential-bearing parameters outside a recognisable URL: X-Amz-*, SigV2's AWSAccessKeyId and Signature.
const credentialParameter = /\b(x-amz-[a-z\d-]{0,64}|awsaccesskeyid|signature)=[^&\s#]*/gi;
// A URL inside free text runs to whitespace or a quote.
const urlInText = /\b[a-z][a-z\d+.-]{0,31}:\/\/[^\s<>"'`]+/gi;
const trailingPunctuation = /[.,;:!?)\]}]+$/;

export function redactUrl(url: string): string {
	const scheme = schemePrefix.exec(url);
	if (scheme === null) return url.replace(credentialParameter, (_match, name: string) => `${name}=${redacted}`);

	const afterScheme = scheme[0].length;
	const query = url.indexOf('?', afterScheme);
	const fragment = url.indexOf('#', afterScheme);
	const cutAt = query < 0 ? fragment : fragment < 0 ? query : Math.min(query, fragment);
	const base = cutAt < 0 ? url : url.slice(0, cutAt);
	const tail = cutAt < 0 ? '' : cutAt === query ? `?${redacted}` : `#${redacted}`;
	return withoutUserInfo(base, afterScheme) + tail;
}

// https://user:secret@host/… → https://…@host/…
function withoutUserInfo(base: string, start: number): string {
	const slash = base.indexOf('/', start);
	const authorityEnd = slash < 0 ? base.length : slash;
	const at = base.lastIndexOf('@', authorityEnd - 1);
	if (at < start) return base;
	return `${base.slice(0, start)}${redacted}${base.slice(at)}`;
}

/** Redacts every URL found in free text (status messages), and stray credential parameters. */
export function redactUrlsInText(text: string): string {
	const urlsRedacted = text.replace(urlInText, (match) => {
		const punctuation = trailingPunctuation.exec(match)?.[0] ?? '';
		return redactUrl(match.slice(0, match.length - punctuation.length)) + punctuation;
	});
	return urlsRedacted.replace(credentialParameter, (_match, name: string) => `${name}=${redacted}`);
}
