import type { LongSeriesColumns } from '../annex.types.js';
import type { FileReadMeta } from '../readers/file-read.types.js';
import type { ValidationOptions } from './annex.validator.js';
import { lineMapper } from './check.context.js';
import { IssueCollector } from './issue.collector.js';
import { LongStreamChecks } from './long-format.stream.js';
import { assembleReport, buildFileReport } from './report.builder.js';
import { HeldRows } from './validation-limits.js';
import type { DateSpan, FileReport, ValidationReport } from './validation-report.types.js';

export { MIN_SERIES_HISTORY } from './long-format.stream.js';

export interface LongValidation {
  file: FileReport;
  dateRange: DateSpan | null;
  series: number;
}

/** The file's entry once its rows went through `checks` (LongStreamChecks). */
export function longFileReport(
  checks: LongStreamChecks,
  issues: IssueCollector,
  read?: FileReadMeta,
): LongValidation {
  const facts = checks.finish();
  const file = buildFileReport({
    meta: read,
    file: 'long',
    kind: 'long',
    rows: facts.rows,
    checks: issues,
    dateRange: facts.dateRange,
  });
  return { file, dateRange: facts.dateRange, series: facts.series };
}

/** Long-format checks of columns read whole (the same checks the upload runs as rows arrive). */
export function validateLongFile(
  data: LongSeriesColumns,
  read?: FileReadMeta,
  opts: ValidationOptions = {},
): LongValidation {
  const issues = new IssueCollector(opts.maxExamples);
  const lineOf = lineMapper(read?.lines);
  const checks = new LongStreamChecks(issues, new HeldRows(Infinity), read?.file ?? 'long');
  for (let i = 0; i < data.length; i++)
    checks.row(data.uniqueId[i], data.ds[i], data.y[i], lineOf(i));
  return longFileReport(checks, issues, read);
}

/**
 * Validates a long-format series file: repeated (unique_id, ds) keys, negative values, series too
 * short to backtest, gaps; plus what reading found when `read` is given.
 */
export function validateLongFormat(
  data: LongSeriesColumns,
  read?: FileReadMeta,
  opts: ValidationOptions = {},
): ValidationReport {
  const v = validateLongFile(data, read, opts);
  return assembleReport([v.file], {
    dateRange: v.dateRange,
    items: null,
    series: v.series,
    missingKinds: [],
  });
}
