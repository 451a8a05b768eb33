import type {FaultKind, PollFault} from '../model/poll-events.js';
import {sanitize} from '../text/sanitize.js';
import {readLimitName} from './read-limits.js';

// Turns whatever a poll threw into a PollFault the screen can show and the poller can back off on.
// Pure and SDK-free: errors are read structurally (the SDK gives EC2 errors `name` and `Code`,
// `$fault`, `$metadata.httpStatusCode`; Node socket errors carry `code`; non-XML bodies give a plain
// Error "XML parse error … inspect $response").

export interface ErrorContext {
	/** The profile in use, for the `aws sso login --profile NAME` hint. */
	profile?: string;
	/** Profiles whose credentials come from a `credential_process` command (not SSO): their hint says so. */
	processProfiles?: string[];
	/** Which of the environment's key pair is set: both, or one (the other is missing); undefined for neither. */
	envKeys?: 'both' | 'AWS_ACCESS_KEY_ID' | 'AWS_SECRET_ACCESS_KEY';
}

/** What the credential hints need to know of the environment: the profile (--profile or AWS_PROFILE) and the key pair. */
export function credentialContext(env: Record<string, string | undefined>, profile: string | undefined): ErrorContext {
	const id = (env.AWS_ACCESS_KEY_ID ?? '') !== '';
	const secret = (env.AWS_SECRET_ACCESS_KEY ?? '') !== '';
	const named = profile ?? (env.AWS_PROFILE === '' ? undefined : env.AWS_PROFILE);
	const envKeys = id && secret ? 'both' : id ? 'AWS_ACCESS_KEY_ID' : secret ? 'AWS_SECRET_ACCESS_KEY' : undefined;
	return {...(named === undefined ? {} : {profile: named}), ...(envKeys === undefined ? {} : {envKeys})};
}

const describeAction = 'ec2:DescribeImportImageTasks';

/** The IAM action a failed call needed, when it was not DescribeImportImageTasks (set by the source that made it). */
const refusedActions = new WeakMap<object, string>();

/** Says which call `error` came from, so a permission fault names the right IAM action. */
export function markAction(error: unknown, action: string): void {
	if (typeof error === 'object' && error !== null) refusedActions.set(error, action);
}
const maxMessageLength = 200;

const throttledCodes = new Set([
	'RequestLimitExceeded',
	'Throttling',
	'ThrottlingException',
	'ThrottledException',
	'EC2ThrottledException',
	'RequestThrottled',
	'RequestThrottledException',
	'TooManyRequestsException',
]);

const credentialsCodes = new Set([
	'ExpiredToken',
	'ExpiredTokenException',
	'RequestExpired',
	'AuthFailure',
	'InvalidClientTokenId',
	'UnrecognizedClientException',
	'SignatureDoesNotMatch',
	'InvalidAccessKeyId',
	'InvalidToken',
	'MissingAuthenticationToken',
	'CredentialsProviderError',
	'TokenProviderError',
	// The SSO portal's answer to an expired or revoked session.
	'UnauthorizedException',
]);

const permissionCodes = new Set(['UnauthorizedOperation', 'OptInRequired', 'Blocked']);

const serverCodes = new Set([
	'InternalError',
	'InternalFailure',
	'InternalServerError',
	'ServerInternal',
	'Unavailable',
	'ServiceUnavailable',
	'ServiceUnavailableException',
]);

const networkCodes = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ECONNABORTED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'EHOSTDOWN',
	'ENETUNREACH',
	'ENETDOWN',
	'EPIPE',
	'EADDRNOTAVAIL',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_CONNECT_TIMEOUT',
	'UND_ERR_SOCKET',
	'CERT_HAS_EXPIRED',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Names that say nothing about the failure: the code or the message must. */
const genericNames = new Set(['Error', 'Unknown', 'UnknownError', 'TypeError', 'SyntaxError']);

const credentialsMessage =
	/could not load credentials|unable to locate credentials|could not resolve credentials|sso.*(expired|refresh|invalid|session)|token.*(expired|refresh)|session.*expired/i;
const unreadableMessage =
	/xml parse error|deserialization error|unexpected end|not well-formed|unclosed|missing closing tag|unexpected content|invalid character|<html|<!doctype/i;

interface ErrorShape {
	/** The EC2 error code, or a telling error name. */
	code?: string;
	/** Node or socket error codes found on the error, its cause, or an AggregateError's errors. */
	nodeCodes: string[];
	name?: string;
	fault?: string;
	status?: number;
	message: string;
	/** The IAM action the call needed (ec2:…). */
	action: string;
}

function field(value: unknown, key: string): unknown {
	return typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
}

function stringField(value: unknown, key: string): string | undefined {
	const found = field(value, key);
	return typeof found === 'string' && found !== '' ? found : undefined;
}

function nodeCodesOf(error: unknown, depth = 0): string[] {
	if (depth > 3 || typeof error !== 'object' || error === null) {
		return [];
	}
	const own = stringField(error, 'code');
	const nested = field(error, 'errors');
	const children = Array.isArray(nested) ? nested : [];
	return [
		...(own === undefined ? [] : [own]),
		...nodeCodesOf(field(error, 'cause'), depth + 1),
		...children.flatMap((child: unknown) => nodeCodesOf(child, depth + 1)),
	];
}

function readShape(error: unknown): ErrorShape {
	const name = stringField(error, 'name');
	const status = field(field(error, '$metadata'), 'httpStatusCode');
	const message = stringField(error, 'message') ?? (typeof error === 'string' ? error : undefined);
	const raw = stringField(error, 'Code') ?? (name !== undefined && !genericNames.has(name) ? name : undefined);
	// The code is the endpoint's word too: shown in the header and in every fault line.
	const code = raw === undefined ? undefined : flatErrorText(raw, 64);
	return {
		code,
		nodeCodes: nodeCodesOf(error),
		name,
		fault: stringField(error, '$fault'),
		status: typeof status === 'number' ? status : undefined,
		message: message ?? String(error),
		action: typeof error === 'object' && error !== null ? (refusedActions.get(error) ?? describeAction) : describeAction,
	};
}

/** Error text from the SDK or the endpoint as one line, no control characters, at most ~200 characters. */
export function flatErrorText(text: string, max = maxMessageLength): string {
	// Drop the SDK's "Deserialization error: … inspect $response" advice: it speaks to a programmer.
	// Also drop the SDK's own prefixes ("@smithy/node-http-handler - [ERROR] ", "@aws-sdk ").
	// The one sanitiser first: fault text comes from the endpoint (bidi overrides, escape sequences, …).
	const flat = sanitize(text, {maxLength: Number.POSITIVE_INFINITY})
		.replace(/\s*Deserialization error: to see the raw response[\s\S]*$/, '')
		.replace(/@(?:smithy|aws-sdk)(?:\/[\w-]+)?(?: - \[\w+\])?\s*/g, '')
		.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

function credentialsHint(code: string | undefined, context: ErrorContext): string {
	const {profile, envKeys} = context;
	if (code === 'RequestExpired') {
		return 'the request was signed too long ago: check the system clock';
	}
	if (code === 'SignatureDoesNotMatch') {
		return 'the secret access key does not match the key id: check the credentials';
	}
	if (envKeys === 'AWS_ACCESS_KEY_ID' || envKeys === 'AWS_SECRET_ACCESS_KEY') {
		const missing = envKeys === 'AWS_ACCESS_KEY_ID' ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID';
		return `${missing} is not set but ${envKeys} is: set both, or neither and use --profile`;
	}
	if (profile !== undefined && context.processProfiles?.includes(profile) === true) {
		return `the credential_process command of profile ${profile} failed or gave keys that are not accepted: run it yourself to see why`;
	}
	if (profile !== undefined) {
		return `run: aws sso login --profile ${profile} (or refresh that profile's keys)`;
	}
	if (envKeys === 'both') {
		// A running process cannot see new values of its own environment.
		return 'the keys come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: restart with fresh ones, or use --profile (re-read on every retry)';
	}
	if (context.processProfiles?.includes('default') === true) {
		return 'the credential_process command of the default profile failed or gave keys that are not accepted: run it yourself to see why';
	}
	return 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, use --profile, run aws sso login, or try --demo';
}

/** Credentials are read again before each retry, except keys from the environment (see credentialsHint). */
function credentialsRetry(context: ErrorContext): {retryNote?: string} {
	if (context.profile === undefined) return {};
	return {retryNote: context.processProfiles?.includes(context.profile) === true ? 'the next poll runs it again' : 'the next poll picks them up'};
}

function isUnknownTaskId(code: string | undefined): boolean {
	return code?.startsWith('InvalidConversionTaskId') === true;
}

function kindOf(shape: ErrorShape): FaultKind {
	const {code, nodeCodes, name, fault, status, message} = shape;
	if (name === 'AbortError') {
		return 'timeout';
	}
	if (code !== undefined) {
		if (throttledCodes.has(code)) return 'throttled';
		if (credentialsCodes.has(code)) return 'credentials';
		if (permissionCodes.has(code) || code.startsWith('AccessDenied')) return 'permission';
		if (serverCodes.has(code)) return 'server';
		if (isUnknownTaskId(code)) return 'request';
	}
	if (name === 'TimeoutError' || nodeCodes.some((nodeCode) => networkCodes.has(nodeCode))) {
		return 'network';
	}
	if (/socket hang up|network socket disconnected/i.test(message)) {
		return 'network';
	}
	if (credentialsMessage.test(message)) {
		return 'credentials';
	}
	if (status === 429) {
		return 'throttled';
	}
	if (fault === 'server' || (status !== undefined && status >= 500) || unreadableMessage.test(message)) {
		return 'server';
	}
	if (fault === 'client' || (status !== undefined && status >= 400)) {
		return 'request';
	}
	// Something we did not foresee: treat it as passing trouble and back off like a server fault.
	return 'server';
}

function codeLabel(shape: ErrorShape): string | undefined {
	return shape.code ?? shape.nodeCodes[0];
}

function describeFault(kind: FaultKind, shape: ErrorShape, context: ErrorContext): PollFault {
	const code = codeLabel(shape);
	const tagged = (text: string) => flatErrorText(code === undefined ? text : `${text} (${code})`);
	// The SDK names an error with an empty or non-XML body "Unknown", with the message "Unknown".
	const detail = shape.message === 'Unknown' ? 'an empty or unreadable error body' : flatErrorText(shape.message);
	switch (kind) {
		case 'throttled':
			return {
				kind,
				code,
				message: tagged('EC2 is throttling requests; polling more slowly'),
				hint: 'other tools using this account and region share the same request quota',
			};
		case 'network':
			return {
				kind,
				code,
				message: flatErrorText(`cannot reach EC2: ${detail}`),
				hint: 'check the network, VPN or proxy, and the endpoint',
			};
		case 'credentials':
			return {
				kind,
				code,
				message: flatErrorText(`AWS credentials are missing, expired or not accepted: ${detail}`),
				hint: credentialsHint(shape.code, context),
				...credentialsRetry(context),
			};
		case 'permission':
			return {
				kind,
				code,
				message: tagged(`not allowed to call ${shape.action}`),
				hint: `ask for an IAM policy that allows ${shape.action}`,
				action: shape.action,
			};
		case 'server': {
			const status = shape.status === undefined ? '' : ` (HTTP ${shape.status})`;
			const unreadable = unreadableMessage.test(shape.message);
			const text = unreadable ? `EC2 sent an answer that could not be read${status}: ${detail}` : `EC2 had a problem${status}: ${detail}`;
			return {kind, code, message: flatErrorText(text), hint: 'usually passes', retryNote: 'the next poll retries'};
		}
		case 'timeout':
			return {kind, code, message: flatErrorText(`the request was cancelled: ${detail}`)};
		case 'request':
			if (isUnknownTaskId(shape.code)) {
				return {
					kind,
					code,
					message: 'an import task id is unknown or expired',
					hint: 'check the task ids; EC2 keeps ended tasks for 7 days',
				};
			}
			return {kind, code, message: tagged(`EC2 refused the request: ${detail}`)};
		default: {
			const unknownKind: never = kind;
			throw new Error(`unknown fault kind ${String(unknownKind)}`);
		}
	}
}

export function classifyError(error: unknown, context: ErrorContext = {}): PollFault {
	const shape = readShape(error);
	// One of our own read limits (read-limits.ts): said as what it is, not as a problem of EC2's.
	if (shape.name === readLimitName) {
		return {
			kind: 'server',
			code: readLimitName,
			message: flatErrorText(shape.message),
			hint: 'the endpoint sent far more than EC2 does',
			retryNote: 'the next poll retries',
		};
	}
	return describeFault(kindOf(shape), shape, context);
}
