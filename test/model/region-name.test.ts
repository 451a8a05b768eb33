import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {it} from 'node:test';
import {fileURLToPath} from 'node:url';
import {checkRegionName, regionProblem, regionShape} from '../../source/model/region-name.js';

// The SDK's own partition table (what it builds endpoints from; a JS module holding one JSON object): every region it
// knows must pass, so an SDK update that brings a region of a new geography or direction fails here, not at a
// user's start.
const partitionsFile = fileURLToPath(
	new URL('../../node_modules/@aws-sdk/core/dist-es/submodules/client/util-endpoints/lib/aws/partitions.js', import.meta.url),
);

function sdkRegions(): string[] {
	const text = readFileSync(partitionsFile, 'utf8');
	const table: unknown = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1));
	assert.ok(typeof table === 'object' && table !== null && 'partitions' in table && Array.isArray(table.partitions));
	return table.partitions.flatMap((partition: unknown) => {
		assert.ok(
			typeof partition === 'object' && partition !== null && 'regions' in partition && typeof partition.regions === 'object' && partition.regions !== null,
		);
		// `aws-global` and the like are endpoints' pseudo-regions, not regions one watches.
		return Object.keys(partition.regions).filter((name) => !name.endsWith('-global'));
	});
}

it('takes every region of every partition the SDK knows', () => {
	const regions = sdkRegions();
	assert.ok(regions.length > 40, `only ${regions.length} regions`);
	for (const region of regions) {
		assert.ok(regionShape.test(region), region);
		assert.deepEqual(checkRegionName(region), {ok: true}, region);
	}
	for (const region of ['ap-southeast-9', 'eu-central-3', 'us-gov-central-1', 'cn-southwest-1', 'us-isof-north-1'])
		assert.deepEqual(checkRegionName(region), {ok: true}, region);
});

it('finds a misspelt direction and says which region was likely meant', () => {
	assert.deepEqual(checkRegionName('eu-wset-1'), {ok: false, suggestion: 'eu-west-1'});
	assert.deepEqual(checkRegionName('us-esat-1'), {ok: false, suggestion: 'us-east-1'});
	assert.deepEqual(checkRegionName('us-gov-wset-1'), {ok: false, suggestion: 'us-gov-west-1'});
	assert.deepEqual(checkRegionName('ap-sotheast-1'), {ok: false, suggestion: 'ap-southeast-1'});
	assert.deepEqual(checkRegionName('ap-southest-1'), {ok: false}, 'as near southeast as southwest: no guess');
	assert.deepEqual(checkRegionName('eu-middle-1'), {ok: false});
	assert.deepEqual(checkRegionName('xx-east-1'), {ok: false}, 'no partition has this geography');
	assert.deepEqual(checkRegionName('useast-1'), {ok: false});
});

it('says it in one line, with where the name came from', () => {
	assert.equal(
		regionProblem('eu-wset-1', '--region', {suggestion: 'eu-west-1'}),
		'the region name "eu-wset-1" (--region) looks wrong: no AWS partition has a region named so (did you mean eu-west-1?)',
	);
	assert.match(regionProblem('xx-east-1', 'AWS_REGION', {}), /\(AWS_REGION\) looks wrong: .*\(e\.g\. us-east-1, eu-west-1, us-gov-west-1, cn-north-1\)$/);
});
