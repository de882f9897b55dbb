/**
 * Split-conformal calibration of the P10–P90 band (conformalised quantile regression, one side at a time).
 * Scores are in scaled units (error / window scale) so one adjustment fits series of any volume.
 */
export interface ConformalCalibration {
  /** Scaled amount P10 moves down (negative: up). */
  lower: number;
  /** Scaled amount P90 moves up (negative: down). */
  upper: number;
  /** Share of calibration actuals inside [P10, P90] before / after adjusting. */
  coverageBefore: number;
  coverageAfter: number;
  points: number;
}

/** Forecasts and actuals of the calibration points (unscaled; non-finite actuals are skipped). */
export interface CalibrationPoints {
  p10: Float32Array;
  p50: Float32Array;
  p90: Float32Array;
  actual: Float32Array;
  scale: Float32Array;
}

export const NO_CALIBRATION: ConformalCalibration = {
  lower: 0,
  upper: 0,
  coverageBefore: NaN,
  coverageAfter: NaN,
  points: 0,
};

/** Conformal quantile with the finite-sample correction: the ⌈(n + 1)·level⌉-th smallest score. */
export function conformalQuantile(scores: Float64Array, level: number): number {
  const n = scores.length;
  if (n === 0) return 0;
  const sorted = Float64Array.from(scores).sort();
  const k = Math.min(n, Math.ceil((n + 1) * level));
  return sorted[k - 1];
}

export interface Band {
  lo: number;
  hi: number;
}

/** Calibrated band of one point: moved bounds, kept around P50 and (for quantities) ≥ floor. */
export function calibratedBand(
  p10: number,
  p50: number,
  p90: number,
  scale: number,
  cal: Pick<ConformalCalibration, 'lower' | 'upper'>,
  floor = 0,
): Band {
  const lo = Math.max(floor, Math.min(p50, p10 - cal.lower * scale));
  const hi = Math.max(p50, p90 + cal.upper * scale);
  return { lo, hi };
}

function coverage(
  pts: CalibrationPoints,
  idx: number[],
  cal: Pick<ConformalCalibration, 'lower' | 'upper'>,
  floor: number,
): number {
  if (idx.length === 0) return NaN;
  let inside = 0;
  for (const i of idx) {
    const b = calibratedBand(pts.p10[i], pts.p50[i], pts.p90[i], pts.scale[i], cal, floor);
    const y = pts.actual[i];
    if (y >= b.lo && y <= b.hi) inside += 1;
  }
  return inside / idx.length;
}

/**
 * Fits the two adjustments so that each bound misses ≈ (1 − target) / 2 of the calibration actuals, i.e.
 * the band covers ≈ `target` (0.8 for P10–P90).
 */
export function fitConformal(
  pts: CalibrationPoints,
  target = 0.8,
  floor = 0,
): ConformalCalibration {
  const idx: number[] = [];
  for (let i = 0; i < pts.actual.length; i++) if (Number.isFinite(pts.actual[i])) idx.push(i);
  if (idx.length === 0) return NO_CALIBRATION;
  const below = new Float64Array(idx.length);
  const above = new Float64Array(idx.length);
  idx.forEach((i, j) => {
    below[j] = (pts.p10[i] - pts.actual[i]) / pts.scale[i];
    above[j] = (pts.actual[i] - pts.p90[i]) / pts.scale[i];
  });
  const level = 1 - (1 - target) / 2;
  const cal = { lower: conformalQuantile(below, level), upper: conformalQuantile(above, level) };
  return {
    ...cal,
    coverageBefore: coverage(pts, idx, { lower: 0, upper: 0 }, floor),
    coverageAfter: coverage(pts, idx, cal, floor),
    points: idx.length,
  };
}
