import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {describeResponseXml, errorXml, escapeXml, formatDouble} from '../../source/simulator/xml.js';

describe('xml building', () => {
	it('renders a task as both clients parse it, fields in model order, empty lists as <x/>', () => {
		const xml = describeResponseXml(
			'5e6ea4a4-1c2b-4c8e-9a7f-0e3d1f2a3b4c',
			[
				{
					ImportTaskId: 'import-ami-0a1b2c3d4e5f60001',
					Architecture: 'x86_64',
					Description: 'web-01 OVA',
					Encrypted: false,
					LicenseType: 'BYOL',
					Platform: 'Linux',
					Progress: '28',
					SnapshotDetails: [
						{
							Description: 'web-01 disk1',
							DeviceName: '/dev/sda1',
							DiskImageSize: 705638400,
							Format: 'VMDK',
							Status: 'completed',
							UserBucket: {S3Bucket: 'my-import-bucket', S3Key: 'vms/web-01.ova'},
						},
					],
					Status: 'active',
					StatusMessage: 'converting',
					Tags: [{Key: 'Name', Value: 'web-01'}],
					LicenseSpecifications: [],
					BootMode: 'legacy-bios',
				},
			],
			'MQ==',
		);
		assert.equal(
			xml,
			`<?xml version="1.0" encoding="UTF-8"?>
<DescribeImportImageTasksResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
    <requestId>5e6ea4a4-1c2b-4c8e-9a7f-0e3d1f2a3b4c</requestId>
    <importImageTaskSet>
        <item>
            <architecture>x86_64</architecture>
            <description>web-01 OVA</description>
            <encrypted>false</encrypted>
            <importTaskId>import-ami-0a1b2c3d4e5f60001</importTaskId>
            <licenseType>BYOL</licenseType>
            <platform>Linux</platform>
            <progress>28</progress>
            <snapshotDetailSet>
                <item>
                    <description>web-01 disk1</description>
                    <deviceName>/dev/sda1</deviceName>
                    <diskImageSize>705638400.0</diskImageSize>
                    <format>VMDK</format>
                    <status>completed</status>
                    <userBucket>
                        <s3Bucket>my-import-bucket</s3Bucket>
                        <s3Key>vms/web-01.ova</s3Key>
                    </userBucket>
                </item>
            </snapshotDetailSet>
            <status>active</status>
            <statusMessage>converting</statusMessage>
            <tagSet>
                <item>
                    <key>Name</key>
                    <value>web-01</value>
                </item>
            </tagSet>
            <licenseSpecifications/>
            <bootMode>legacy-bios</bootMode>
        </item>
    </importImageTaskSet>
    <nextToken>MQ==</nextToken>
</DescribeImportImageTasksResponse>
`,
		);
	});

	it('writes <importImageTaskSet/> for no tasks and no nextToken on the last page', () => {
		const xml = describeResponseXml('r', []);
		assert.match(xml, /<importImageTaskSet\/>/);
		assert.doesNotMatch(xml, /nextToken/);
	});

	it('omits absent fields and keeps empty strings (EC2 sends "SnapshotId": "")', () => {
		const xml = describeResponseXml('r', [{ImportTaskId: 'i', ImageId: '', Encrypted: true}]);
		assert.match(xml, /<imageId><\/imageId>/);
		assert.match(xml, /<encrypted>true<\/encrypted>/);
		assert.doesNotMatch(xml, /snapshotDetailSet|tagSet|progress|status/);
	});

	it('prints doubles as EC2 does', () => {
		assert.equal(formatDouble(705638400), '705638400.0');
		assert.equal(formatDouble(0), '0.0');
		assert.equal(formatDouble(1.5), '1.5');
		assert.equal(formatDouble(1e21), '1E21');
		assert.equal(Number.parseFloat(formatDouble(1e21)), 1e21);
	});

	it('renders the EC2 error envelope', () => {
		assert.equal(
			errorXml('InvalidParameterValue', "The filter 'foo' is invalid", 'ea966190-f9aa-478e-9ede-0123456789ab'),
			`<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>InvalidParameterValue</Code><Message>The filter &apos;foo&apos; is invalid</Message></Error></Errors><RequestID>ea966190-f9aa-478e-9ede-0123456789ab</RequestID></Response>`,
		);
	});
});

describe('escaping', () => {
	it('escapes markup characters and keeps CR as a character reference', () => {
		assert.equal(escapeXml(`a&b<c>d"e'f\rg\nh\ti`), 'a&amp;b&lt;c&gt;d&quot;e&apos;f&#13;g\nh\ti');
	});

	it('replaces what XML 1.0 cannot carry with U+FFFD', () => {
		assert.equal(escapeXml('\u0000\u0001\u0008\u000b\u000c\u000e\u001b\u001f'), '\uFFFD'.repeat(8));
		assert.equal(escapeXml('a\uFFFEb\uFFFFc'), 'a\uFFFDb\uFFFDc');
		assert.equal(escapeXml('lone \ud800 high, lone \udc00 low'), 'lone \uFFFD high, lone \uFFFD low');
	});

	it('keeps what XML 1.0 allows: C1 controls, bidi overrides, joiners, astral characters', () => {
		const allowed = '\u0080\u0085\u009b\u009f \u202e\u2066\u200d\u200b 😀 \ud83d\ude00 é';
		assert.equal(escapeXml(allowed), allowed);
	});
});
