import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
} from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { byteChunks } from '../../storage/stream-bytes.js';
import { s3DataClient } from './s3-data.settings.js';

const S3_URL = /^s3:\/\/([^/]+)\/?(.*)$/;

export function isS3Url(path: string): boolean {
  return S3_URL.test(path);
}

/** `s3://bucket/a/b` → bucket and key `a/b` (no trailing slash). */
export function parseS3Url(url: string): { bucket: string; key: string } {
  const m = S3_URL.exec(url);
  if (!m) throw new Error(`not an s3:// URL: ${url}`);
  return { bucket: m[1], key: m[2].replace(/\/+$/, '') };
}

function folderPrefix(key: string): string {
  return key === '' ? '' : `${key}/`;
}

/** One object under a data prefix. */
export interface S3DataObject {
  /** Key relative to the listed prefix. */
  name: string;
  size: number;
  etag: string;
  lastModified: string;
}

async function listPages(
  bucket: string,
  prefix: string,
  delimiter: string | undefined,
): Promise<ListObjectsV2CommandOutput[]> {
  const pages: ListObjectsV2CommandOutput[] = [];
  let token: string | undefined;
  do {
    const page = await s3DataClient().send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix,
        Delimiter: delimiter,
        ContinuationToken: token,
      }),
    );
    pages.push(page);
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return pages;
}

function toObject(
  prefix: string,
  o: { Key?: string; Size?: number; ETag?: string; LastModified?: Date },
): S3DataObject {
  return {
    name: (o.Key ?? '').slice(prefix.length),
    size: o.Size ?? 0,
    etag: o.ETag ?? '',
    lastModified: o.LastModified?.toISOString() ?? '',
  };
}

/** The objects directly under a "folder" URL, and its sub-folders (names), both sorted. */
export async function listS3Folder(
  url: string,
): Promise<{ files: S3DataObject[]; folders: string[] }> {
  const { bucket, key } = parseS3Url(url);
  const prefix = folderPrefix(key);
  const files: S3DataObject[] = [];
  const folders: string[] = [];
  for (const page of await listPages(bucket, prefix, '/')) {
    for (const o of page.Contents ?? []) {
      const obj = toObject(prefix, o);
      if (obj.name !== '') files.push(obj);
    }
    for (const p of page.CommonPrefixes ?? [])
      if (p.Prefix) folders.push(p.Prefix.slice(prefix.length).replace(/\/$/, ''));
  }
  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { files, folders: folders.sort() };
}

/** Every object under a URL, at any depth. */
export async function listS3Tree(url: string): Promise<S3DataObject[]> {
  const { bucket, key } = parseS3Url(url);
  const prefix = folderPrefix(key);
  return (await listPages(bucket, prefix, undefined)).flatMap((p) =>
    (p.Contents ?? []).map((o) => toObject(prefix, o)),
  );
}

export async function s3ObjectSize(url: string): Promise<number> {
  const { bucket, key } = parseS3Url(url);
  const head = await s3DataClient().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  return head.ContentLength ?? 0;
}

/**
 * An object's bytes as they arrive (GetObject's body, never buffered whole). Stopping early (a
 * header sniff) destroys the body, so the rest is not downloaded.
 */
export async function* s3ObjectChunks(url: string): AsyncGenerator<Buffer> {
  const { bucket, key } = parseS3Url(url);
  const res = await s3DataClient().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const body = res.Body as Readable | undefined;
  if (!body) return;
  try {
    yield* byteChunks(body);
  } finally {
    body.destroy();
  }
}
