import { addDays, isIsoDate, toEpochDay } from '../../data/dates.js';
import type { SeriesPanel, Target } from '../../data/series-panel.js';
import { ForecasterError, ForecasterErrorCode } from '../forecaster.errors.js';

/** A cutoff as an ISO date and as an index into the panel's calendar (may lie past the last date). */
export interface ResolvedCutoff {
  iso: string;
  index: number;
}

/** One series' target history from the panel's first date up to the cutoff (inclusive); NaN = missing. */
export interface SeriesHistory {
  index: number;
  id: string;
  values: Float64Array;
  observed: number;
}

/** How far past the panel's last date a cutoff may lie (the days between count as missing). */
export const MAX_DAYS_AFTER_PANEL = 366;

/**
 * The cutoff of a fit or predict call: the panel's last date by default. A cutoff after the last date
 * is allowed up to MAX_DAYS_AFTER_PANEL days (the days in between count as missing); one before the
 * first date, further out, or not a date is INVALID_CUTOFF.
 */
export function resolveCutoff(panel: SeriesPanel, cutoff?: string): ResolvedCutoff {
  if (panel.dates.length === 0)
    throw new ForecasterError(ForecasterErrorCode.InvalidCutoff, 'The panel has no dates');
  const iso = cutoff ?? panel.dates[panel.dates.length - 1];
  if (!isIsoDate(iso))
    throw new ForecasterError(ForecasterErrorCode.InvalidCutoff, `Cutoff '${iso}' is not a date`, {
      cutoff: iso,
    });
  const index = toEpochDay(iso) - toEpochDay(panel.dates[0]);
  if (index < 0)
    throw new ForecasterError(
      ForecasterErrorCode.InvalidCutoff,
      `Cutoff ${iso} is before the panel's first date ${panel.dates[0]}`,
      { cutoff: iso, firstDate: panel.dates[0] },
    );
  const daysAfter = index - (panel.dates.length - 1);
  if (daysAfter > MAX_DAYS_AFTER_PANEL)
    throw new ForecasterError(
      ForecasterErrorCode.InvalidCutoff,
      `Cutoff ${iso} is more than ${MAX_DAYS_AFTER_PANEL} days after the panel's last date`,
      { cutoff: iso, lastDate: panel.dates[panel.dates.length - 1] },
    );
  return { iso, index };
}

/** The target column of a panel, or MISSING_TARGET. */
export function targetValues(panel: SeriesPanel, target: Target): Float32Array {
  const values = panel.columns.get(target);
  if (!values)
    throw new ForecasterError(
      ForecasterErrorCode.MissingTarget,
      `The panel has no '${target}' column (columns: ${[...panel.columns.keys()].join(', ')})`,
      { target },
    );
  return values;
}

/** Values of series `s` from day 0 to `cutoffIndex` inclusive, as float64; days past the panel are NaN. */
export function seriesValues(
  panel: SeriesPanel,
  values: Float32Array,
  s: number,
  cutoffIndex: number,
): Float64Array {
  const days = panel.dates.length;
  const out = new Float64Array(cutoffIndex + 1).fill(NaN);
  const end = Math.min(days, cutoffIndex + 1);
  const base = s * days;
  for (let t = 0; t < end; t++) out[t] = values[base + t];
  return out;
}

export function countObserved(values: ArrayLike<number>, from = 0, to = values.length): number {
  let n = 0;
  for (let t = Math.max(0, from); t < to; t++) if (!Number.isNaN(values[t])) n++;
  return n;
}

/**
 * The series a predict call forecasts. With explicit ids: every id, in the order given; an id not in
 * the panel is UNKNOWN_SERIES, one with fewer than `minHistory` observed days up to the cutoff is
 * INSUFFICIENT_HISTORY. Without ids: every series of the panel with enough history, in panel order;
 * the others are skipped silently.
 */
export function selectSeries(
  panel: SeriesPanel,
  values: Float32Array,
  cutoffIndex: number,
  minHistory: number,
  ids?: readonly string[],
): SeriesHistory[] {
  const build = (s: number): SeriesHistory => {
    const v = seriesValues(panel, values, s, cutoffIndex);
    return { index: s, id: panel.seriesIds[s], values: v, observed: countObserved(v) };
  };
  if (ids === undefined)
    return panel.seriesIds.map((_, s) => build(s)).filter((h) => h.observed >= minHistory);
  const position = new Map(panel.seriesIds.map((id, s) => [id, s]));
  return ids.map((id) => {
    const s = position.get(id);
    if (s === undefined)
      throw new ForecasterError(ForecasterErrorCode.UnknownSeries, `Unknown series '${id}'`, {
        seriesId: id,
      });
    const h = build(s);
    if (h.observed < minHistory)
      throw new ForecasterError(
        ForecasterErrorCode.InsufficientHistory,
        `Series '${id}' has ${h.observed} observed days up to the cutoff; at least ${minHistory} are needed`,
        { seriesId: id, observed: h.observed, required: minHistory },
      );
    return h;
  });
}

/** The `horizon` ISO dates after the cutoff. */
export function horizonDates(cutoff: string, horizon: number): string[] {
  return Array.from({ length: horizon }, (_, i) => addDays(cutoff, i + 1));
}
