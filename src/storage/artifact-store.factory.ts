import type { StorageConfig } from '../config/storage.config.js';
import type { ArtifactStore } from './artifact-store.js';
import { DiskArtifactStore } from './disk.driver.js';
import { S3ArtifactStore, type S3ArtifactStoreOptions } from './s3.driver.js';

/** Extra driver settings that do not come from the config file (tests, S3-compatible servers). */
export interface ArtifactStoreExtras {
  s3Credentials?: S3ArtifactStoreOptions['credentials'];
  s3PartSizeBytes?: number;
}

/** The driver named by `storage.driver`: disk under `disk.root`, or S3. */
export function createArtifactStore(
  config: StorageConfig,
  extras: ArtifactStoreExtras = {},
): ArtifactStore {
  if (config.driver === 'disk') return new DiskArtifactStore(config.disk.root);
  return new S3ArtifactStore({
    bucket: config.s3.bucket,
    prefix: config.s3.prefix,
    region: config.s3.region,
    endpoint: config.s3.endpoint,
    forcePathStyle: config.s3.forcePathStyle,
    credentials: extras.s3Credentials,
    partSizeBytes: extras.s3PartSizeBytes,
  });
}

/** Where the store points, for logs and as a namespace (never holds secrets). */
export function describeStorage(config: StorageConfig): string {
  if (config.driver === 'disk') return `disk:${config.disk.root}`;
  const endpoint = config.s3.endpoint ? `@${config.s3.endpoint}` : '';
  return `s3:${config.s3.bucket}/${config.s3.prefix}${endpoint}`;
}
