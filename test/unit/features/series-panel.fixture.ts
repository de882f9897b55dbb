import { addDays, dateRange } from '../../../src/data/dates.js';
import type { SeriesPanel } from '../../../src/data/series-panel.js';

/**
 * A panel from per-series day vectors: `columns[name][s]` is series s over the days from `start`.
 * listed = quantity present unless given; statics default to unknown.
 */
export function panelOf(input: {
  start: string;
  columns: Record<string, number[][]>;
  ids?: string[];
  listed?: number[][];
  categoryCode?: string[];
  categoryName?: string[];
  lossRate?: number[];
}): SeriesPanel {
  const first = Object.values(input.columns)[0];
  const S = first.length;
  const T = first[0].length;
  const ids = input.ids ?? Array.from({ length: S }, (_, s) => `s${s}`);
  const flat = (m: number[][]): Float32Array => Float32Array.from(m.flat());
  const quantity = input.columns.quantity;
  const listed = input.listed
    ? Uint8Array.from(input.listed.flat())
    : Uint8Array.from((quantity ?? first).flat(), (v) => (Number.isNaN(v) ? 0 : 1));
  return {
    seriesIds: ids,
    dates: dateRange(input.start, addDays(input.start, T - 1)),
    columns: new Map(Object.entries(input.columns).map(([name, m]) => [name, flat(m)])),
    listed,
    statics: {
      name: ids.map(() => ''),
      categoryCode: input.categoryCode ?? ids.map(() => ''),
      categoryName: input.categoryName ?? ids.map(() => ''),
      lossRate: Float32Array.from(input.lossRate ?? ids.map(() => NaN)),
    },
    source: 'long',
  };
}
