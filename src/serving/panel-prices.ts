import type { SeriesPanel } from '../data/series-panel.js';
import type { ServedModel } from './served-model.js';

export interface Observed {
  value: number;
  date: string;
}

/** Where a replenishment price input came from. */
export const PRICE_SOURCES = ['forecast', 'last_observed'] as const;
export type PriceSource = (typeof PRICE_SOURCES)[number];

/** A unit price or cost for the order day, the day it is for (forecast) or was seen on, and its source. */
export interface PriceInput extends Observed {
  source: PriceSource;
  /** The price model whose forecast gave the value (source `forecast` only). */
  model_version?: string;
}

/** The last non-NaN value of a panel column for series `s`, with its date; null when none. */
export function lastObserved(panel: SeriesPanel, column: string, s: number): Observed | null {
  const values = panel.columns.get(column);
  if (!values) return null;
  const days = panel.dates.length;
  for (let t = days - 1; t >= 0; t--) {
    const v = values[s * days + t];
    if (!Number.isNaN(v)) return { value: v, date: panel.dates[t] };
  }
  return null;
}

/**
 * The price input of one item for the order day: the served price model's forecast mean of that day
 * when the model forecasts the item and the day (and the value is a usable price: finite and
 * positive), else the last observed value of the panel column (null when there is none).
 */
export function priceInput(
  panel: SeriesPanel,
  column: 'price' | 'wholesale',
  s: number,
  date: string,
  model: ServedModel | null,
): PriceInput | null {
  const forecast = model?.cache.get(panel.seriesIds[s]);
  const t = forecast ? forecast.dates.indexOf(date) : -1;
  if (model && forecast && t >= 0) {
    const value = forecast.mean[t];
    if (Number.isFinite(value) && value > 0)
      return { value, date, source: 'forecast', model_version: model.id };
  }
  const seen = lastObserved(panel, column, s);
  return seen ? { ...seen, source: 'last_observed' } : null;
}
