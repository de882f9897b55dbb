/**
 * Forecast accuracy metrics: pure functions over equally long arrays (number[] or Float32Array).
 * A point counts only when every value it needs is a number (NaN anywhere in the pair skips it).
 * Errors are e = forecast − actual. A metric with no point to score is NaN. Ratios are fractions,
 * not percent (WAPE 0.42 = 42 %).
 */
export type Values = ArrayLike<number>;

const ok = (...v: number[]): boolean => v.every((x) => !Number.isNaN(x));

function meanOver(n: number, f: (i: number) => number | undefined): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = f(i);
    if (v === undefined) continue;
    sum += v;
    count++;
  }
  return count === 0 ? NaN : sum / count;
}

function checkLengths(...arrays: Values[]): number {
  const n = arrays[0].length;
  if (arrays.some((a) => a.length !== n)) throw new RangeError('metric inputs differ in length');
  return n;
}

/** Mean absolute error. */
export function mae(actual: Values, forecast: Values): number {
  const n = checkLengths(actual, forecast);
  return meanOver(n, (i) =>
    ok(actual[i], forecast[i]) ? Math.abs(forecast[i] - actual[i]) : undefined,
  );
}

/** Root mean squared error. */
export function rmse(actual: Values, forecast: Values): number {
  const n = checkLengths(actual, forecast);
  return Math.sqrt(
    meanOver(n, (i) => (ok(actual[i], forecast[i]) ? (forecast[i] - actual[i]) ** 2 : undefined)),
  );
}

/** Mean absolute percentage error over points with a positive actual only (zero days skipped). */
export function mape(actual: Values, forecast: Values): number {
  const n = checkLengths(actual, forecast);
  return meanOver(n, (i) =>
    ok(actual[i], forecast[i]) && actual[i] > 0
      ? Math.abs(forecast[i] - actual[i]) / actual[i]
      : undefined,
  );
}

/** Symmetric MAPE: mean of 2|e| / (|y| + |f|), range 0..2; a point where both are 0 scores 0. */
export function smape(actual: Values, forecast: Values): number {
  const n = checkLengths(actual, forecast);
  return meanOver(n, (i) => {
    if (!ok(actual[i], forecast[i])) return undefined;
    const d = Math.abs(actual[i]) + Math.abs(forecast[i]);
    return d === 0 ? 0 : (2 * Math.abs(forecast[i] - actual[i])) / d;
  });
}

function sums(actual: Values, forecast: Values): { abs: number; signed: number; scale: number } {
  const n = checkLengths(actual, forecast);
  let abs = 0;
  let signed = 0;
  let scale = 0;
  for (let i = 0; i < n; i++) {
    if (!ok(actual[i], forecast[i])) continue;
    abs += Math.abs(forecast[i] - actual[i]);
    signed += forecast[i] - actual[i];
    scale += Math.abs(actual[i]);
  }
  return { abs, signed, scale };
}

/** Weighted absolute percentage error Σ|e| / Σ|y| (NaN when Σ|y| = 0). */
export function wape(actual: Values, forecast: Values): number {
  const s = sums(actual, forecast);
  return s.scale === 0 ? NaN : s.abs / s.scale;
}

/**
 * Volume-weighted bias Σ(f − y) / Σ|y|: positive = over-forecast, negative = under-forecast; on the
 * same scale as WAPE (|bias| ≤ WAPE). NaN when Σ|y| = 0.
 */
export function bias(actual: Values, forecast: Values): number {
  const s = sums(actual, forecast);
  return s.scale === 0 ? NaN : s.signed / s.scale;
}

/** Coefficient of determination 1 − SS_res / SS_tot (NaN when the actuals are constant). */
export function r2(actual: Values, forecast: Values): number {
  const n = checkLengths(actual, forecast);
  const meanY = meanOver(n, (i) => (ok(actual[i], forecast[i]) ? actual[i] : undefined));
  let res = 0;
  let tot = 0;
  for (let i = 0; i < n; i++) {
    if (!ok(actual[i], forecast[i])) continue;
    res += (actual[i] - forecast[i]) ** 2;
    tot += (actual[i] - meanY) ** 2;
  }
  return tot === 0 ? NaN : 1 - res / tot;
}

/** Mean pinball (quantile) loss of quantile level `tau` (0 < tau < 1). */
export function pinball(actual: Values, quantile: Values, tau: number): number {
  const n = checkLengths(actual, quantile);
  return meanOver(n, (i) => {
    if (!ok(actual[i], quantile[i])) return undefined;
    const d = actual[i] - quantile[i];
    return d >= 0 ? tau * d : (tau - 1) * d;
  });
}

/** Share of actuals inside [lower, upper] (bounds inclusive). */
export function coverage(actual: Values, lower: Values, upper: Values): number {
  const n = checkLengths(actual, lower, upper);
  return meanOver(n, (i) =>
    ok(actual[i], lower[i], upper[i])
      ? actual[i] >= lower[i] && actual[i] <= upper[i]
        ? 1
        : 0
      : undefined,
  );
}

/**
 * In-sample MAE of the seasonal naive forecast y[t] ≈ y[t − season] over the pairs where both days are
 * observed: the MASE denominator. NaN without such a pair.
 */
export function seasonalNaiveMae(history: Values, season = 7): number {
  return meanOver(history.length, (t) =>
    t >= season && ok(history[t], history[t - season])
      ? Math.abs(history[t] - history[t - season])
      : undefined,
  );
}

/** Mean absolute scaled error: MAE / `scale` (the series' seasonalNaiveMae); NaN when scale is 0. */
export function mase(actual: Values, forecast: Values, scale: number): number {
  return scale > 0 ? mae(actual, forecast) / scale : NaN;
}
