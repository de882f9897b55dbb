import type { SeriesPanel } from '../data/series-panel.js';

export interface Observed {
  value: number;
  date: string;
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
