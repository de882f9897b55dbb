import {
  lagged,
  meanChange,
  ratio,
  rollingMean,
  rollingStd,
} from '../../../src/features/series-window.compute.js';

describe('past-only series statistics', () => {
  const x = Float32Array.of(2, NaN, 4, 6, NaN, NaN, NaN, 8);

  it('lags by whole days', () => {
    expect(Array.from(lagged(x, 2))).toEqual([NaN, NaN, 2, NaN, 4, 6, NaN, NaN]);
  });

  it('averages the observed values of the window before each day', () => {
    expect(Array.from(rollingMean(x, 3))).toEqual([NaN, 2, 2, 3, 5, 5, 6, NaN]);
  });

  it('takes the sample std, needing two observations', () => {
    const sd = rollingStd(x, 3);
    expect(sd[3]).toBeCloseTo(Math.SQRT2, 12);
    expect(sd[4]).toBeCloseTo(Math.SQRT2, 12);
    expect(sd[6]).toBeNaN();
    expect(sd[2]).toBeNaN();
  });

  it('divides safely and measures the change of a rolling mean', () => {
    expect(Array.from(ratio(Float64Array.of(4, 1, NaN), Float64Array.of(2, 0, 1)))).toEqual([
      2,
      NaN,
      NaN,
    ]);
    expect(Array.from(meanChange(Float64Array.of(2, 4, 3, 6), 2))).toEqual([NaN, NaN, 0.5, 0.5]);
  });
});
