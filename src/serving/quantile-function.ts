/**
 * A demand distribution known only through its P10, P50 and P90: the quantile function interpolates
 * linearly between them and extends the tails as a normal distribution would (scaled by the
 * corresponding half-width), never below 0.
 */
export interface ThreeQuantiles {
  p10: number;
  p50: number;
  p90: number;
}

const Z90 = 1.2815515655446004;

/** Standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9 after refinement). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`probability must be in (0, 1), got ${p}`);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const plow = 0.02425;
  let x: number;
  if (p < plow) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - plow) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  return x;
}

/** Demand quantity at probability level `p` (0 < p < 1). */
export function quantileAt(q: ThreeQuantiles, p: number): number {
  const { p10, p50, p90 } = q;
  let v: number;
  if (p < 0.1) v = p50 - (p50 - p10) * (normalQuantile(1 - p) / Z90);
  else if (p < 0.5) v = p10 + ((p - 0.1) / 0.4) * (p50 - p10);
  else if (p <= 0.9) v = p50 + ((p - 0.5) / 0.4) * (p90 - p50);
  else v = p50 + (p90 - p50) * (normalQuantile(p) / Z90);
  return Math.max(0, v);
}
