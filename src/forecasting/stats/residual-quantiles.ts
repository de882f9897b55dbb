import { z } from 'zod';

/** Per horizon step (index h − 1) offsets, in units of the series' level scale. */
export interface QuantileRows {
  p10: number[];
  p50: number[];
  p90: number[];
}

/**
 * Empirical quantiles of scaled residuals (actual − point) / level, per horizon step, pooled over
 * series and conditioned on how intermittent the series is (share of zero days in its last 91):
 * `bins[i]` holds series with zero share in [edges[i−1], edges[i]) (null when it had too few
 * residuals: `pooled` is used then).
 */
export interface QuantileTable {
  zeroShareEdges: number[];
  bins: (QuantileRows | null)[];
  pooled: QuantileRows;
}

const finite = z.number().finite();
const rowsSchema = z.object({ p10: z.array(finite), p50: z.array(finite), p90: z.array(finite) });
export const quantileTableSchema = z.object({
  zeroShareEdges: z.array(finite),
  bins: z.array(rowsSchema.nullable()),
  pooled: rowsSchema,
});

/** Zero-share bin edges: regular (< 20 % zero days), intermittent (20–60 %), sparse (≥ 60 %). */
export const DEFAULT_ZERO_SHARE_EDGES: readonly number[] = [0.2, 0.6];
/** Fewest residuals a (bin, horizon step) cell needs before its own quantiles are used. */
export const MIN_RESIDUALS_PER_CELL = 40;

/** Quantile of a sorted sample by linear interpolation between order statistics (R type 7). */
export function sortedQuantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = (n - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function binOf(edges: readonly number[], zeroShare: number): number {
  let b = 0;
  while (b < edges.length && zeroShare >= edges[b]) b++;
  return b;
}

function rowsFrom(samples: number[][], minCount: number): QuantileRows | null {
  const horizon = samples.length;
  const rows: QuantileRows = { p10: [], p50: [], p90: [] };
  let any = false;
  for (let h = 0; h < horizon; h++) {
    const s = samples[h];
    if (s.length < minCount) {
      rows.p10.push(NaN);
      rows.p50.push(NaN);
      rows.p90.push(NaN);
      continue;
    }
    any = true;
    const sorted = Float64Array.from(s).sort();
    rows.p10.push(sortedQuantile(sorted, 0.1));
    rows.p50.push(sortedQuantile(sorted, 0.5));
    rows.p90.push(sortedQuantile(sorted, 0.9));
  }
  if (!any) return null;
  fillGaps(rows.p10);
  fillGaps(rows.p50);
  fillGaps(rows.p90);
  return rows;
}

/** Replaces NaN steps with the nearest earlier step, or the nearest later one at the start. */
function fillGaps(row: number[]): void {
  let last = NaN;
  for (let i = 0; i < row.length; i++) {
    if (Number.isNaN(row[i])) row[i] = last;
    else last = row[i];
  }
  const first = row.findIndex((v) => !Number.isNaN(v));
  for (let i = 0; i < first; i++) row[i] = row[first];
  for (let i = 0; i < row.length; i++) if (Number.isNaN(row[i])) row[i] = 0;
}

/** Collects scaled residuals during a fit and turns them into a QuantileTable. */
export class ResidualCollector {
  private readonly byBin: number[][][];
  private readonly pooled: number[][];

  constructor(
    private readonly horizon: number,
    private readonly edges: readonly number[] = DEFAULT_ZERO_SHARE_EDGES,
  ) {
    this.pooled = Array.from({ length: horizon }, () => []);
    this.byBin = Array.from({ length: edges.length + 1 }, () =>
      Array.from({ length: horizon }, () => []),
    );
  }

  /** `step` is 1-based; residuals that are not finite are ignored. */
  add(step: number, scaledResidual: number, zeroShare: number): void {
    if (!Number.isFinite(scaledResidual) || step < 1 || step > this.horizon) return;
    this.pooled[step - 1].push(scaledResidual);
    this.byBin[binOf(this.edges, zeroShare)][step - 1].push(scaledResidual);
  }

  get count(): number {
    return this.pooled.reduce((n, s) => n + s.length, 0);
  }

  /**
   * Median |scaled residual| over all steps (the fit's in-sample loss: a typical error as a share of
   * the series level); 0 without residuals. A median, because a series just starting its season
   * has a level near zero and residuals of hundreds of levels that would make a mean unreadable.
   */
  medianAbs(): number {
    const all = new Float64Array(this.count);
    let k = 0;
    for (const s of this.pooled) for (const r of s) all[k++] = Math.abs(r);
    return k === 0 ? 0 : sortedQuantile(all.sort(), 0.5);
  }

  build(minPerCell: number = MIN_RESIDUALS_PER_CELL): QuantileTable {
    const pooled = rowsFrom(this.pooled, 1) ?? {
      p10: new Array<number>(this.horizon).fill(0),
      p50: new Array<number>(this.horizon).fill(0),
      p90: new Array<number>(this.horizon).fill(0),
    };
    return {
      zeroShareEdges: [...this.edges],
      bins: this.byBin.map((samples) => rowsFrom(samples, minPerCell)),
      pooled,
    };
  }
}

/** The offsets (scaled) for 1-based horizon step `step` of a series with the given zero share. */
export function quantileOffsets(
  table: QuantileTable,
  zeroShare: number,
  step: number,
): { p10: number; p50: number; p90: number } {
  const rows = table.bins[binOf(table.zeroShareEdges, zeroShare)] ?? table.pooled;
  const i = Math.min(step, rows.p50.length) - 1;
  return { p10: rows.p10[i], p50: rows.p50[i], p90: rows.p90[i] };
}
