/**
 * The daily panel: item × calendar day, columnar. Every matrix is row-major by series:
 * value of series `s` on day `t` lives at index `s * dates.length + t`.
 * Missing values (unlisted days, days without a price) are NaN, never 0.
 */
export { TARGETS, type Target } from '../common/targets.js';

/** Standard panel columns built from the retailer's files. Long-format files may add their own. */
export type PanelColumn =
  | 'quantity' // net kg sold (sales − returns); 0 on a listed day without sales; NaN when unlisted
  | 'revenue' // Σ kg × unit price, net of returns
  | 'price' // average selling price (revenue / sold kg); NaN without sales
  | 'wholesale' // wholesale quote (RMB/kg); NaN without a quote
  | 'discount_share' // share of sold kg sold at a discount; NaN without sales
  | 'return_kg'; // kg returned that day (positive number)

export interface SeriesStatics {
  /** Item name as in the item master (trimmed); '' when unknown. */
  name: string[];
  categoryCode: string[];
  categoryName: string[];
  /** Loss rate as a fraction 0..1 (annex4 gives percent); NaN when unknown. */
  lossRate: Float32Array;
}

export interface SeriesPanel {
  /** Series ids (item codes as strings, or `unique_id` of a long-format file), sorted. */
  seriesIds: string[];
  /** Shared calendar: consecutive days, ISO `YYYY-MM-DD`, ascending. */
  dates: string[];
  /** Columns, each `seriesIds.length * dates.length` long. Always has the target columns present in the source. */
  columns: Map<string, Float32Array>;
  /** 1 when the series was on offer that day (a sale or a wholesale quote); 0 otherwise. */
  listed: Uint8Array;
  statics: SeriesStatics;
  /** Where the panel came from. */
  source: 'annex' | 'long';
}

/** Index of series `s`, day `t` in a panel matrix. */
export function cell(panel: SeriesPanel, s: number, t: number): number {
  return s * panel.dates.length + t;
}
