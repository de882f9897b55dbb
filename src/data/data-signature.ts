import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isS3Url } from './data-file.access.js';
import { listS3Tree } from './s3/s3-data.files.js';

/** How deep below the data folder files are looked at (the demo data lives in `<dir>/demo`). */
const MAX_DEPTH = 2;

/**
 * A cheap fingerprint of a data folder: the path, size and modification time of every file up to
 * two folders down (hidden entries skipped: generation writes to a hidden temporary folder). Equal
 * signatures mean nothing was added, removed or rewritten; no file is read.
 */
export async function dataDirSignature(dir: string): Promise<string> {
  if (isS3Url(dir)) return s3Signature(dir);
  const parts: string[] = [];
  await walk(dir, '', 0, parts);
  return parts.sort().join('\n');
}

async function walk(root: string, rel: string, depth: number, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(join(root, rel), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const path = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) {
      if (depth < MAX_DEPTH) await walk(root, path, depth + 1, out);
    } else if (e.isFile()) {
      try {
        const s = await stat(join(root, path));
        out.push(`${path}\t${s.size}\t${Math.round(s.mtimeMs)}`);
      } catch {
        // Removed between readdir and stat: it is not part of the data any more.
      }
    }
  }
}

/**
 * The same for an S3 prefix: key, size, ETag and LastModified of every object up to two "folders"
 * down (dot-named segments skipped), from listings only. Every task of a service computes it from
 * the bucket itself, so all of them see a change at the same listing.
 */
async function s3Signature(url: string): Promise<string> {
  const parts: string[] = [];
  for (const o of await listS3Tree(url)) {
    const segments = o.name.split('/');
    if (segments.length > MAX_DEPTH + 1 || segments.some((s) => s === '' || s.startsWith('.')))
      continue;
    parts.push(`${o.name}\t${o.size}\t${o.etag}\t${o.lastModified}`);
  }
  return parts.sort().join('\n');
}
