import type { FileReadMeta } from '../readers/file-read.types.js';
import { IssueCollector } from './issue.collector.js';
import type {
  DateSpan,
  FileKind,
  FileReport,
  ValidationIssue,
  ValidationReport,
} from './validation-report.types.js';

export interface FileReportInput {
  /** How the file was read (absent when validating columns built elsewhere). */
  meta?: FileReadMeta;
  file: string;
  kind: FileKind;
  /** Rows of the data when there is no read meta. */
  rows: number;
  checks: IssueCollector;
  dateRange: DateSpan | null;
}

function merged(
  meta: FileReadMeta | undefined,
  checks: IssueCollector,
  severity: 'error' | 'warning' | 'info',
): ValidationIssue[] {
  return [...(meta?.issues.list(severity) ?? []), ...checks.list(severity)];
}

/**
 * Most days a file's calendar may span (about 54 years, the generator's longest). Every series is a
 * row of that calendar, so one stray date (9999-12-31 in a file from 2020) would otherwise make a
 * panel of millions of days out of a few thousand rows.
 */
export const MAX_CALENDAR_DAYS = 20_000;

function checkCalendarSpan(checks: IssueCollector, span: DateSpan | null): void {
  if (span === null || span.days <= MAX_CALENDAR_DAYS) return;
  checks.addAll(
    'calendar-too-long',
    'error',
    `the dates span ${span.days.toLocaleString('en-US')} days (${span.start} .. ${span.end}), more than ${MAX_CALENDAR_DAYS.toLocaleString('en-US')}: look for a mistyped year at either end`,
    1,
    [
      { column: 'date', value: span.start, detail: 'earliest date' },
      { column: 'date', value: span.end, detail: 'latest date' },
    ],
  );
}

/** One file's entry: what reading found, then what the checks found. */
export function buildFileReport(input: FileReportInput): FileReport {
  const { meta } = input;
  checkCalendarSpan(input.checks, input.dateRange);
  return {
    file: meta?.file ?? input.file,
    kind: meta?.kind ?? input.kind,
    rows: meta?.rows ?? input.rows,
    rowsKept: meta?.rowsKept ?? input.rows,
    encoding: meta?.encoding ?? 'unknown',
    columnsFound: meta?.columnsFound ?? [],
    columnsMissing: meta?.columnsMissing ?? [],
    dateRange: input.dateRange,
    errors: merged(meta, input.checks, 'error'),
    warnings: merged(meta, input.checks, 'warning'),
    notes: merged(meta, input.checks, 'info'),
  };
}

/** An entry for a file that is not there (or could not be used), with one issue. */
export function fileNotice(
  file: string,
  kind: FileKind,
  add: (issues: IssueCollector) => void,
): FileReport {
  const checks = new IssueCollector();
  add(checks);
  return buildFileReport({ file, kind, rows: 0, checks, dateRange: null });
}

export interface ReportFacts {
  dateRange: DateSpan | null;
  items: number | null;
  series: number | null;
  missingKinds: FileKind[];
}

/** The report: files in the given order and the summary. */
export function assembleReport(files: FileReport[], facts: ReportFacts): ValidationReport {
  const present = files.filter(
    (f) => ![...f.errors, ...f.warnings].some((i) => i.code === 'missing-file'),
  );
  const errorCount = files.reduce((n, f) => n + f.errors.length, 0);
  const warningCount = files.reduce((n, f) => n + f.warnings.length, 0);
  return {
    schemaVersion: 1,
    files,
    summary: {
      ok: errorCount === 0,
      hasErrors: errorCount > 0,
      clean: errorCount === 0 && warningCount === 0,
      errorCount,
      warningCount,
      files: present.length,
      kinds: [...new Set(present.map((f) => f.kind))],
      missingKinds: facts.missingKinds,
      dateRange: facts.dateRange,
      items: facts.items,
      series: facts.series,
      rows: files.reduce((n, f) => n + f.rows, 0),
    },
  };
}
