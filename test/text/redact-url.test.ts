import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {redactUrl, redactUrlsInText} from '../../source/text/redact-url.js';

const presigned =
	'https://imports.s3.us-east-1.amazonaws.com/vm/disk1.vmdk?X-Amz-Algorithm=AWS4-HMAC-SHA256' +
	'&X-Amz-Credential=ASIAEXAMPLE%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z' +
	'&X-Amz-Expires=604800&X-Amz-Security-Token=FwoGZXIvYXdzEXAMPLE&X-Amz-SignedHeaders=host' +
	'&X-Amz-Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

describe('redactUrl', () => {
	const cases: Array<[string, string, string]> = [
		['presigned S3 URL', presigned, 'https://imports.s3.us-east-1.amazonaws.com/vm/disk1.vmdk?…'],
		['s3:// URL without query is kept', 's3://my-bucket/vms/disk1.vmdk', 's3://my-bucket/vms/disk1.vmdk'],
		['s3:// URL with a query', 's3://my-bucket/disk1.vmdk?versionId=abc', 's3://my-bucket/disk1.vmdk?…'],
		['fragment only', 'https://example.com/page#secret', 'https://example.com/page#…'],
		['fragment before a question mark', 'https://example.com/p#a?b', 'https://example.com/p#…'],
		['empty query', 'https://example.com/p?', 'https://example.com/p?…'],
		['upper-case scheme', 'HTTPS://Example.com/p?X-Amz-Signature=abc', 'HTTPS://Example.com/p?…'],
		['user info', 'https://AKIA:secret@example.com/p', 'https://…@example.com/p'],
		['user info and query', 'ftp://user:pw@host?x=1', 'ftp://…@host?…'],
		['@ in the path is not user info', 'https://example.com/a@b', 'https://example.com/a@b'],
		['plain key', 'vms/disk1.vmdk', 'vms/disk1.vmdk'],
		['empty', '', ''],
		[
			'not a URL but with X-Amz- parameters',
			'bucket/key?X-Amz-Signature=abc123&foo=bar&x-amz-security-token=tok',
			'bucket/key?X-Amz-Signature=…&foo=bar&x-amz-security-token=…',
		],
		['SigV2 parameters', 'AWSAccessKeyId=AKIA1&Expires=1&Signature=zz%2B', 'AWSAccessKeyId=…&Expires=1&Signature=…'],
	];
	for (const [name, input, expected] of cases) {
		it(name, () => {
			assert.equal(redactUrl(input), expected);
		});
	}

	it('never leaves a signature, credential or token', () => {
		for (const text of [redactUrl(presigned), redactUrlsInText(`see ${presigned}, then retry`)]) {
			assert.doesNotMatch(text, /0123456789abcdef|ASIAEXAMPLE|FwoGZXIv/);
		}
	});
});

describe('redactUrlsInText', () => {
	const cases: Array<[string, string, string]> = [
		[
			'URL in a status message, trailing full stop kept',
			`ClientError: Disk validation failed for ${presigned}. Retry.`,
			'ClientError: Disk validation failed for https://imports.s3.us-east-1.amazonaws.com/vm/disk1.vmdk?…. Retry.',
		],
		['URL in parentheses', '(see https://h.example/p?a=b)', '(see https://h.example/p?…)'],
		['two URLs', 'a https://x.example/1?s=1 b s3://bk/k?v=2 c', 'a https://x.example/1?… b s3://bk/k?… c'],
		['quoted URL', `url="https://x.example/p?s=1"`, `url="https://x.example/p?…"`],
		['stray parameter without a URL', 'bad X-Amz-Credential=AKIA/2026 here', 'bad X-Amz-Credential=… here'],
		['text without URLs is untouched', 'Pending: converting disk 1 of 2', 'Pending: converting disk 1 of 2'],
	];
	for (const [name, input, expected] of cases) {
		it(name, () => {
			assert.equal(redactUrlsInText(input), expected);
		});
	}

	it('is linear on hostile text', () => {
		const started = performance.now();
		for (const text of ['a.'.repeat(500_000), 'x-amz-'.repeat(200_000), 'https://'.repeat(100_000), 'b:/'.repeat(300_000)]) {
			redactUrlsInText(text);
			redactUrl(text);
		}
		assert.ok(performance.now() - started < 2000, 'took too long');
	});
});
