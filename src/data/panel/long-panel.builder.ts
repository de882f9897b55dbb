import type { LongSeriesColumns } from '../annex.types.js';
import type { SeriesPanel, Target } from '../series-panel.js';
import { axesOf, DateSpan } from './panel-axes.builder.js';

export interface LongPanelOptions {
  /** Panel column that receives `y`; default 'quantity'. */
  target?: Target;
}

/**
 * A panel from a long-format file: series = `unique_id` (sorted), calendar = min..max `ds`, `y` in
 * the target's column, every extra numeric column as a panel column under its header name (an extra
 * column named like the target is ignored: `y` is the target). listed = 1 where `y` is a finite number.
 * Cells without a row are NaN; when an (id, ds) pair repeats, the last row wins. Rows with an empty
 * id or an invalid date are skipped. Statics are unknown: '' and NaN.
 */
export function buildLongPanel(
  long: LongSeriesColumns,
  options: LongPanelOptions = {},
): SeriesPanel {
  const target = options.target ?? 'quantity';
  const n = long.length;
  const axes = axesOf(long.uniqueId.slice(0, n), new DateSpan().add(long.ds, n));
  const days = axes.dates.length;
  const cells = axes.seriesIds.length * days;

  const sources: { name: string; values: Float64Array; cells: Float32Array }[] = [];
  const addSource = (name: string, values: Float64Array): void => {
    sources.push({ name, values, cells: new Float32Array(cells).fill(NaN) });
  };
  addSource(target, long.y);
  for (const [name, values] of Object.entries(long.extra))
    if (name !== target) addSource(name, values);
  for (let i = 0; i < n; i++) {
    const s = axes.seriesIndex.get(long.uniqueId[i]);
    const t = axes.dayIndex.get(long.ds[i]);
    if (s === undefined || t === undefined) continue;
    for (const source of sources) source.cells[s * days + t] = source.values[i];
  }

  const y = sources[0].cells;
  const listed = new Uint8Array(cells);
  for (let c = 0; c < cells; c++) listed[c] = Number.isFinite(y[c]) ? 1 : 0;
  const series = axes.seriesIds.length;
  return {
    seriesIds: axes.seriesIds,
    dates: axes.dates,
    columns: new Map(sources.map((source) => [source.name, source.cells])),
    listed,
    statics: {
      name: new Array<string>(series).fill(''),
      categoryCode: new Array<string>(series).fill(''),
      categoryName: new Array<string>(series).fill(''),
      lossRate: new Float32Array(series).fill(NaN),
    },
    source: 'long',
  };
}
