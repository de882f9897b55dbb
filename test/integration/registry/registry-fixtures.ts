import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ManifestInput } from '../../../src/registry/model-manifest.schema.js';
import type { ModelRegistryService } from '../../../src/registry/model-registry.service.js';
import type { ArtifactStore } from '../../../src/storage/artifact-store.js';
import { DiskArtifactStore } from '../../../src/storage/disk.driver.js';
import { S3ArtifactStore } from '../../../src/storage/s3.driver.js';
import { startS3rver } from '../../helpers/s3rver.js';

/** An isolated place in a store, and a second store object over the same place ("another process"). */
export interface IsolatedStore {
  store: ArtifactStore;
  twin(): ArtifactStore;
}

export interface StoreHarness {
  name: string;
  fresh(): Promise<IsolatedStore>;
  close(): Promise<void>;
}

export async function diskHarness(): Promise<StoreHarness> {
  const root = await mkdtemp(join(tmpdir(), 'freshcast-registry-'));
  let n = 0;
  return {
    name: 'disk',
    fresh: () => {
      const dir = join(root, `r${++n}`);
      return Promise.resolve({
        store: new DiskArtifactStore(dir),
        twin: () => new DiskArtifactStore(dir),
      });
    },
    close: () => rm(root, { recursive: true, force: true }),
  };
}

export async function s3Harness(): Promise<StoreHarness> {
  const server = await startS3rver();
  const stores: S3ArtifactStore[] = [];
  let n = 0;
  const make = (prefix: string): S3ArtifactStore => {
    const s = new S3ArtifactStore({
      bucket: server.bucket,
      prefix,
      region: 'us-east-1',
      endpoint: server.endpoint,
      forcePathStyle: true,
      credentials: server.credentials,
    });
    stores.push(s);
    return s;
  };
  return {
    name: 's3',
    fresh: () => {
      const prefix = `r${++n}`;
      return Promise.resolve({ store: make(prefix), twin: () => make(prefix) });
    },
    close: async () => {
      for (const s of stores) s.destroy();
      await server.stop();
    },
  };
}

export interface MetricsOverrides {
  wape?: number;
  coverage?: number;
  seasonalNaive?: number;
  windows?: number;
}

/** A manifest input with backtest metrics; defaults pass the default gates against no prod. */
export function manifestInput(
  kind = 'mlp',
  m: MetricsOverrides | null = {},
  target: ManifestInput['target'] = 'quantity',
): ManifestInput {
  return {
    target,
    kind,
    params: { hidden: [256, 256], lr: 0.001 },
    horizon: 28,
    featureSpec: { version: 1, lags: [7, 14, 28] },
    state: { scaler: 'robust-level' },
    training: { start: '2020-07-01', end: '2023-06-30', fingerprint: 'sha256:abc123', series: 251 },
    backtest:
      m === null
        ? null
        : {
            wape: m.wape ?? 0.3,
            coverage_p10_p90: m.coverage ?? 0.8,
            seasonal_naive_wape: m.seasonalNaive ?? 0.45,
            mase: 0.8,
            protocol: { horizon: 28, windows: m.windows ?? 4, step: 28 },
          },
    codeVersion: '0.1.0-test',
  };
}

export const bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8');

/** Registers a small model of `kind` (a model.json and one weights file) on `registry` as `who`. */
export function registerTestModel(
  registry: ModelRegistryService,
  who: { actor: string; reason: string },
  kind = 'mlp',
  m: MetricsOverrides | null = {},
  target: 'quantity' | 'price' = 'quantity',
): ReturnType<ModelRegistryService['register']> {
  return registry.register({
    ...who,
    manifest: manifestInput(kind, m, target),
    writeArtifacts: async (sink) => {
      await sink.put('model.json', bytes(`{"kind":"${kind}"}`));
      await sink.put('weights/group1.bin', new Uint8Array([1, 2, 3, 4]));
    },
  });
}
