/**
 * Recursions for intermittent demand (Croston, Teunter–Syntetos–Babai). Missing days (NaN, unlisted)
 * are skipped: they are neither demand nor a period without demand. Values ≤ 0 (no sale, or returns
 * outweighing sales) count as no demand.
 */
export interface IntermittentResult {
  /** Flat per-day forecast after the last day. */
  forecast: number;
  /** One-step squared error sum over observed days after the burn-in, and their count. */
  sse: number;
  n: number;
}

/** Observed days used to initialise the recursions (and excluded from the error sum). */
const BURN_IN = 14;

function firstIndex(y: Float64Array, maxHistory: number): number {
  return Math.max(0, y.length - maxHistory);
}

/** Demand probability and size of the first BURN_IN observed days (with sensible defaults). */
function initialEstimates(
  y: Float64Array,
  from: number,
): { p: number; z: number; interval: number } {
  let seen = 0;
  let demands = 0;
  let size = 0;
  for (let t = from; t < y.length && seen < BURN_IN; t++) {
    const v = y[t];
    if (Number.isNaN(v)) continue;
    seen++;
    if (v > 0) {
      demands++;
      size += v;
    }
  }
  if (demands === 0) return { p: seen > 0 ? 0.5 / seen : 0.5, z: 0, interval: Math.max(seen, 1) };
  return { p: demands / seen, z: size / demands, interval: seen / demands };
}

/** TSB: probability p updated every observed day, size z on demand days; forecast p · z. */
export function tsb(
  y: Float64Array,
  alphaSize: number,
  alphaProb: number,
  maxHistory: number,
): IntermittentResult {
  const from = firstIndex(y, maxHistory);
  let { p, z } = initialEstimates(y, from);
  let seen = 0;
  let sse = 0;
  let n = 0;
  for (let t = from; t < y.length; t++) {
    const v = y[t];
    if (Number.isNaN(v)) continue;
    if (seen >= BURN_IN) {
      const e = v - p * z;
      sse += e * e;
      n++;
    }
    seen++;
    if (v > 0) {
      p += alphaProb * (1 - p);
      z += alphaSize * (v - z);
    } else p -= alphaProb * p;
  }
  return { forecast: p * z, sse, n };
}

/** Croston (optionally with the Syntetos–Boylan bias correction 1 − α/2): size / interval. */
export function croston(
  y: Float64Array,
  alpha: number,
  sba: boolean,
  maxHistory: number,
): IntermittentResult {
  const from = firstIndex(y, maxHistory);
  let { z, interval } = initialEstimates(y, from);
  const factor = sba ? 1 - alpha / 2 : 1;
  // Days since the last demand; 0 until the first demand (the interval before it is censored).
  let sinceDemand = 0;
  let seen = 0;
  let sse = 0;
  let n = 0;
  for (let t = from; t < y.length; t++) {
    const v = y[t];
    if (Number.isNaN(v)) continue;
    if (seen >= BURN_IN) {
      const e = v - (factor * z) / interval;
      sse += e * e;
      n++;
    }
    seen++;
    if (v > 0) {
      z += alpha * (v - z);
      if (sinceDemand > 0) interval += alpha * (sinceDemand - interval);
      sinceDemand = 1;
    } else if (sinceDemand > 0) sinceDemand++;
  }
  return { forecast: (factor * z) / interval, sse, n };
}

/** The grid point with the smallest one-step mean squared error (the first one on ties or no data). */
export function bestOnGrid<T>(grid: readonly T[], run: (point: T) => IntermittentResult): T {
  let best = grid[0];
  let bestValue = Infinity;
  for (const point of grid) {
    const r = run(point);
    const v = r.n === 0 ? Infinity : r.sse / r.n;
    if (v < bestValue) {
      bestValue = v;
      best = point;
    }
  }
  return best;
}
