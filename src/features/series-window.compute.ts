/**
 * Past-only statistics over one series (a day-indexed vector, NaN = missing). Every output at day t
 * reads input days < t only, so later values can never change it.
 */

/** x[t − days]; NaN when that day is missing or before the start. `days` must be ≥ 1. */
export function lagged(x: ArrayLike<number>, days: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  for (let t = days; t < x.length; t++) out[t] = x[t - days];
  return out;
}

/** Mean of the observed values on days t − window … t − 1 (clipped at the start); NaN if none. */
export function rollingMean(x: ArrayLike<number>, window: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let t = 0; t < x.length; t++) {
    let sum = 0;
    let n = 0;
    for (let i = Math.max(0, t - window); i < t; i++) {
      const v = x[i];
      if (v === v) {
        sum += v;
        n++;
      }
    }
    out[t] = n > 0 ? sum / n : NaN;
  }
  return out;
}

/** Sample standard deviation (n − 1) of the observed values on days t − window … t − 1; NaN if < 2. */
export function rollingStd(
  x: ArrayLike<number>,
  window: number,
  mean: Float64Array = rollingMean(x, window),
): Float64Array {
  const out = new Float64Array(x.length);
  for (let t = 0; t < x.length; t++) {
    let ss = 0;
    let n = 0;
    for (let i = Math.max(0, t - window); i < t; i++) {
      const v = x[i];
      if (v === v) {
        ss += (v - mean[t]) * (v - mean[t]);
        n++;
      }
    }
    out[t] = n > 1 ? Math.sqrt(ss / (n - 1)) : NaN;
  }
  return out;
}

/** a[t] ÷ b[t]; NaN when b[t] is 0 or either is missing. */
export function ratio(a: Float64Array, b: Float64Array): Float64Array {
  return a.map((v, t) => (b[t] !== 0 ? v / b[t] : NaN));
}

/** Relative change of a past-only rolling mean: mean[t] ÷ mean[t − window] − 1. */
export function meanChange(mean: Float64Array, window: number): Float64Array {
  const out = new Float64Array(mean.length).fill(NaN);
  for (let t = window; t < mean.length; t++) {
    const before = mean[t - window];
    if (before !== 0) out[t] = mean[t] / before - 1;
  }
  return out;
}
