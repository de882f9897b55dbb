import type { Forecast } from '../forecast.types.js';
import { quantileOffsets, type QuantileTable } from './residual-quantiles.js';

/**
 * A Forecast from a point path and the residual quantile table: pX = point + scale · offsetX(step).
 * Values are clipped at 0 (quantities, prices and wholesale quotes are never negative) and the three
 * quantiles are sorted per day, so p10 ≤ p50 ≤ p90 always holds.
 */
export function quantileForecast(
  seriesId: string,
  dates: string[],
  point: ArrayLike<number>,
  scale: number,
  zeroShare: number,
  table: QuantileTable,
): Forecast {
  const mean: number[] = [];
  const p10: number[] = [];
  const p50: number[] = [];
  const p90: number[] = [];
  for (let i = 0; i < dates.length; i++) {
    const base = Number.isFinite(point[i]) ? point[i] : 0;
    const o = quantileOffsets(table, zeroShare, i + 1);
    const q = [base + scale * o.p10, base + scale * o.p50, base + scale * o.p90]
      .map((v) => Math.max(0, v))
      .sort((a, b) => a - b);
    mean.push(Math.max(0, base));
    p10.push(q[0]);
    p50.push(q[1]);
    p90.push(q[2]);
  }
  return { seriesId, dates, mean, quantiles: { p10, p50, p90 } };
}
