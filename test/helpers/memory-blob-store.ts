import type { BlobSink, BlobSource } from '../../src/storage/blob.types.js';

/** Blobs in a Map (copied in and out): a BlobSink and a BlobSource at once, the in-memory store of tests. */
export class MemoryBlobStore implements BlobSink, BlobSource {
  readonly blobs = new Map<string, Uint8Array>();

  put(key: string, bytes: Uint8Array): Promise<void> {
    this.blobs.set(key, bytes.slice());
    return Promise.resolve();
  }

  get(key: string): Promise<Uint8Array> {
    const bytes = this.blobs.get(key);
    return bytes ? Promise.resolve(bytes.slice()) : Promise.reject(new Error(`no blob '${key}'`));
  }
}
