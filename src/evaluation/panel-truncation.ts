import type { SeriesPanel } from '../data/series-panel.js';

/**
 * A copy of the panel that ends on day `lastIndex` (inclusive): every column and the listed flags
 * are cut per series, so nothing after that day can reach a model.
 */
export function truncatePanel(panel: SeriesPanel, lastIndex: number): SeriesPanel {
  const days = panel.dates.length;
  const keep = Math.max(0, Math.min(days, lastIndex + 1));
  const n = panel.seriesIds.length;
  const cut = <T extends Float32Array | Uint8Array>(src: T, make: (size: number) => T): T => {
    const out = make(n * keep);
    for (let s = 0; s < n; s++) out.set(src.subarray(s * days, s * days + keep), s * keep);
    return out;
  };
  const columns = new Map<string, Float32Array>();
  for (const [name, values] of panel.columns)
    columns.set(
      name,
      cut(values, (size) => new Float32Array(size)),
    );
  return {
    seriesIds: [...panel.seriesIds],
    dates: panel.dates.slice(0, keep),
    columns,
    listed: cut(panel.listed, (size) => new Uint8Array(size)),
    statics: panel.statics,
    source: panel.source,
  };
}
