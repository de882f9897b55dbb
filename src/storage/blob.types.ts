/**
 * Bytes under keys: what a forecaster writes its state to (`toArtifacts`) and reads it back from (a
 * kind's `restore`). Structurally a subset of ArtifactStore, so any store (or a prefixed view of
 * one) serves as both.
 */
export interface BlobSink {
  put(key: string, bytes: Uint8Array): Promise<void>;
}
export interface BlobSource {
  get(key: string): Promise<Uint8Array>;
}
