import type { LongSeriesColumns } from '../annex.types.js';
import { toEpochDay } from '../dates.js';
import type { FileReadMeta } from '../readers/file-read.types.js';
import type { ValidationOptions } from './annex.validator.js';
import {
  CodeIds,
  Occurrences,
  epochDays,
  lineMapper,
  spanOf,
  type FileCheckContext,
} from './check.context.js';
import { checkFormulaLikeText } from './formula-text.checks.js';
import { IssueCollector } from './issue.collector.js';
import { assembleReport, buildFileReport } from './report.builder.js';
import type {
  DateSpan,
  FileReport,
  IssueExample,
  ValidationReport,
} from './validation-report.types.js';

/** Observations a series needs to count in a backtest window (see src/evaluation/backtest.ts). */
export const MIN_SERIES_HISTORY = 56;

export interface LongValidation {
  file: FileReport;
  dateRange: DateSpan | null;
  series: number;
}

function checkLong(data: LongSeriesColumns, ctx: FileCheckContext): Omit<LongValidation, 'file'> {
  const { issues, lineOf } = ctx;
  const max = issues.maxExamples;
  const n = data.length;
  const ids = new CodeIds();
  const sid = new Int32Array(n);
  for (let i = 0; i < n; i++) sid[i] = ids.id(data.uniqueId[i]);
  checkFormulaLikeText(data.uniqueId, 'unique_id', ctx);
  const day = epochDays(data.ds, n);
  const span = spanOf(day);
  const first = span === null ? 0 : toEpochDay(span.start);
  const spanDays = span?.days ?? 0;
  const seriesCount = ids.size;
  const observed = new Int32Array(seriesCount);
  const distinctDays = new Int32Array(seriesCount);
  const lo = new Int32Array(seriesCount).fill(2 ** 31 - 1);
  const hi = new Int32Array(seriesCount).fill(-(2 ** 31));
  const firstRow = new Map<number, number>();
  const dup = new Occurrences(max);
  const conflict = new Occurrences(max);
  const negative = new Occurrences(max);
  for (let i = 0; i < n; i++) {
    const s = sid[i];
    const y = data.y[i];
    if (Number.isFinite(y)) observed[s]++;
    if (y < 0) negative.add(() => ({ line: lineOf(i), column: 'y', value: String(y) }));
    const key = s * spanDays + (day[i] - first);
    const at = firstRow.get(key);
    if (at === undefined) {
      firstRow.set(key, i);
      distinctDays[s]++;
      if (day[i] < lo[s]) lo[s] = day[i];
      if (day[i] > hi[s]) hi[s] = day[i];
      continue;
    }
    const example = (): IssueExample => ({
      line: lineOf(i),
      value: `${data.uniqueId[i]} ${data.ds[i]}`,
      detail: `also on line ${lineOf(at)} (y ${data.y[at]} vs ${y})`,
    });
    if (Object.is(data.y[at], y)) dup.add(example);
    else conflict.add(example);
  }
  issues.addAll(
    'duplicate-key',
    'warning',
    'repeated (unique_id, ds) rows with the same y',
    dup.count,
    dup.examples,
  );
  issues.addAll(
    'conflicting-key',
    'error',
    'repeated (unique_id, ds) rows with different y: which one is right?',
    conflict.count,
    conflict.examples,
  );
  issues.addAll(
    'negative-value',
    'warning',
    'negative y values',
    negative.count,
    negative.examples,
  );

  const short: IssueExample[] = [];
  let shortCount = 0;
  let gapSeries = 0;
  let gapDays = 0;
  const gapExamples: IssueExample[] = [];
  for (let s = 0; s < seriesCount; s++) {
    if (observed[s] < MIN_SERIES_HISTORY) {
      shortCount++;
      if (short.length < max) {
        short.push({ value: ids.codes[s], detail: `${observed[s]} observations` });
      }
    }
    const missing = hi[s] - lo[s] + 1 - distinctDays[s];
    if (missing > 0) {
      gapSeries++;
      gapDays += missing;
      if (gapExamples.length < max) {
        gapExamples.push({ value: ids.codes[s], detail: `${missing} days without a row` });
      }
    }
  }
  issues.addAll(
    'short-series',
    'warning',
    `series with fewer than ${MIN_SERIES_HISTORY} observations (too short to backtest)`,
    shortCount,
    short,
  );
  issues.addAll(
    'series-gaps',
    'info',
    `series with days missing between their first and last date (${gapDays} days in all; read as missing)`,
    gapSeries,
    gapExamples,
  );
  return { dateRange: span, series: seriesCount };
}

/** Long-format checks without the summary (validateUploads merges them with other files). */
export function validateLongFile(
  data: LongSeriesColumns,
  read?: FileReadMeta,
  opts: ValidationOptions = {},
): LongValidation {
  const ctx = { issues: new IssueCollector(opts.maxExamples), lineOf: lineMapper(read?.lines) };
  const facts = checkLong(data, ctx);
  const file = buildFileReport({
    meta: read,
    file: 'long',
    kind: 'long',
    rows: data.length,
    checks: ctx.issues,
    dateRange: facts.dateRange,
  });
  return { file, ...facts };
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
