import {
  dateRange,
  fromEpochDay,
  LAST_ISO_DAY,
  runsPastLastIsoDay,
  toEpochDay,
} from '../data/dates.js';
import type { SeriesPanel, Target } from '../data/series-panel.js';

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
    first = Math.min(first, toEpochDay(h[0].date));
    last = Math.max(last, toEpochDay(h[h.length - 1].date));
  }
  if (!Number.isFinite(first)) throw new RangeError('on-demand panel needs at least one point');
  const dates = dateRange(fromEpochDay(first), fromEpochDay(last));
  const n = seriesIds.length;
  const days = dates.length;
  const values = new Float32Array(n * days).fill(NaN);
  const listed = new Uint8Array(n * days);
  histories.forEach((h, s) => {
    for (const p of h) {
      const t = toEpochDay(p.date) - first;
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

/**
 * Field problems of a history (for a 400), given the model's minimum history and the days it
 * forecasts after the history's last date (which must not run past 9999-12-31).
 */
export function historyProblems(
  history: HistoryPoint[],
  minHistory: number,
  maxValue: number,
  forecastDays: number,
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
    const day = toEpochDay(p.date);
    if (Number.isNaN(day))
      out.push({ field: `history.${i}.date`, message: 'date must be a calendar date YYYY-MM-DD' });
    else if (!(day > prev))
      out.push({ field: `history.${i}.date`, message: 'dates must be strictly ascending' });
    if (!Number.isNaN(day)) prev = day;
  });
  const last = history.at(-1);
  if (last !== undefined && runsPastLastIsoDay(last.date, forecastDays))
    out.push({
      field: `history.${history.length - 1}.date`,
      message: `the ${forecastDays}-day forecast after ${last.date} would run past ${LAST_ISO_DAY}`,
    });
  if (history.length < minHistory)
    out.push({
      field: 'history',
      message: `at least ${minHistory} observed days are needed by this model, got ${history.length}`,
    });
  return out;
}
