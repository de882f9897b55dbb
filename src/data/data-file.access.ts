import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isS3Url, listS3Folder, s3ObjectChunks, s3ObjectSize } from './s3/s3-data.files.js';

/**
 * Data files on disk or in S3 (`s3://bucket/prefix`), behind one set of functions: the readers,
 * the folder discovery and the change watch call these and never care where the bytes are.
 */

/** `dir` + `name`: path.join on disk; a slash-joined URL for S3 (path.join would eat `//`). */
export function childPath(dir: string, name: string): string {
  return isS3Url(dir) ? `${dir.replace(/\/+$/, '')}/${name}` : join(dir, name);
}

/** Visible (not dot-named) files and sub-folders directly in a folder, both sorted by name. */
export async function listFolder(dir: string): Promise<{ files: string[]; folders: string[] }> {
  if (isS3Url(dir)) {
    const { files, folders } = await listS3Folder(dir);
    return {
      files: files.map((f) => f.name).filter((n) => !n.startsWith('.')),
      folders: folders.filter((n) => !n.startsWith('.')),
    };
  }
  const entries = await readdir(dir, { withFileTypes: true });
  const visible = entries.filter((e) => !e.name.startsWith('.'));
  return {
    files: visible
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort(),
    folders: visible
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort(),
  };
}

export async function fileSize(path: string): Promise<number> {
  return isS3Url(path) ? s3ObjectSize(path) : (await stat(path)).size;
}

/** A file's bytes, streamed in chunks of about `chunkBytes` (disk) or as S3 sends them. */
export function fileChunks(path: string, chunkBytes = 1 << 20): AsyncIterable<Buffer> {
  if (isS3Url(path)) return s3ObjectChunks(path);
  return createReadStream(path, { highWaterMark: chunkBytes }) as AsyncIterable<Buffer>;
}

export { isS3Url };
