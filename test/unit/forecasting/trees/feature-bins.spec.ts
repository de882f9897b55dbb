import { FeatureBins } from '../../../../src/forecasting/trees/feature-bins.js';

/** Row-major matrix from columns. */
function rowsOf(columns: number[][]): Float32Array {
  const n = columns[0].length;
  const out = new Float32Array(n * columns.length);
  for (let i = 0; i < n; i++) columns.forEach((c, f) => (out[i * columns.length + f] = c[i]));
  return out;
}

describe('feature bins', () => {
  it('gives a flag two bins and a few-valued feature one bin per value', () => {
    const flag = Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const steps = Array.from({ length: 100 }, (_, i) => (i % 5) + 1);
    const bins = FeatureBins.fit(rowsOf([flag, steps]), 2, 64);
    expect(bins.binCount(0)).toBe(2);
    expect(bins.binCount(1)).toBe(5);
    expect(bins.binOf(0, 0)).toBe(0);
    expect(bins.binOf(0, 1)).toBe(1);
    expect([1, 2, 3, 4, 5].map((v) => bins.binOf(1, v))).toEqual([0, 1, 2, 3, 4]);
    expect(bins.threshold(0, 0)).toBe(0);
  });

  it('splits a continuous feature into at most maxBins bins of about equal counts', () => {
    const x = Array.from({ length: 10_000 }, (_, i) => Math.sin(i) * 100);
    const bins = FeatureBins.fit(rowsOf([x]), 1, 16);
    expect(bins.binCount(0)).toBe(16);
    const counts = new Array<number>(16).fill(0);
    for (const v of x) counts[bins.binOf(0, v)]++;
    for (const c of counts) expect(Math.abs(c - 625)).toBeLessThanOrEqual(2);
  });

  it('places a value at or below a bin threshold in that bin or a lower one, and one above it higher', () => {
    const x = Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 1000) / 10);
    const bins = FeatureBins.fit(rowsOf([x]), 1, 10);
    for (let b = 0; b < bins.binCount(0) - 1; b++) {
      const t = bins.threshold(0, b);
      expect(bins.binOf(0, t)).toBe(b);
      expect(bins.binOf(0, t + 0.05)).toBeGreaterThan(b);
    }
    expect(bins.binOf(0, 1e9)).toBe(bins.binCount(0) - 1);
    expect(bins.binOf(0, -1e9)).toBe(0);
  });

  it('bins rows as binOf does, from a sample of the rows', () => {
    const a = Array.from({ length: 500 }, (_, i) => i % 37);
    const b = Array.from({ length: 500 }, (_, i) => (i * i) % 101);
    const rows = rowsOf([a, b]);
    const bins = FeatureBins.fit(
      rows,
      2,
      8,
      Int32Array.from({ length: 100 }, (_, i) => i * 5),
    );
    const binned = bins.binRows(rows);
    for (let i = 0; i < 500; i++) {
      expect(binned[2 * i]).toBe(bins.binOf(0, a[i]));
      expect(binned[2 * i + 1]).toBe(bins.binOf(1, b[i]));
    }
  });

  it('rejects a bin count outside 2..256', () => {
    expect(() => FeatureBins.fit(new Float32Array(4), 1, 1)).toThrow(/maxBins/);
    expect(() => FeatureBins.fit(new Float32Array(4), 1, 257)).toThrow(/maxBins/);
  });
});
