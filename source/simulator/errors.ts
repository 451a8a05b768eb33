// One class per EC2 error code, each with the HTTP status EC2 answers it with
// (client errors 400, UnauthorizedOperation 403, DryRunOperation 412 as moto and EC2 answer it,
// RequestLimitExceeded 503 as botocore's retry table has it). Handlers throw these; server.ts
// renders the EC2 error envelope.

export abstract class Ec2Error extends Error {
	constructor(
		readonly code: string,
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

/** DryRun=true on a request that would have succeeded. */
export class DryRunOperation extends Ec2Error {
	constructor() {
		super('DryRunOperation', 412, 'Request would have succeeded, but DryRun flag is set.');
	}
}

export class UnauthorizedOperation extends Ec2Error {
	constructor() {
		super('UnauthorizedOperation', 403, 'You are not authorized to perform this operation.');
	}
}

export class InvalidParameterValue extends Ec2Error {
	constructor(message: string) {
		super('InvalidParameterValue', 400, message);
	}
}

/**
 * A NextToken this endpoint did not hand out (or, on EC2, one that expired): the code and wording of EC2's own
 * error-code list (API Reference, "Error codes"). botocore's EC2 model names no errors at all, so the AWS CLI
 * shows the code as sent: `An error occurred (InvalidPaginationToken) when calling …`.
 */
export class InvalidPaginationToken extends Ec2Error {
	constructor() {
		super('InvalidPaginationToken', 400, 'The specified pagination token is not valid or is expired.');
	}
}

export class UnknownParameter extends Ec2Error {
	constructor(name: string) {
		super('UnknownParameter', 400, `The parameter ${name} is not recognized`);
	}
}

export class MissingParameter extends Ec2Error {
	constructor(name: string) {
		super('MissingParameter', 400, `The request must contain the parameter ${name}`);
	}
}

export class MissingAction extends Ec2Error {
	constructor() {
		super('MissingAction', 400, 'The request must contain the parameter Action');
	}
}

export class InvalidAction extends Ec2Error {
	constructor(action: string) {
		super('InvalidAction', 400, `The action ${action} is not valid for this web service.`);
	}
}

/**
 * EC2's answer for an import task id it does not know (any more): EC2's error list has
 * `InvalidConversionTaskId(.Malformed)` and no import-specific code, and Zuul's nodepool catches
 * this one for an import task "that no longer exists".
 */
export class InvalidConversionTaskIdMalformed extends Ec2Error {
	constructor(id: string) {
		super(
			'InvalidConversionTaskId.Malformed',
			400,
			`The conversion task ID '${id}' is malformed. Ensure that you've specified the ID in the form import-i-xxxxxxxx.`,
		);
	}
}

export class RequestLimitExceeded extends Ec2Error {
	constructor() {
		super('RequestLimitExceeded', 503, 'Request limit exceeded.');
	}
}

export class InternalError extends Ec2Error {
	constructor() {
		super('InternalError', 500, 'An internal error has occurred');
	}
}

export class ExpiredToken extends Ec2Error {
	constructor() {
		super('ExpiredToken', 400, 'The security token included in the request is expired');
	}
}

/** EC2's answer for a key id it does not accept (unknown, deactivated or expired). */
export class AuthFailure extends Ec2Error {
	constructor() {
		super('AuthFailure', 401, 'AWS was not able to validate the provided access credentials');
	}
}

/**
 * CancelImportTask on a task that is no longer active (completed, deleting or deleted). Assumed:
 * no public output shows EC2's answer; `IncorrectState` is the code EC2 uses for "this resource is
 * not in a state that allows the action" (e.g. on volumes and instances), with HTTP 400.
 */
export class IncorrectState extends Ec2Error {
	constructor(id: string, state: string) {
		super('IncorrectState', 400, `The import task '${id}' is in state '${state}' and cannot be canceled.`);
	}
}
