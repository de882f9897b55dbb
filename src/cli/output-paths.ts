import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isS3Url } from '../data/s3/s3-data.files.js';
import { resolveDataSource, type DatasetLocation } from '../data/dataset-source.finder.js';
import { UsageError } from './cli.errors.js';

/** stat of a path, or undefined when it does not exist (or cannot be read). */
function statOf(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The local files a load of `location` reads (none for S3, or when nothing can be found there). */
async function inputFiles(location: DatasetLocation): Promise<string[]> {
  if (isS3Url('data' in location ? location.data : location.series)) return [];
  try {
    const source = await resolveDataSource(location);
    if (source.kind === 'annex') return Object.values(source.files);
    if (source.kind === 'long') return [source.file];
  } catch {
    // A missing folder or file: the load itself says so.
  }
  return [];
}

/**
 * Refuses, before any work, an output file that is one of the files the command reads: writing the
 * result there would replace the data (`data panel --series f.csv --out f.csv`). Compared by device
 * and inode, so relative paths, `..` and links to the same file are caught too.
 */
export async function refuseInputAsOutput(
  flag: string,
  out: string | undefined,
  location: DatasetLocation,
): Promise<void> {
  if (out === undefined || out === '-') return;
  const target = statOf(out);
  if (target === undefined || !target.isFile()) return;
  for (const input of await inputFiles(location)) {
    const read = statOf(input);
    if (read !== undefined && read.dev === target.dev && read.ino === target.ino)
      throw new UsageError(
        `${flag} ${out} is the input file ${input}: writing there would overwrite the data; choose another path`,
      );
  }
}

/** Refuses, before any work, an output file path that names an existing folder. */
export function refuseFolderAsOutputFile(flag: string, out: string | undefined): void {
  if (out === undefined || out === '-') return;
  if (statOf(out)?.isDirectory() === true)
    throw new UsageError(`${flag} ${out} is a folder: give a file path`);
}

/** Refuses, before any work, an output file whose folder does not exist. */
export function checkOutputFolder(flag: string, file: string): void {
  const dir = dirname(resolve(file));
  if (statOf(dir)?.isDirectory() !== true)
    throw new UsageError(`${flag} ${file}: folder ${dir} does not exist`);
}

/** Refuses, before any work, an output file path in a missing folder or that names a folder. */
export function checkOutputFile(flag: string, file: string): void {
  checkOutputFolder(flag, file);
  refuseFolderAsOutputFile(flag, file);
}

/**
 * Refuses, before any work, an output folder path that names an existing file, or anything else that
 * is no folder (`/dev/null`: train found out after the training, data generate with a mkdir error).
 */
export function refuseFileAsOutputFolder(flag: string, out: string, what = 'a folder'): void {
  const found = statOf(out);
  if (found === undefined || found.isDirectory()) return;
  throw new UsageError(
    `${flag} ${out} is ${found.isFile() ? 'a file' : 'not a folder'}: give ${what}`,
  );
}
