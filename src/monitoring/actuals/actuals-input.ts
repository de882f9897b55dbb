import type { SalesColumns } from '../../data/annex.types.js';
import type { Target } from '../../data/series-panel.js';
import { readTable } from '../../data/readers/table.reader.js';
import { validateUploads, type UploadedFile } from '../../data/validation/validate-uploads.js';
import type { ValidationReport } from '../../data/validation/validation-report.types.js';
import type { ActualRow } from './actuals.store.js';

/**
 * Actuals read from one upload, per target, or why it was rejected: its content (with the validation
 * report), or the request's target (`field: 'target'`), which the file does not hold.
 */
export type ActualsParse =
  | { ok: true; report: ValidationReport; rows: Partial<Record<Target, ActualRow[]>> }
  | { ok: false; report: ValidationReport; reason: string; field?: 'target' };

/** Targets whose values are prices: never negative (quantities may be, returns net against sales). */
const PRICE_TARGETS: ReadonlySet<Target> = new Set<Target>(['price', 'wholesale']);

/** One long-format row as posted in JSON. */
export interface LongActual {
  unique_id: string;
  ds: string;
  y: number;
}

const csvField = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** JSON rows as the long-format CSV the validator reads, so both forms get the same report. */
export function longRowsAsCsv(rows: readonly LongActual[]): Buffer {
  const lines = ['unique_id,ds,y'];
  for (const r of rows) lines.push(`${csvField(r.unique_id)},${csvField(r.ds)},${String(r.y)}`);
  return Buffer.from(lines.join('\n'), 'utf8');
}

/** Net kg per item-day (sales − returns) and the average selling price on days with positive sales. */
function annexSalesActuals(s: SalesColumns): Record<'quantity' | 'price', ActualRow[]> {
  const kg = new Map<string, number>();
  const revenue = new Map<string, number>();
  for (let i = 0; i < s.length; i++) {
    const key = `${s.itemCode[i]}\u0000${s.date[i]}`;
    kg.set(key, (kg.get(key) ?? 0) + s.quantity[i]);
    revenue.set(key, (revenue.get(key) ?? 0) + s.quantity[i] * s.unitPrice[i]);
  }
  const quantity: ActualRow[] = [];
  const price: ActualRow[] = [];
  for (const [key, q] of kg) {
    const [seriesId, date] = key.split('\u0000');
    quantity.push({ seriesId, date, y: q });
    const r = revenue.get(key) ?? NaN;
    if (q > 0 && Number.isFinite(r)) price.push({ seriesId, date, y: r / q });
  }
  return { quantity, price };
}

/**
 * The latest day an actual may be dated, `now` in UTC plus one day: a store east of UTC is at most
 * 14 hours ahead, so its today is never later. Live accuracy windows end at the newest actual, so a
 * mistyped year (9999-12-31) would otherwise move them past every forecast and empty them.
 */
export function latestActualDay(now: Date): string {
  return new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
}

/**
 * The rows, or a rejection when one has no value: a file may leave `y` empty (a missing day, a
 * warning in the report), but an actual without a number would replace the stored value of its
 * item-day with nothing. A negative price (`price`, `wholesale`) is refused the same way, and so is
 * a day after `latestActualDay` (sales that have not happened yet).
 */
function withValues(
  report: ValidationReport,
  rows: Partial<Record<Target, ActualRow[]>>,
  now: Date,
): ActualsParse {
  const where = (r: ActualRow): string => `${JSON.stringify(r.seriesId)} on ${r.date}`;
  const latest = latestActualDay(now);
  const future = offendingRows(rows, (row) => row.date > latest);
  if (future.first !== undefined)
    return {
      ok: false,
      report,
      reason:
        `${future.count} row(s) are dated after ${latest} (the first: ${where(future.first.row)}); ` +
        'actuals are sales that happened: check the date',
    };
  const missing = offending(rows, (y) => !Number.isFinite(y));
  if (missing.first !== undefined)
    return {
      ok: false,
      report,
      reason:
        `${missing.count} row(s) have no value (the first: ${where(missing.first.row)}); ` +
        'every actual needs a number',
    };
  const negative = offending(rows, (y, target) => y < 0 && PRICE_TARGETS.has(target));
  if (negative.first !== undefined) {
    const { row, target } = negative.first;
    return {
      ok: false,
      report,
      reason:
        `${negative.count} row(s) have a negative ${target} (the first: ${where(row)}, ${row.y}); ` +
        'a price cannot be negative',
    };
  }
  return { ok: true, report, rows };
}

/** How many rows' values fail `bad`, and the first of them with its target. */
function offending(
  rows: Partial<Record<Target, ActualRow[]>>,
  bad: (y: number, target: Target) => boolean,
): { count: number; first?: { row: ActualRow; target: Target } } {
  return offendingRows(rows, (row, target) => bad(row.y, target));
}

/** How many rows fail `bad`, and the first of them with its target. */
function offendingRows(
  rows: Partial<Record<Target, ActualRow[]>>,
  bad: (row: ActualRow, target: Target) => boolean,
): { count: number; first?: { row: ActualRow; target: Target } } {
  let count = 0;
  let first: { row: ActualRow; target: Target } | undefined;
  for (const [target, list] of Object.entries(rows) as [Target, ActualRow[] | undefined][])
    for (const row of list ?? [])
      if (bad(row, target)) {
        count++;
        first ??= { row, target };
      }
  return { count, first };
}

/** Columns the header of an uploaded file repeats (the reader would use the first one silently). */
function repeatedColumns(report: ValidationReport): string[] {
  const columns = new Set<string>();
  for (const f of report.files)
    for (const issue of f.warnings)
      if (issue.code === 'duplicate-column')
        for (const ex of issue.examples) if (ex.column !== undefined) columns.add(ex.column);
  return [...columns];
}

/**
 * Validates an actuals upload with the same report as POST /data/validate and reads it: a long-format
 * file (`unique_id,ds,y`, the values of `target`) or annex2 sales lines (net kg per item-day for
 * `quantity`, average selling price for `price`; they hold no wholesale prices, so `wholesale` is
 * refused). All or nothing: any error in the report rejects the whole upload, and so does a header
 * that repeats a column (which one holds the value is not known) or a day after tomorrow (`now`).
 */
export async function parseActualsUpload(
  file: UploadedFile,
  target: Target,
  now: Date = new Date(),
): Promise<ActualsParse> {
  const report = await validateUploads([file]);
  if (target === 'wholesale' && report.files.some((f) => f.kind === 'annex2'))
    return {
      ok: false,
      report,
      field: 'target',
      reason:
        'annex2 sales lines hold quantity and price (net kg and the average selling price per ' +
        'item-day), not wholesale; post wholesale actuals as a long-format file (unique_id,ds,y)',
    };
  if (!report.summary.ok)
    return { ok: false, report, reason: 'the actuals have errors (see details.report)' };
  const repeated = repeatedColumns(report);
  if (repeated.length > 0)
    return {
      ok: false,
      report,
      reason: `the header repeats column(s) ${repeated.join(', ')}: which one holds the values is ambiguous`,
    };
  const read = await readTable(file.bytes, { name: file.name });
  if (read.kind === 'long') {
    const d = read.data;
    const rows: ActualRow[] = [];
    for (let i = 0; i < d.length; i++)
      rows.push({ seriesId: d.uniqueId[i], date: d.ds[i], y: d.y[i] });
    return withValues(report, { [target]: rows }, now);
  }
  if (read.kind === 'annex2') return withValues(report, annexSalesActuals(read.data), now);
  return {
    ok: false,
    report,
    reason: `actuals must be a long-format file (unique_id,ds,y) or annex2 sales lines, not ${read.kind}`,
  };
}
