import type { SalesColumns } from '../../data/annex.types.js';
import type { Target } from '../../data/series-panel.js';
import { readTable } from '../../data/readers/table.reader.js';
import { validateUploads, type UploadedFile } from '../../data/validation/validate-uploads.js';
import type { ValidationReport } from '../../data/validation/validation-report.types.js';
import type { ActualRow } from './actuals.store.js';

/** Actuals read from one upload, per target, or the validation report that rejected it. */
export type ActualsParse =
  | { ok: true; report: ValidationReport; rows: Partial<Record<Target, ActualRow[]>> }
  | { ok: false; report: ValidationReport; reason: string };

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
 * The rows, or a rejection when one has no value: a file may leave `y` empty (a missing day, a
 * warning in the report), but an actual without a number would replace the stored value of its
 * item-day with nothing.
 */
function withValues(
  report: ValidationReport,
  rows: Partial<Record<Target, ActualRow[]>>,
): ActualsParse {
  let missing = 0;
  let first: ActualRow | undefined;
  for (const list of Object.values(rows))
    for (const r of list ?? [])
      if (!Number.isFinite(r.y)) {
        missing++;
        first ??= r;
      }
  if (first === undefined) return { ok: true, report, rows };
  return {
    ok: false,
    report,
    reason:
      `${missing} row(s) have no value (the first: ${JSON.stringify(first.seriesId)} on ${first.date}); ` +
      'every actual needs a number',
  };
}

/**
 * Validates an actuals upload with the same report as POST /data/validate and reads it: a long-format
 * file (`unique_id,ds,y`, the values of `target`) or annex2 sales lines (net kg per item-day for
 * `quantity`, average selling price for `price`). All or nothing: any error in the report rejects
 * the whole upload.
 */
export async function parseActualsUpload(
  file: UploadedFile,
  target: Target,
): Promise<ActualsParse> {
  const report = await validateUploads([file]);
  if (!report.summary.ok)
    return { ok: false, report, reason: 'the actuals have errors (see details.report)' };
  const read = await readTable(file.bytes, { name: file.name });
  if (read.kind === 'long') {
    const d = read.data;
    const rows: ActualRow[] = [];
    for (let i = 0; i < d.length; i++)
      rows.push({ seriesId: d.uniqueId[i], date: d.ds[i], y: d.y[i] });
    return withValues(report, { [target]: rows });
  }
  if (read.kind === 'annex2') return withValues(report, annexSalesActuals(read.data));
  return {
    ok: false,
    report,
    reason: `actuals must be a long-format file (unique_id,ds,y) or annex2 sales lines, not ${read.kind}`,
  };
}
