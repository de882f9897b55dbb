import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import type { ArtifactStore } from './artifact-store.js';
import { validateKey, validatePrefix } from './storage-key.js';
import { describeCause, StorageError } from './storage.errors.js';
import { byteChunks } from './stream-bytes.js';

const MIB = 1024 * 1024;
/** S3 refuses multipart parts under 5 MiB (except the last one). */
export const MIN_PART_SIZE = 5 * MIB;
export const DEFAULT_PART_SIZE = 8 * MIB;

export interface S3ArtifactStoreOptions {
  bucket: string;
  /** Key prefix inside the bucket ('' or e.g. 'freshcast'); a trailing '/' is added. */
  prefix?: string;
  region: string;
  /** Endpoint of an S3-compatible server; '' or absent for AWS. */
  endpoint?: string;
  forcePathStyle?: boolean;
  /** Explicit credentials (tests, S3-compatible servers); absent: the SDK's default provider chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Part size for streamed uploads, at least 5 MiB; default 8 MiB. */
  partSizeBytes?: number;
}

/** Prefix as stored: no leading '/', a trailing '/' unless empty. */
export function normalizeS3Prefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? '').replace(/^\/+/, '').replace(/\/+$/, '');
  if (trimmed === '') return '';
  validateKey(trimmed);
  return `${trimmed}/`;
}

function isMissing(err: unknown): boolean {
  if (!(err instanceof S3ServiceException)) return false;
  return err.name === 'NoSuchKey' || err.name === 'NotFound';
}

/**
 * Artifacts as objects in one S3 bucket under a prefix. PutObject and multipart uploads are atomic in
 * S3: an object becomes visible whole, or not at all. A stream shorter than one part is sent as one
 * PutObject with a known length; longer streams go up part by part (memory: one part) and a failure
 * aborts the multipart upload, so nothing appears under the key. Checksums are computed only when an
 * operation requires them (S3-compatible servers such as s3rver store aws-chunked framing otherwise).
 */
export class S3ArtifactStore implements ArtifactStore {
  readonly driver = 's3' as const;
  readonly bucket: string;
  readonly prefix: string;
  /** The SDK client (exposed so callers can add middleware, e.g. request logging). */
  readonly client: S3Client;
  private readonly partSize: number;

  constructor(options: S3ArtifactStoreOptions) {
    if (options.bucket === '') throw new Error('S3ArtifactStore needs a bucket name');
    this.bucket = options.bucket;
    this.prefix = normalizeS3Prefix(options.prefix);
    this.partSize = Math.max(MIN_PART_SIZE, Math.floor(options.partSizeBytes ?? DEFAULT_PART_SIZE));
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint ? options.endpoint : undefined,
      forcePathStyle: options.forcePathStyle ?? false,
      credentials: options.credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const objectKey = this.objectKey(key);
    await this.call('WRITE_FAILED', key, 'writing', () =>
      this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: objectKey, Body: bytes })),
    );
  }

  async putStream(key: string, body: Readable): Promise<void> {
    const objectKey = this.objectKey(key);
    const pending: Buffer[] = [];
    let pendingSize = 0;
    let uploadId: string | undefined;
    const parts: CompletedPart[] = [];
    const uploadPending = async (id: string): Promise<void> => {
      const PartNumber = parts.length + 1;
      const part = Buffer.concat(pending, pendingSize);
      pending.length = 0;
      pendingSize = 0;
      const res = await this.client.send(
        new UploadPartCommand({
          Bucket: this.bucket,
          Key: objectKey,
          UploadId: id,
          PartNumber,
          Body: part,
        }),
      );
      parts.push({ PartNumber, ETag: res.ETag });
    };
    try {
      for await (const bytes of byteChunks(body)) {
        pending.push(bytes);
        pendingSize += bytes.length;
        if (pendingSize < this.partSize) continue;
        uploadId ??= await this.createUpload(objectKey);
        await uploadPending(uploadId);
      }
      if (uploadId === undefined) {
        const whole = Buffer.concat(pending, pendingSize);
        await this.client.send(
          new PutObjectCommand({ Bucket: this.bucket, Key: objectKey, Body: whole }),
        );
        return;
      }
      if (pendingSize > 0) await uploadPending(uploadId);
      await this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: objectKey,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
    } catch (err) {
      if (uploadId !== undefined) await this.abortUpload(objectKey, uploadId);
      throw new StorageError('WRITE_FAILED', key, `writing ${key} failed: ${describeCause(err)}`, {
        cause: err,
      });
    }
  }

  async get(key: string): Promise<Uint8Array> {
    const res = await this.getObject(key);
    if (res === undefined) throw new StorageError('IO', key, `reading ${key} returned no body`);
    return this.call('IO', key, 'reading', () => res.transformToByteArray());
  }

  async getStream(key: string): Promise<Readable> {
    const body = await this.getObject(key);
    if (body instanceof Readable) return body;
    throw new StorageError('IO', key, `reading ${key} returned no stream`);
  }

  async exists(key: string): Promise<boolean> {
    const objectKey = this.objectKey(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: objectKey }));
      return true;
    } catch (err) {
      if (isMissing(err)) return false;
      throw new StorageError('IO', key, `checking ${key} failed: ${describeCause(err)}`, {
        cause: err,
      });
    }
  }

  async list(prefix: string): Promise<string[]> {
    validatePrefix(prefix);
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.call('IO', prefix, 'listing', () =>
        this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: this.prefix + prefix,
            ContinuationToken: token,
          }),
        ),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key?.startsWith(this.prefix)) keys.push(object.Key.slice(this.prefix.length));
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return keys.sort();
  }

  /** Deleting a missing key does nothing (as in S3). */
  async delete(key: string): Promise<void> {
    const objectKey = this.objectKey(key);
    await this.call('IO', key, 'deleting', () =>
      this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: objectKey })),
    );
  }

  /** Closes the client's sockets. */
  destroy(): void {
    this.client.destroy();
  }

  private objectKey(key: string): string {
    return this.prefix + validateKey(key);
  }

  private async getObject(key: string) {
    const objectKey = this.objectKey(key);
    try {
      const res = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: objectKey }),
      );
      return res.Body;
    } catch (err) {
      if (isMissing(err))
        throw new StorageError('NOT_FOUND', key, `no artifact under ${key}`, { cause: err });
      throw new StorageError('IO', key, `reading ${key} failed: ${describeCause(err)}`, {
        cause: err,
      });
    }
  }

  private async createUpload(objectKey: string): Promise<string> {
    const res = await this.client.send(
      new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: objectKey }),
    );
    if (!res.UploadId) throw new Error('CreateMultipartUpload returned no UploadId');
    return res.UploadId;
  }

  /**
   * Best effort: an unfinished multipart upload is never visible under its key; aborting frees its
   * parts. (s3rver does not implement the abort; on AWS add a lifecycle rule
   * AbortIncompleteMultipartUpload for uploads whose abort was lost.)
   */
  private async abortUpload(objectKey: string, uploadId: string): Promise<void> {
    try {
      await this.client.send(
        new AbortMultipartUploadCommand({
          Bucket: this.bucket,
          Key: objectKey,
          UploadId: uploadId,
        }),
      );
    } catch {
      // nothing more to do: the upload stays invisible and expires by lifecycle rule
    }
  }

  private async call<T>(
    code: 'IO' | 'WRITE_FAILED',
    key: string,
    verb: string,
    fn: () => Promise<T>,
  ): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof StorageError) throw err;
      throw new StorageError(code, key, `${verb} ${key} failed: ${describeCause(err)}`, {
        cause: err,
      });
    }
  }
}
