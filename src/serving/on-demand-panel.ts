import { dateRange, fromEpochDay } from '../data/dates.js';
import type { SeriesPanel, Target } from '../data/series-panel.js';

/**
 * Epoch day of an ISO `YYYY-MM-DD` date, or NaN when it is not a real calendar date: the same answers
 * as `toEpochDay` in data/dates (years before 100 are NaN there too), computed with integer
 * arithmetic (no RegExp, no Date) since on-demand requests parse every day of their history.
 */
export function isoEpochDay(iso: string): number {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return NaN;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = iso.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    y = y * 10 + c;
  }
  const m1 = iso.charCodeAt(5) - 48;
  const m2 = iso.charCodeAt(6) - 48;
  const d1 = iso.charCodeAt(8) - 48;
  const d2 = iso.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return NaN;
  const m = m1 * 10 + m2;
  const d = d1 * 10 + d2;
  if (y < 100 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NaN;
  // Days from civil (H. Hinnant): March-based years, 400-year eras.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export interface HistoryPoint {
  date: string;
  value: number;
}

/**
 * One panel from several histories (already validated: ISO dates, strictly ascending): a shared
 * calendar from the earliest to the latest date, NaN (unlisted) on days a history lacks, statics
 * unknown (NaN / ''). Series ids are `seriesIds[i]` for `histories[i]` (given sorted).
 */
export function buildOnDemandPanel(
  seriesIds: string[],
  histories: HistoryPoint[][],
  target: Target,
): SeriesPanel {
  let first = Infinity;
  let last = -Infinity;
  for (const h of histories) {
    if (h.length === 0) continue;
    first = Math.min(first, isoEpochDay(h[0].date));
    last = Math.max(last, isoEpochDay(h[h.length - 1].date));
  }
  if (!Number.isFinite(first)) throw new RangeError('on-demand panel needs at least one point');
  const dates = dateRange(fromEpochDay(first), fromEpochDay(last));
  const n = seriesIds.length;
  const days = dates.length;
  const values = new Float32Array(n * days).fill(NaN);
  const listed = new Uint8Array(n * days);
  histories.forEach((h, s) => {
    for (const p of h) {
      const t = isoEpochDay(p.date) - first;
      values[s * days + t] = p.value;
      listed[s * days + t] = 1;
    }
  });
  return {
    seriesIds,
    dates,
    columns: new Map([[target, values]]),
    listed,
    statics: {
      name: seriesIds.map(() => ''),
      categoryCode: seriesIds.map(() => ''),
      categoryName: seriesIds.map(() => ''),
      lossRate: new Float32Array(n).fill(NaN),
    },
    source: 'long',
  };
}

/** Field problems of a history (for a 400), given the model's minimum history. */
export function historyProblems(
  history: HistoryPoint[],
  minHistory: number,
  maxValue: number,
): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  let prev = -Infinity;
  history.forEach((p, i) => {
    if (typeof p.value !== 'number' || !Number.isFinite(p.value))
      out.push({ field: `history.${i}.value`, message: 'value must be a finite number' });
    else if (p.value < 0)
      out.push({ field: `history.${i}.value`, message: 'value must not be negative' });
    else if (p.value > maxValue)
      out.push({ field: `history.${i}.value`, message: `value must not exceed ${maxValue}` });
    const day = isoEpochDay(p.date);
    if (Number.isNaN(day))
      out.push({ field: `history.${i}.date`, message: 'date must be a calendar date YYYY-MM-DD' });
    else if (!(day > prev))
      out.push({ field: `history.${i}.date`, message: 'dates must be strictly ascending' });
    if (!Number.isNaN(day)) prev = day;
  });
  if (history.length < minHistory)
    out.push({
      field: 'history',
      message: `at least ${minHistory} observed days are needed by this model, got ${history.length}`,
    });
  return out;
}
