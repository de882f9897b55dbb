import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileSize, isS3Url } from './data-file.access.js';
import { discoverDataFiles } from './readers/annex-dir.reader.js';
import {
  ANNEX_KINDS,
  type AnnexKind,
  type FileKind,
} from './validation/validation-report.types.js';
import { DatasetError } from './dataset-load.errors.js';

/** A file of the folder that is not read, and why (shown in the validation report). */
export interface IgnoredDataFile {
  name: string;
  kind: FileKind;
  code: 'ignored-file' | 'duplicate-file';
  severity: 'warning' | 'info';
  reason: string;
}

/**
 * What a data folder (or `--series FILE`) holds. A folder with any annex file is an annex source
 * (long-format files next to them are ignored); otherwise its first long-format file (by name) is
 * used; 'none' when it holds neither. JSON-serialisable.
 */
export type DataSource =
  | {
      kind: 'annex';
      dir: string;
      /** Path of the file used for each kind found (absent kinds are reported by validation). */
      files: Partial<Record<AnnexKind, string>>;
      ignored: IgnoredDataFile[];
    }
  | { kind: 'long'; file: string; dir: string | null; ignored: IgnoredDataFile[] }
  | { kind: 'none'; dir: string; ignored: IgnoredDataFile[] };

/** Where data can be read from: a folder (annex or long-format files) or one long-format file. */
export type DatasetLocation = { data: string } | { series: string };

async function kindOfPath(path: string): Promise<'dir' | 'file' | 'other'> {
  try {
    const s = await stat(path);
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : 'other';
  } catch (err) {
    // Structural check: errors from Node's fs are not `instanceof Error` in every realm (jest).
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new DatasetError('NOT_FOUND', `not found: ${path}`);
    }
    throw new DatasetError('NOT_FOUND', `cannot open ${path}: ${code || String(err)}`);
  }
}

/** Throws DatasetError unless `path` is an existing folder (an S3 prefix always is one). */
export async function assertFolder(path: string): Promise<void> {
  if (isS3Url(path)) return;
  const kind = await kindOfPath(path);
  if (kind !== 'dir') throw new DatasetError('WRONG_TYPE', `not a folder: ${path}`);
}

/** Throws DatasetError unless `path` is an existing file. */
export async function assertFile(path: string): Promise<void> {
  if (isS3Url(path)) {
    await fileSize(path).catch((err: unknown) => {
      throw new DatasetError(
        'NOT_FOUND',
        `cannot open ${path}: ${err instanceof Error ? err.name : String(err)}`,
      );
    });
    return;
  }
  const kind = await kindOfPath(path);
  if (kind !== 'file') throw new DatasetError('WRONG_TYPE', `not a file: ${path}`);
}

/**
 * Decides what a folder holds (annex files, long-format file(s) or nothing usable) from file names
 * and headers, without reading the data. Throws DatasetError when the folder does not exist.
 */
export async function findDataSource(dir: string): Promise<DataSource> {
  await assertFolder(dir);
  const listing = await discoverDataFiles(dir);
  if (listing.error !== undefined) {
    throw new DatasetError('NOT_FOUND', `cannot list ${dir}: ${listing.error}`);
  }
  const ignored: IgnoredDataFile[] = listing.skipped
    .filter((s) => s.why !== 'duplicate')
    .map((s) => ({
      name: s.name,
      kind: 'unknown',
      code: 'ignored-file',
      severity: s.why === 'workbook' ? 'warning' : 'info',
      reason: `ignored: ${s.reason}`,
    }));
  for (const [kind, paths] of listing.byKind) {
    for (const path of paths.slice(1)) {
      ignored.push({
        name: basename(path),
        kind,
        code: 'duplicate-file',
        severity: 'warning',
        reason: `another ${kind} file is used: ${basename(paths[0])}`,
      });
    }
  }
  const files: Partial<Record<AnnexKind, string>> = {};
  for (const kind of ANNEX_KINDS) {
    const path = listing.byKind.get(kind)?.[0];
    if (path !== undefined) files[kind] = path;
  }
  const longs = listing.byKind.get('long') ?? [];
  if (Object.keys(files).length > 0) {
    const first = longs[0];
    if (first !== undefined) {
      ignored.push({
        name: basename(first),
        kind: 'long',
        code: 'ignored-file',
        severity: 'warning',
        reason: 'ignored: a long-format file next to annex files (the annex files are used)',
      });
    }
    return { kind: 'annex', dir, files, ignored };
  }
  const long = longs[0];
  if (long !== undefined) return { kind: 'long', file: long, dir, ignored };
  return { kind: 'none', dir, ignored };
}

/** The source of a location: a folder's contents, or the long-format file itself. */
export async function resolveDataSource(location: DatasetLocation): Promise<DataSource> {
  if ('data' in location) return findDataSource(location.data);
  await assertFile(location.series);
  return { kind: 'long', file: location.series, dir: null, ignored: [] };
}
