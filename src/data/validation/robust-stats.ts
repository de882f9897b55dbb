/** Robust per-group statistics on typed arrays (no per-row objects). */

/** Median of an ascending-sorted slice. */
export function sortedMedian(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = n >> 1;
  return n % 2 === 1 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
}

export interface LogBands {
  /** Median of ln(value) per group; NaN when the group has too few values. */
  center: Float64Array;
  /** Allowed |ln(value) − center| per group. */
  halfWidth: Float64Array;
}

export interface LogBandOptions {
  /** Robust z bound: k × 1.4826 × MAD of the logs. */
  k: number;
  /** Never flag values within this factor of the median (e.g. 3 → between median/3 and 3×median). */
  minRatio: number;
  /** Groups with fewer positive values get no band. */
  minCount: number;
}

/**
 * Per-group bands for positive values in log space: median ± max(k·1.4826·MAD, ln minRatio).
 * `group[i] < 0` or `value[i] ≤ 0` leaves row i out.
 */
export function logMadBands(
  values: Float64Array,
  group: Int32Array,
  groups: number,
  opts: LogBandOptions,
): LogBands {
  const counts = new Int32Array(groups + 1);
  for (let i = 0; i < values.length; i++) {
    if (group[i] >= 0 && values[i] > 0) counts[group[i] + 1]++;
  }
  for (let g = 0; g < groups; g++) counts[g + 1] += counts[g];
  const logs = new Float64Array(counts[groups]);
  const fill = counts.slice(0, groups);
  for (let i = 0; i < values.length; i++) {
    const g = group[i];
    if (g >= 0 && values[i] > 0) logs[fill[g]++] = Math.log(values[i]);
  }
  const center = new Float64Array(groups).fill(NaN);
  const halfWidth = new Float64Array(groups).fill(NaN);
  const floor = Math.log(opts.minRatio);
  for (let g = 0; g < groups; g++) {
    const seg = logs.subarray(counts[g], counts[g + 1]);
    if (seg.length < opts.minCount) continue;
    seg.sort();
    const med = sortedMedian(seg);
    const dev = new Float64Array(seg.length);
    for (let i = 0; i < seg.length; i++) dev[i] = Math.abs(seg[i] - med);
    dev.sort();
    center[g] = med;
    halfWidth[g] = Math.max(opts.k * 1.4826 * sortedMedian(dev), floor);
  }
  return { center, halfWidth };
}

export const PRICE_BANDS: LogBandOptions = { k: 5, minRatio: 3, minCount: 5 };
