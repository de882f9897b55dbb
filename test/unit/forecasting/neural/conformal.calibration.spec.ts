import {
  calibratedBand,
  conformalQuantile,
  fitConformal,
  type CalibrationPoints,
} from '../../../../src/forecasting/neural/conformal.calibration.js';
import { mulberry32 } from '../../../../src/forecasting/neural/seeded-random.js';

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
}

/** Points whose actuals are level + σ·N(0, 1), with a fixed band [level + lo, level + hi]. */
function points(n: number, lo: number, hi: number, seed: number): CalibrationPoints {
  const random = mulberry32(seed);
  const pts: CalibrationPoints = {
    p10: new Float32Array(n),
    p50: new Float32Array(n),
    p90: new Float32Array(n),
    actual: new Float32Array(n),
    scale: new Float32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const level = 10 + 40 * random();
    const sigma = 0.2 * level; // noise proportional to the level, as for sales
    pts.p50[i] = level;
    pts.p10[i] = level + lo * sigma;
    pts.p90[i] = level + hi * sigma;
    pts.actual[i] = level + sigma * normal(random);
    pts.scale[i] = level;
  }
  return pts;
}

function coverage(pts: CalibrationPoints, cal: { lower: number; upper: number }): number {
  let inside = 0;
  for (let i = 0; i < pts.actual.length; i++) {
    const b = calibratedBand(pts.p10[i], pts.p50[i], pts.p90[i], pts.scale[i], cal, -Infinity);
    if (pts.actual[i] >= b.lo && pts.actual[i] <= b.hi) inside++;
  }
  return inside / pts.actual.length;
}

describe('conformal calibration of the P10–P90 band', () => {
  it('widens a too-narrow band to ≈ 80 % coverage on fresh data with the same noise', () => {
    const cal = fitConformal(points(4000, -0.3, 0.3, 1), 0.8, -Infinity);
    expect(cal.points).toBe(4000);
    expect(cal.coverageBefore).toBeLessThan(0.3);
    expect(cal.coverageAfter).toBeGreaterThan(0.78);
    expect(cal.lower).toBeGreaterThan(0);
    expect(cal.upper).toBeGreaterThan(0);
    // the true 10 % / 90 % quantiles are ±1.2816 σ = ±0.256 in scaled units; the band was ±0.06
    expect(cal.lower).toBeCloseTo(0.256 - 0.06, 1);
    const held = coverage(points(4000, -0.3, 0.3, 2), cal);
    expect(held).toBeGreaterThan(0.77);
    expect(held).toBeLessThan(0.83);
  });

  it('narrows a too-wide band (negative adjustments)', () => {
    const cal = fitConformal(points(4000, -3, 3, 3), 0.8, -Infinity);
    expect(cal.coverageBefore).toBeGreaterThan(0.99);
    expect(cal.lower).toBeLessThan(0);
    expect(cal.upper).toBeLessThan(0);
    expect(coverage(points(4000, -3, 3, 4), cal)).toBeCloseTo(0.8, 1);
  });

  it('skips missing actuals and returns no adjustment without points', () => {
    const pts = points(10, -1, 1, 5);
    pts.actual.fill(NaN);
    expect(fitConformal(pts)).toMatchObject({ lower: 0, upper: 0, points: 0 });
    pts.actual[0] = pts.p50[0];
    expect(fitConformal(pts).points).toBe(1);
  });

  it('uses the finite-sample conformal quantile', () => {
    const scores = Float64Array.from([5, 1, 4, 2, 3]);
    expect(conformalQuantile(scores, 0.5)).toBe(3); // ⌈6 · 0.5⌉ = 3rd smallest
    expect(conformalQuantile(scores, 0.9)).toBe(5); // ⌈5.4⌉ = 6 → clamped to n
    expect(conformalQuantile(new Float64Array(0), 0.9)).toBe(0);
  });

  it('keeps bounds around P50 and above the floor', () => {
    expect(calibratedBand(4, 5, 6, 10, { lower: -0.5, upper: -0.5 })).toEqual({ lo: 5, hi: 5 });
    expect(calibratedBand(1, 5, 6, 10, { lower: 0.5, upper: 0.1 })).toEqual({ lo: 0, hi: 7 });
  });
});
