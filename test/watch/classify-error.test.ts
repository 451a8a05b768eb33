import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {classifyError, flatErrorText} from '../../source/watch/classify-error.js';

// Shapes copied from what @aws-sdk/client-ec2 3.1169 really throws (checked against a
// throwaway server): service errors are EC2ServiceException with name = Code, $fault and $metadata.

function serviceError(code: string, status: number, message: string) {
	return Object.assign(new Error(message), {
		name: code,
		Code: code,
		$fault: status >= 500 ? 'server' : 'client',
		$retryable: undefined,
		$metadata: {httpStatusCode: status, requestId: 'r-1', attempts: 1, totalRetryDelay: 0},
		Error: {Code: code, Message: message},
	});
}

function nodeError(code: string, message: string) {
	return Object.assign(new Error(message), {errno: -111, code, syscall: 'connect', $metadata: {}});
}

const deserialization = (what: string, status: number) =>
	Object.assign(
		new Error(
			`@aws-sdk XML parse error: ${what}.\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.`,
		),
		{$metadata: {httpStatusCode: status}},
	);

describe('classifyError: throttled', () => {
	for (const code of ['RequestLimitExceeded', 'Throttling', 'ThrottlingException', 'EC2ThrottledException']) {
		test(code, () => {
			const fault = classifyError(serviceError(code, 503, 'Request limit exceeded.'));
			assert.equal(fault.kind, 'throttled');
			assert.equal(fault.code, code);
			assert.equal(fault.message, `EC2 is throttling requests; polling more slowly (${code})`);
		});
	}

	test('a bare HTTP 429 is throttling', () => {
		const error = Object.assign(new Error('Unknown'), {name: 'Unknown', $fault: 'client', $metadata: {httpStatusCode: 429}});
		assert.equal(classifyError(error).kind, 'throttled');
	});
});

describe('classifyError: network', () => {
	for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']) {
		test(code, () => {
			const fault = classifyError(nodeError(code, `connect ${code} 127.0.0.1:1`));
			assert.equal(fault.kind, 'network');
			assert.equal(fault.code, code);
			assert.equal(fault.message, `cannot reach EC2: connect ${code} 127.0.0.1:1`);
		});
	}

	test('socket hang up', () => {
		assert.equal(classifyError(new Error('socket hang up')).kind, 'network');
	});

	test("the SDK request handler's TimeoutError", () => {
		const error = Object.assign(new Error('@smithy/node-http-handler - [ERROR] a request has exceeded the configured 500 ms requestTimeout.'), {
			name: 'TimeoutError',
			code: 'ETIMEDOUT',
			$metadata: {},
		});
		const fault = classifyError(error);
		assert.equal(fault.kind, 'network');
		assert.equal(fault.message, 'cannot reach EC2: a request has exceeded the configured 500 ms requestTimeout.');
	});

	test('a code on the cause or inside an AggregateError', () => {
		const aggregate = new AggregateError([nodeError('ECONNREFUSED', 'connect ECONNREFUSED ::1:1')], '');
		assert.equal(classifyError(aggregate).kind, 'network');
		assert.equal(classifyError(new Error('fetch failed', {cause: nodeError('ENOTFOUND', 'x')})).kind, 'network');
	});
});

describe('classifyError: credentials', () => {
	const codes = [
		'ExpiredToken',
		'ExpiredTokenException',
		'RequestExpired',
		'AuthFailure',
		'InvalidClientTokenId',
		'UnrecognizedClientException',
		'SignatureDoesNotMatch',
	];
	for (const code of codes) {
		test(code, () => {
			const fault = classifyError(serviceError(code, code === 'AuthFailure' ? 401 : 400, 'The security token included in the request is expired'));
			assert.equal(fault.kind, 'credentials');
			assert.equal(fault.code, code);
		});
	}

	test('no credentials anywhere: the hint lists the ways in', () => {
		const error = Object.assign(new Error('Could not load credentials from any providers'), {
			name: 'CredentialsProviderError',
			tryNextLink: false,
		});
		const fault = classifyError(error, {});
		assert.equal(fault.kind, 'credentials');
		assert.equal(fault.hint, 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, use --profile, run aws sso login, or try --demo');
	});

	test('an expired SSO token names the profile to log in with', () => {
		const error = Object.assign(new Error('The SSO session associated with this profile has expired or is otherwise invalid.'), {
			name: 'TokenProviderError',
			tryNextLink: false,
		});
		const fault = classifyError(error, {profile: 'prod-admin'});
		assert.equal(fault.kind, 'credentials');
		assert.match(fault.hint ?? '', /^run: aws sso login --profile prod-admin/);
	});

	test('an SSO message on a plain Error', () => {
		assert.equal(classifyError(new Error('SSO Token refresh failed. Please log in using "aws sso login"')).kind, 'credentials');
	});

	test('RequestExpired points at the clock', () => {
		assert.match(classifyError(serviceError('RequestExpired', 400, 'Request has expired.')).hint ?? '', /clock/);
	});
});

describe('classifyError: permission', () => {
	for (const code of ['UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException']) {
		test(code, () => {
			const fault = classifyError(serviceError(code, 403, 'You are not authorized to perform this operation.'));
			assert.equal(fault.kind, 'permission');
			assert.equal(fault.message, `not allowed to call ec2:DescribeImportImageTasks (${code})`);
			assert.match(fault.hint ?? '', /ec2:DescribeImportImageTasks/);
		});
	}
});

describe('classifyError: server', () => {
	test('InternalError', () => {
		const fault = classifyError(serviceError('InternalError', 500, 'An internal error has occurred'));
		assert.equal(fault.kind, 'server');
		assert.equal(fault.message, 'EC2 had a problem (HTTP 500): An internal error has occurred');
	});

	test('Unavailable', () => {
		assert.equal(classifyError(serviceError('Unavailable', 503, 'The service is unavailable')).kind, 'server');
	});

	test('an unknown code with a 5xx', () => {
		assert.equal(classifyError(serviceError('SomethingNew', 502, 'x')).kind, 'server');
	});

	test('an HTML or empty 5xx body (the SDK calls it "Unknown")', () => {
		const error = Object.assign(new Error('Unknown'), {name: 'Unknown', $fault: 'server', $metadata: {httpStatusCode: 502}});
		const fault = classifyError(error);
		assert.equal(fault.kind, 'server');
		assert.equal(fault.message, 'EC2 had a problem (HTTP 502): an empty or unreadable error body');
	});

	test('a body that is not XML', () => {
		const fault = classifyError(deserialization('unexpected content', 200));
		assert.equal(fault.kind, 'server');
		assert.equal(fault.message, 'EC2 sent an answer that could not be read (HTTP 200): XML parse error: unexpected content.');
	});

	test('a truncated body', () => {
		const fault = classifyError(deserialization('missing closing tag </importTaskId>', 200));
		assert.equal(fault.kind, 'server');
		assert.doesNotMatch(fault.message, /\n|inspect/);
	});

	test('anything unforeseen backs off like a server fault', () => {
		assert.equal(classifyError(new TypeError("Cannot read properties of undefined (reading 'x')")).kind, 'server');
		assert.equal(classifyError('a string').kind, 'server');
		assert.equal(classifyError(undefined).kind, 'server');
		assert.equal(classifyError({}).kind, 'server');
	});
});

describe('classifyError: timeout and request', () => {
	test('an AbortError is a timeout (the poller only lets a deadline abort through)', () => {
		const error = Object.assign(new Error('Request aborted'), {name: 'AbortError'});
		assert.equal(classifyError(error).kind, 'timeout');
	});

	test('InvalidParameterValue', () => {
		const fault = classifyError(serviceError('InvalidParameterValue', 400, "The filter 'foo' is invalid"));
		assert.equal(fault.kind, 'request');
		assert.equal(fault.message, "EC2 refused the request: The filter 'foo' is invalid (InvalidParameterValue)");
	});

	test('InvalidConversionTaskId.Malformed', () => {
		const fault = classifyError(serviceError('InvalidConversionTaskId.Malformed', 400, "The conversion task ID 'import-ami-x' is malformed."));
		assert.equal(fault.kind, 'request');
		assert.equal(fault.message, 'an import task id is unknown or expired');
	});
});

describe('flatErrorText', () => {
	test('flattens newlines and control characters and caps the length', () => {
		assert.equal(flatErrorText('a\n\tb\u001b[31mc\r\n'), 'a b\u241bc', 'an escape sequence is one ␛, as everywhere');
		const long = flatErrorText('x'.repeat(500));
		assert.equal(long.length, 200);
		assert.ok(long.endsWith('…'));
	});

	test('fault text from the endpoint passes the one sanitiser: no bidi override, no escape, in the message or the code', () => {
		const fault = classifyError(serviceError('Bad\u202eCode', 400, 'evil \u202etxt.exe\u200b \u009b31m'));
		assert.equal(/[\u202e\u200b\u009b]/.test(`${fault.message} ${fault.code}`), false, fault.message);
		assert.match(fault.message, /evil \ufffdtxt\.exe\ufffd/);
	});

	test('a long multi-line error message comes out as one short line', () => {
		const error = serviceError('InvalidParameterValue', 400, `line one\nline two\n${'y'.repeat(400)}`);
		const {message} = classifyError(error);
		assert.ok(message.length <= 200);
		assert.doesNotMatch(message, /\n/);
	});
});
