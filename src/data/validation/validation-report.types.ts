/**
 * The data validation report: JSON-serialisable, stable shape. One entry per file plus a summary.
 * Errors mean unusable data (training stops); warnings mean suspicious data; info is context.
 */
export type TableKind = 'annex1' | 'annex2' | 'annex3' | 'annex4' | 'long';
export type FileKind = TableKind | 'unknown';
export type AnnexKind = Exclude<TableKind, 'long'>;
export const ANNEX_KINDS: readonly AnnexKind[] = ['annex1', 'annex2', 'annex3', 'annex4'];

export const KIND_LABELS: Record<FileKind, string> = {
  annex1: 'item master',
  annex2: 'sales transactions',
  annex3: 'wholesale prices',
  annex4: 'loss rates',
  long: 'long-format series',
  unknown: 'unrecognised file',
};

export type Severity = 'error' | 'warning' | 'info';

export type IssueCode =
  // reading the bytes
  | 'unreadable-file'
  | 'empty-file'
  | 'binary-file'
  | 'not-utf8'
  | 'invalid-utf8'
  | 'transcoded'
  | 'delimiter'
  | 'record-too-large'
  | 'unterminated-quote'
  | 'malformed-quote'
  // header
  | 'unknown-kind'
  | 'wrong-kind'
  | 'missing-column'
  | 'duplicate-column'
  | 'unrecognised-column'
  | 'no-data-rows'
  // rows
  | 'ragged-row'
  | 'missing-value'
  | 'bad-date'
  | 'bad-number'
  | 'bad-item-code'
  | 'bad-time'
  | 'unknown-flag'
  | 'non-numeric-column'
  // content
  | 'duplicate-key'
  | 'conflicting-key'
  | 'zero-quantity'
  | 'sign-mismatch'
  | 'returns'
  | 'non-positive-net-day'
  | 'non-positive-price'
  | 'unknown-item'
  | 'dates-without-rows'
  | 'items-never-sold'
  | 'price-outlier'
  | 'markup-outlier'
  | 'missing-category'
  | 'repeated-item-name'
  | 'formula-like-text'
  | 'loss-rate-out-of-range'
  | 'loss-rate-scale'
  | 'missing-loss-rate'
  | 'negative-value'
  | 'short-series'
  | 'series-gaps'
  | 'calendar-too-long'
  // file set
  | 'missing-file'
  | 'duplicate-file'
  | 'ignored-file';

/** One concrete occurrence: where (file line, 1-based, header = line 1 as a rule) and what. */
export interface IssueExample {
  line?: number;
  column?: string;
  value?: string;
  detail?: string;
}

export interface ValidationIssue {
  code: IssueCode;
  severity: Severity;
  /** Column (header as written) the issue is about, when it is about one. */
  column?: string;
  message: string;
  /** How many occurrences (rows, dates, items… as the message says). */
  count: number;
  /** The first few occurrences. */
  examples: IssueExample[];
}

export interface DateSpan {
  start: string;
  end: string;
  /** Calendar days from start to end inclusive. */
  days: number;
}

export interface FileReport {
  file: string;
  kind: FileKind;
  /** Data records read (header and blank lines excluded). */
  rows: number;
  /** Records kept after parsing (rows − skipped). */
  rowsKept: number;
  encoding: string;
  columnsFound: string[];
  /** Expected names of missing columns (`English / 中文`), required and optional. */
  columnsMissing: string[];
  dateRange: DateSpan | null;
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
  notes: ValidationIssue[];
}

export interface ReportSummary {
  /** No errors: the data can be used (warnings allowed). */
  ok: boolean;
  hasErrors: boolean;
  /** No errors and no warnings. */
  clean: boolean;
  errorCount: number;
  warningCount: number;
  files: number;
  kinds: FileKind[];
  /** Annex files absent from an annex data set (empty for a long-format set). */
  missingKinds: FileKind[];
  /** Sales (or long-format) dates; wholesale dates when there are no sales. */
  dateRange: DateSpan | null;
  /** Items in the item master; null without one. */
  items: number | null;
  /** Distinct series with data (item codes in sales, or unique_id values). */
  series: number | null;
  rows: number;
}

export interface ValidationReport {
  schemaVersion: 1;
  files: FileReport[];
  summary: ReportSummary;
}
