import type { Readable } from 'node:stream';

/** Bytes under slash-separated keys. Drivers: disk (default) and S3. */
export interface ArtifactStore {
  readonly driver: 'disk' | 's3';
  put(key: string, bytes: Uint8Array): Promise<void>;
  putStream(key: string, body: Readable): Promise<void>;
  get(key: string): Promise<Uint8Array>;
  getStream(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  /** Keys under a prefix, sorted. */
  list(prefix: string): Promise<string[]>;
  delete(key: string): Promise<void>;
}

export const ARTIFACT_STORE = Symbol('ARTIFACT_STORE');
