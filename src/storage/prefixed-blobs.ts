import type { BlobSink, BlobSource } from './blob.types.js';
import type { ArtifactStore } from './artifact-store.js';
import { validateKey } from './storage-key.js';

/** A BlobSink + BlobSource whose keys live under `prefix` in the store. */
export interface PrefixedBlobs extends BlobSink, BlobSource {
  /** The prefix, ending with '/'. */
  readonly prefix: string;
  /** Keys written through this view, relative to the prefix, in write order (no duplicates). */
  readonly written: readonly string[];
}

/**
 * A view of the store under a key prefix, for forecasters' `toArtifacts(sink)` and their loaders:
 * `put('model.json')` writes `<prefix>/model.json`. Relative keys are validated like store keys.
 */
export function prefixedBlobs(store: ArtifactStore, prefix: string): PrefixedBlobs {
  const base = `${validateKey(prefix.replace(/\/+$/, ''))}/`;
  const written: string[] = [];
  return {
    prefix: base,
    written,
    async put(key: string, bytes: Uint8Array): Promise<void> {
      await store.put(base + validateKey(key), bytes);
      if (!written.includes(key)) written.push(key);
    },
    get(key: string): Promise<Uint8Array> {
      return store.get(base + validateKey(key));
    },
  };
}
