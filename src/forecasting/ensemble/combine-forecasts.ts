import type { Forecast } from '../forecast.types.js';

/** How member forecasts are merged, value by value (mean, each quantile). */
export type CombineRule = 'mean' | 'median';

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function combineValues(values: number[], weights: readonly number[], rule: CombineRule): number {
  if (rule === 'median') return median(values);
  let sum = 0;
  let w = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i] * weights[i];
    w += weights[i];
  }
  return sum / w;
}

/**
 * Merges the members' forecasts of the series all of them forecast (in the first member's order).
 * Quantiles are combined one level at a time: a weighted mean (or median) of ordered quantiles stays
 * ordered, and the result is sorted again so rounding never breaks P10 ≤ P50 ≤ P90.
 */
export function combineForecasts(
  byMember: readonly Forecast[][],
  weights: readonly number[],
  rule: CombineRule,
  center: 'median' | 'mean' = 'median',
): Forecast[] {
  if (byMember.length === 0) return [];
  const lookups = byMember.map((fs) => new Map(fs.map((f) => [f.seriesId, f])));
  const out: Forecast[] = [];
  for (const first of byMember[0]) {
    const parts = lookups.map((m) => m.get(first.seriesId));
    if (parts.some((p) => p === undefined)) continue;
    const members = parts as Forecast[];
    const at = (pick: (f: Forecast) => number[], i: number): number =>
      combineValues(
        members.map((f) => pick(f)[i]),
        weights,
        rule,
      );
    const n = first.dates.length;
    const mean: number[] = [];
    const p10: number[] = [];
    const p50: number[] = [];
    const p90: number[] = [];
    for (let i = 0; i < n; i++) {
      const q = [
        at((f) => f.quantiles.p10, i),
        at((f) => f.quantiles.p50, i),
        at((f) => f.quantiles.p90, i),
      ].sort((a, b) => a - b);
      const m = at((f) => f.mean, i);
      mean.push(m);
      p10.push(q[0]);
      p50.push(center === 'mean' ? Math.min(q[2], Math.max(q[0], m)) : q[1]);
      p90.push(q[2]);
    }
    out.push({
      seriesId: first.seriesId,
      dates: [...first.dates],
      mean,
      quantiles: { p10, p50, p90 },
    });
  }
  return out;
}
