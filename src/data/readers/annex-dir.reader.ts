import { basename } from 'node:path';
import { childPath, fileChunks, isS3Url, listFolder } from '../data-file.access.js';
import type { AnnexData } from '../annex.types.js';
import {
  ANNEX_KINDS,
  type AnnexKind,
  type TableKind,
} from '../validation/validation-report.types.js';
import { emptyTable, readItems, readLossRates, readSales, readWholesale } from './annex.readers.js';
import type { FileReadMeta, ReadOptions } from './file-read.types.js';
import { kindFromFileName } from './table.columns.js';
import { readTable } from './table.reader.js';

const TEXT_FILE = /\.(csv|tsv|txt)$/i;
const WORKBOOK = /\.(xlsx|xlsm|xls|ods)$/i;

export interface DataFileSkipped {
  name: string;
  reason: string;
  /** 'duplicate' when another file of the same kind was used instead. */
  why: 'workbook' | 'unrecognised' | 'duplicate';
}

export interface DataDirListing {
  dir: string;
  /** Paths per kind, the one to use first (named files before header-detected ones, then by name). */
  byKind: Map<TableKind, string[]>;
  skipped: DataFileSkipped[];
  /** Set when the folder itself cannot be listed. */
  error?: string;
}

/**
 * Finds data files in a folder: `annex1.csv`..`annex4.csv` / `附件1.csv`..`附件4.csv` by name (any
 * case), other CSV/TSV/TXT files by their header (annex kinds or long format). Workbooks are listed
 * as skipped with the reason.
 */
export async function discoverDataFiles(dir: string): Promise<DataDirListing> {
  const listing: DataDirListing = { dir, byKind: new Map(), skipped: [] };
  let names: string[];
  try {
    names = (await listFolder(dir)).files;
  } catch (err) {
    listing.error = err instanceof Error ? err.message : String(err);
    return listing;
  }
  const named: [TableKind, string][] = [];
  const sniffed: [TableKind, string][] = [];
  for (const name of names) {
    if (WORKBOOK.test(name)) {
      listing.skipped.push({
        name,
        why: 'workbook',
        reason: 'a spreadsheet workbook: export each sheet as "CSV UTF-8"',
      });
      continue;
    }
    if (!TEXT_FILE.test(name)) continue;
    const byName = kindFromFileName(name);
    if (byName !== null) {
      named.push([byName, name]);
      continue;
    }
    const path = childPath(dir, name);
    // S3: the header is read from the start of the object's stream, which is then closed.
    const head = await readTable(isS3Url(path) ? fileChunks(path) : path, {
      headerOnly: true,
      name,
    });
    if (head.kind === 'unknown') {
      listing.skipped.push({ name, why: 'unrecognised', reason: 'header not recognised' });
    } else sniffed.push([head.kind, name]);
  }
  for (const [kind, name] of [...named, ...sniffed]) {
    const list = listing.byKind.get(kind) ?? [];
    if (list.length > 0) {
      listing.skipped.push({
        name,
        why: 'duplicate',
        reason: `another ${kind} file is used: ${basename(list[0])}`,
      });
    }
    list.push(childPath(dir, name));
    listing.byKind.set(kind, list);
  }
  return listing;
}

export interface AnnexDirRead {
  /** All four tables; absent files give empty tables (see `missing`). */
  data: AnnexData;
  /** How each file that was found was read. */
  reads: Partial<Record<AnnexKind, FileReadMeta>>;
  missing: AnnexKind[];
  listing: DataDirListing;
}

/** Reads the retailer's four files from a folder (names or headers, EN or CN). Never throws for bad data. */
export async function readAnnexDir(dir: string, opts: ReadOptions = {}): Promise<AnnexDirRead> {
  const listing = await discoverDataFiles(dir);
  const path = (kind: AnnexKind): string | undefined => listing.byKind.get(kind)?.[0];
  const reads: AnnexDirRead['reads'] = {};
  const missing = ANNEX_KINDS.filter((k) => path(k) === undefined);
  const readIf = async <T>(
    kind: AnnexKind,
    reader: (p: string, o: ReadOptions) => Promise<{ meta: FileReadMeta; data: T }>,
  ): Promise<T | undefined> => {
    const p = path(kind);
    if (p === undefined) return undefined;
    const r = await reader(p, opts);
    reads[kind] = r.meta;
    return r.data;
  };
  const data: AnnexData = {
    items: (await readIf('annex1', readItems)) ?? emptyTable('annex1'),
    sales: (await readIf('annex2', readSales)) ?? emptyTable('annex2'),
    wholesale: (await readIf('annex3', readWholesale)) ?? emptyTable('annex3'),
    lossRates: (await readIf('annex4', readLossRates)) ?? emptyTable('annex4'),
  };
  return { data, reads, missing, listing };
}
