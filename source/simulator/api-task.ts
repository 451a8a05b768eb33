// An import image task in the API's own shape (the SDK's output names, PascalCase).
// Both generated tasks and scenario files end up as this; xml.ts renders it.
// Absent fields are omitted from the XML; empty lists are rendered as <x/>.

export interface ApiUserBucket {
	S3Bucket?: string;
	S3Key?: string;
}

export interface ApiSnapshotDetail {
	Description?: string;
	DeviceName?: string;
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
