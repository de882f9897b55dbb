/** Why a storage operation failed: a missing key, a key that is not allowed, or the backend failing. */
export type StorageErrorCode = 'NOT_FOUND' | 'INVALID_KEY' | 'WRITE_FAILED' | 'IO';

/** The one error type ArtifactStore drivers throw; `key` names the object concerned. */
export class StorageError extends Error {
  readonly code: StorageErrorCode;
  readonly key: string;

  constructor(code: StorageErrorCode, key: string, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StorageError';
    this.code = code;
    this.key = key;
  }
}

export function isStorageNotFound(err: unknown): boolean {
  return err instanceof StorageError && err.code === 'NOT_FOUND';
}

/** A short message for wrapping a lower-level error. */
export function describeCause(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
