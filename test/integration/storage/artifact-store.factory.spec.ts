import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StorageConfig } from '../../../src/config/storage.config.js';
import {
  createArtifactStore,
  describeStorage,
} from '../../../src/storage/artifact-store.factory.js';
import { DiskArtifactStore } from '../../../src/storage/disk.driver.js';
import { S3ArtifactStore } from '../../../src/storage/s3.driver.js';
import { startS3rver } from '../../helpers/s3rver.js';

const base = (over: Partial<StorageConfig>): StorageConfig => ({
  driver: 'disk',
  disk: { root: 'models' },
  s3: { bucket: '', prefix: '', region: 'us-east-1', endpoint: '', forcePathStyle: false },
  ...over,
});

describe('createArtifactStore', () => {
  it('builds the disk driver at the configured root', async () => {
    const root = await mkdtemp(join(tmpdir(), 'freshcast-factory-'));
    try {
      const store = createArtifactStore(base({ disk: { root } }));
      expect(store).toBeInstanceOf(DiskArtifactStore);
      await store.put('k.bin', new Uint8Array([5]));
      expect(Array.from(await new DiskArtifactStore(root).get('k.bin'))).toEqual([5]);
      expect(describeStorage(base({ disk: { root } }))).toBe(`disk:${root}`);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('builds the S3 driver from bucket, prefix, endpoint and path style', async () => {
    const server = await startS3rver('models-bucket');
    const config = base({
      driver: 's3',
      s3: {
        bucket: 'models-bucket',
        prefix: 'prod',
        region: 'eu-west-1',
        endpoint: server.endpoint,
        forcePathStyle: true,
      },
    });
    const store = createArtifactStore(config, { s3Credentials: server.credentials });
    try {
      expect(store).toBeInstanceOf(S3ArtifactStore);
      expect((store as S3ArtifactStore).prefix).toBe('prod/');
      await store.put('registry/x.json', new Uint8Array([1, 2]));
      expect(await store.list('')).toEqual(['registry/x.json']);
      expect(describeStorage(config)).toBe(`s3:models-bucket/prod@${server.endpoint}`);
    } finally {
      (store as S3ArtifactStore).destroy();
      await server.stop();
    }
  });
});
