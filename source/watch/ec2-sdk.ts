// The few names this app takes from @aws-sdk/client-ec2, imported statically so the bundler can see them
// and keep only these (and what they use). ec2-source.ts loads this module with `await import()` at the
// first poll, so the first frame never waits for the SDK.
export {
	CancelImportTaskCommand,
	DescribeImportImageTasksCommand,
	DescribeImportSnapshotTasksCommand,
	EC2Client,
	paginateDescribeImportImageTasks,
	paginateDescribeImportSnapshotTasks,
} from '@aws-sdk/client-ec2';
