import { logMadBands, sortedMedian } from '../../../../src/data/validation/robust-stats.js';

describe('robust stats', () => {
  it('takes medians of sorted slices', () => {
    expect(sortedMedian(Float64Array.from([1, 2, 3]))).toBe(2);
    expect(sortedMedian(Float64Array.from([1, 2, 3, 10]))).toBe(2.5);
    expect(sortedMedian(new Float64Array(0))).toBeNaN();
  });

  it('builds per-group log bands, skipping small groups, non-positive values and group −1', () => {
    const values = Float64Array.from([10, 10, 10, 10, 10, 100, 1, 2, 4, 8, 16, 32, 0, -5, 7]);
    const group = Int32Array.from([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, -1]);
    const bands = logMadBands(values, group, 3, { k: 5, minRatio: 3, minCount: 5 });
    expect(bands.center[0]).toBeCloseTo(Math.log(10), 12);
    expect(bands.halfWidth[0]).toBeCloseTo(Math.log(3), 12); // MAD 0: the ratio floor applies
    expect(bands.center[1]).toBeCloseTo(Math.log(Math.sqrt(4 * 8)), 12);
    expect(bands.halfWidth[1]).toBeCloseTo(5 * 1.4826 * Math.log(2) * 1.5, 12);
    expect(bands.center[2]).toBeNaN();
  });
});
