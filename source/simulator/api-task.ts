// An import image task in the API's own shape (the SDK's output names, PascalCase).
// Both generated tasks and scenario files end up as this; xml.ts renders it.
// Absent fields are omitted from the XML; empty lists are rendered as <x/>.

export interface ApiUserBucket {
	S3Bucket?: string;
	S3Key?: string;
}

/** What both kinds of disk detail carry. */
interface ApiDiskFields {
	Description?: string;
	/** Bytes on the wire, rendered as a double (`705638400.0`). */
	DiskImageSize?: number;
	Format?: string;
	Progress?: string;
	SnapshotId?: string;
	Status?: string;
	StatusMessage?: string;
	Url?: string;
	UserBucket?: ApiUserBucket;
}

/** One disk of an image task (`SnapshotDetails[]`). */
export interface ApiSnapshotDetail extends ApiDiskFields {
	DeviceName?: string;
}

export interface ApiTag {
	Key?: string;
	Value?: string;
}

export interface ApiLicenseSpecification {
	LicenseConfigurationArn?: string;
}

export interface ApiTask {
	ImportTaskId: string;
	Architecture?: string;
	Description?: string;
	Encrypted?: boolean;
	Hypervisor?: string;
	ImageId?: string;
	KmsKeyId?: string;
	LicenseType?: string;
	Platform?: string;
	Progress?: string;
	SnapshotDetails?: ApiSnapshotDetail[];
	Status?: string;
	StatusMessage?: string;
	Tags?: ApiTag[];
	LicenseSpecifications?: ApiLicenseSpecification[];
	UsageOperation?: string;
	BootMode?: string;
}

export const taskStates = ['active', 'completed', 'deleting', 'deleted'] as const;
export type TaskState = (typeof taskStates)[number];

/** An import snapshot task's one disk (`SnapshotTaskDetail`): no device name, but its encryption. DiskImageSize is 0.0 until validated. */
export interface ApiSnapshotTaskDetail extends ApiDiskFields {
	Encrypted?: boolean;
	KmsKeyId?: string;
}

/** An import snapshot task in the API's own shape: its status lives in `SnapshotTaskDetail`. */
export interface ApiSnapshotTask {
	ImportTaskId: string;
	Description?: string;
	SnapshotTaskDetail?: ApiSnapshotTaskDetail;
	Tags?: ApiTag[];
}
