import { basename } from 'node:path';
import { fileChunks, fileSize } from './data-file.access.js';
import type { AnnexData, LongSeriesColumns } from './annex.types.js';
import {
  emptyTable,
  readItems,
  readLossRates,
  readSales,
  readWholesale,
} from './readers/annex.readers.js';
import type { FileRead, FileReadMeta, ReadOptions } from './readers/file-read.types.js';
import { readLongFormat } from './readers/long-format.reader.js';
import type { ReadInput } from './readers/read-input.source.js';
import type { AnnexKind, TableKind } from './validation/validation-report.types.js';

const CHUNK_BYTES = 1 << 20;

/** Called with the bytes read so far and the total size of the files being read. */
export type BytesProgress = (done: number, total: number) => void;

export interface AnnexFilesRead {
  data: AnnexData;
  /** How each file that exists was read (validation needs it). */
  reads: Partial<Record<AnnexKind, FileReadMeta>>;
}

export interface LongFileRead {
  data: LongSeriesColumns;
  meta: FileReadMeta;
}

type Reader<K extends TableKind> = (input: ReadInput, opts?: ReadOptions) => Promise<FileRead<K>>;

/** Reads files in one pass each, counting bytes across all of them for a progress bar. */
class CountingReads {
  private done = 0;

  constructor(
    private readonly total: number,
    private readonly onBytes: BytesProgress | undefined,
    private readonly opts: ReadOptions,
  ) {}

  static async open(
    paths: readonly string[],
    onBytes: BytesProgress | undefined,
    opts: ReadOptions,
  ): Promise<CountingReads> {
    let total = 0;
    for (const path of paths) total += await fileSize(path);
    const reads = new CountingReads(total, onBytes, opts);
    onBytes?.(0, total);
    return reads;
  }

  read<K extends TableKind>(reader: Reader<K>, path: string): Promise<FileRead<K>> {
    return reader(this.chunks(path), { ...this.opts, name: basename(path) });
  }

  finish(): void {
    this.onBytes?.(this.total, this.total);
  }

  private async *chunks(path: string): AsyncGenerator<Buffer> {
    // Disk or S3 (GetObject's body): streamed either way, never read whole first.
    for await (const chunk of fileChunks(path, CHUNK_BYTES)) {
      this.done += chunk.length;
      // The end (done === total) is reported once, by finish(), after the last chunk is parsed.
      if (this.done < this.total) this.onBytes?.(this.done, this.total);
      yield chunk;
    }
  }
}

/**
 * Reads the annex files found in a folder (as readAnnexDir does, each file once), reporting bytes
 * read. Absent kinds give empty tables and no read entry, so validation reports them as missing.
 */
export async function readAnnexFiles(
  files: Partial<Record<AnnexKind, string>>,
  onBytes?: BytesProgress,
  opts: ReadOptions = {},
): Promise<AnnexFilesRead> {
  const present = Object.values(files).filter((p): p is string => p !== undefined);
  const counting = await CountingReads.open(present, onBytes, opts);
  const reads: AnnexFilesRead['reads'] = {};
  const readIf = async <K extends AnnexKind>(kind: K, reader: Reader<K>) => {
    const path = files[kind];
    if (path === undefined) return emptyTable(kind);
    const r = await counting.read(reader, path);
    reads[kind] = r.meta;
    return r.data;
  };
  const data: AnnexData = {
    items: await readIf('annex1', readItems),
    sales: await readIf('annex2', readSales),
    wholesale: await readIf('annex3', readWholesale),
    lossRates: await readIf('annex4', readLossRates),
  };
  counting.finish();
  return { data, reads };
}

/** Reads one long-format file (`unique_id,ds,y` + numeric columns), reporting bytes read. */
export async function readLongFile(
  path: string,
  onBytes?: BytesProgress,
  opts: ReadOptions = {},
): Promise<LongFileRead> {
  const counting = await CountingReads.open([path], onBytes, opts);
  const r = await counting.read(readLongFormat, path);
  counting.finish();
  return { data: r.data, meta: r.meta };
}
