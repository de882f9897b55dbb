import type {
  ItemMaster,
  LongSeriesColumns,
  LossRates,
  SalesColumns,
  WholesaleColumns,
} from '../annex.types.js';
import type { IssueCollector } from '../validation/issue.collector.js';
import type { FileKind, TableKind } from '../validation/validation-report.types.js';
import type { TextEncodingName } from './read-input.source.js';

/** The columnar data each file kind reads into (src/data/annex.types.ts). */
export interface TableData {
  annex1: ItemMaster;
  annex2: SalesColumns;
  annex3: WholesaleColumns;
  annex4: LossRates;
  long: LongSeriesColumns;
}

/** What reading a file found besides the data: shape, encoding, issues, source line of each row. */
export interface FileReadMeta {
  file: string;
  kind: FileKind;
  encoding: TextEncodingName;
  delimiter: string;
  /** Data records read (header and blank lines excluded). */
  rows: number;
  /** Records kept (the data's length). */
  rowsKept: number;
  /** Header fields as written (trimmed, NBSP made plain). */
  columnsFound: string[];
  /** `English / 中文` names of expected columns that are absent. */
  columnsMissing: string[];
  issues: IssueCollector;
  /** File line (1-based) of each kept record, aligned with the data rows. */
  lines: Int32Array;
}

export interface FileRead<K extends TableKind> {
  kind: K;
  meta: FileReadMeta;
  data: TableData[K];
}

export type AnyFileRead =
  | { [K in TableKind]: FileRead<K> }[TableKind]
  | { kind: 'unknown'; meta: FileReadMeta; data: null };

export interface ReadOptions {
  /** File name used in the report (defaults to the path's base name, or "upload"). */
  name?: string;
  /** Examples kept per issue (default 5). */
  maxExamples?: number;
}
