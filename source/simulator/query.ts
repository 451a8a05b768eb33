// The EC2 Query protocol, request side: a form body (or a GET query string) to a typed request.
// Pure: throws the EC2 error a real endpoint would answer with.

import {type TaskState, taskStates} from './api-task.js';
import {InvalidParameterValue, MissingAction, MissingParameter, UnknownParameter} from './errors.js';

export interface Filter {
	name: string;
	values: string[];
}

export interface DescribeRequest {
	dryRun: boolean;
	/** Only `task-state` exists for this operation; values are already checked. */
	states: TaskState[][];
	importTaskIds: string[];
	maxResults?: number;
	nextToken?: string;
}

export interface CancelRequest {
	dryRun: boolean;
	importTaskId: string;
	cancelReason?: string;
}

/** Standard form decoding (`+` is a space, `%2B` a plus), the same for both clients' content types. */
export function parseForm(body: string): URLSearchParams {
	return new URLSearchParams(body);
}

/** The Action and Version every EC2 call carries; the rest is for the action's own parser. */
export function actionOf(params: URLSearchParams): string {
	const action = params.get('Action');
	if (action === null || action === '') {
		throw new MissingAction();
	}
	const version = params.get('Version');
	if (version === null || version === '') {
		throw new MissingParameter('Version');
	}
	return action;
}

// Query-string SigV4 (presigned GET) keys: accepted, never checked, like the header signature.
const ignoredKey = /^(Action|Version|X-Amz-[A-Za-z-]+|AWSAccessKeyId|Signature|SignatureMethod|SignatureVersion|Timestamp|Expires)$/;
// The real key is `Filters.N` for DescribeImportImageTasks and DescribeImportSnapshotTasks: only these
// two lack `locationName: "Filter"` on Filters in the botocore model, and both the AWS CLI and the JS
// SDK send `Filters.1.Name=task-state&Filters.1.Value.1=active`. `Filter.N` is what every other
// Describe call uses, so accept both, as moto does.
const filterName = /^(Filters?)\.([1-9]\d*)\.Name$/;
const filterValue = /^(Filters?)\.([1-9]\d*)\.Value\.([1-9]\d*)$/;
const importTaskId = /^ImportTaskId\.([1-9]\d*)$/;

interface FilterParts {
	index: number;
	key: string;
	name?: string;
	values: {index: number; value: string}[];
}

export function parseDescribeRequest(params: URLSearchParams): DescribeRequest {
	const filters = new Map<string, FilterParts>();
	const ids: {index: number; value: string}[] = [];
	const request: DescribeRequest = {dryRun: false, states: [], importTaskIds: []};
	const filterFor = (prefix: string, index: string): FilterParts => {
		const key = `${prefix}.${index}`;
		const existing = filters.get(key);
		if (existing !== undefined) return existing;
		const created: FilterParts = {index: Number(index), key, values: []};
		filters.set(key, created);
		return created;
	};
	for (const [key, value] of params) {
		if (ignoredKey.test(key)) continue;
		const name = filterName.exec(key);
		const filterValueMatch = filterValue.exec(key);
		const id = importTaskId.exec(key);
		if (name?.[1] !== undefined && name[2] !== undefined) {
			filterFor(name[1], name[2]).name = value;
		} else if (filterValueMatch?.[1] !== undefined && filterValueMatch[2] !== undefined) {
			filterFor(filterValueMatch[1], filterValueMatch[2]).values.push({index: Number(filterValueMatch[3]), value});
		} else if (id?.[1] !== undefined) {
			ids.push({index: Number(id[1]), value});
		} else if (key === 'DryRun') {
			request.dryRun = parseBoolean(key, value);
		} else if (key === 'MaxResults') {
			request.maxResults = parseMaxResults(value);
		} else if (key === 'NextToken') {
			if (value !== '') request.nextToken = value;
		} else {
			throw new UnknownParameter(key);
		}
	}
	request.importTaskIds = [...new Set(byIndex(ids))];
	request.states = [...filters.values()].sort((a, b) => a.index - b.index).map(toStates);
	return request;
}

/** CancelImportTask: `ImportTaskId` (one, not a list), `CancelReason`, `DryRun`. */
export function parseCancelRequest(params: URLSearchParams): CancelRequest {
	let dryRun = false;
	let importTaskId: string | undefined;
	let cancelReason: string | undefined;
	for (const [key, value] of params) {
		if (ignoredKey.test(key)) continue;
		if (key === 'DryRun') dryRun = parseBoolean(key, value);
		else if (key === 'ImportTaskId') importTaskId = value;
		else if (key === 'CancelReason') cancelReason = value;
		else throw new UnknownParameter(key);
	}
	// The model does not mark ImportTaskId required, but there is nothing to cancel without it.
	if (importTaskId === undefined || importTaskId === '') throw new MissingParameter('ImportTaskId');
	return cancelReason === undefined ? {dryRun, importTaskId} : {dryRun, importTaskId, cancelReason};
}

function byIndex(items: {index: number; value: string}[]): string[] {
	return items.sort((a, b) => a.index - b.index).map((item) => item.value);
}

function toStates(filter: FilterParts): TaskState[] {
	if (filter.name === undefined) {
		throw new MissingParameter(`${filter.key}.Name`);
	}
	if (filter.name !== 'task-state') {
		throw new InvalidParameterValue(`The filter '${filter.name}' is invalid`);
	}
	const values = byIndex(filter.values);
	if (values.length === 0) {
		throw new InvalidParameterValue(`The filter '${filter.name}' requires at least one value`);
	}
	return values.map((value) => {
		const state = taskStates.find((candidate) => candidate === value);
		if (state === undefined) {
			throw new InvalidParameterValue(`Value (${value}) for filter task-state is invalid. Valid values: ${taskStates.join(', ')}`);
		}
		return state;
	});
}

function parseBoolean(key: string, value: string): boolean {
	if (value === 'true') return true;
	if (value === 'false') return false;
	throw new InvalidParameterValue(`Invalid value '${value}' for ${key}. Expected 'true' or 'false'.`);
}

function parseMaxResults(value: string): number {
	if (!/^[+-]?\d+$/.test(value)) {
		throw new InvalidParameterValue(`Invalid value '${value}' for maxResults. Expecting an integer.`);
	}
	const number = Number(value);
	if (number < 1) {
		throw new InvalidParameterValue(`Value (${value}) for parameter maxResults is invalid. Expecting a value greater than 0.`);
	}
	return number;
}
