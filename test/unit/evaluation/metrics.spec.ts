import {
  bias,
  coverage,
  mae,
  mape,
  mase,
  pinball,
  r2,
  rmse,
  seasonalNaiveMae,
  smape,
  wape,
} from '../../../src/evaluation/metrics.js';

// Pairs scored: (y 2, f 1), (y 0, f 1), (y 4, f 6); the last two have a NaN and are skipped.
const y = [2, 0, 4, NaN, 5];
const f = [1, 1, 6, 3, NaN];

describe('metrics', () => {
  it('computes MAE, RMSE, WAPE and bias on the observed pairs only', () => {
    expect(mae(y, f)).toBeCloseTo(4 / 3, 12);
    expect(rmse(y, f)).toBeCloseTo(Math.SQRT2, 12);
    expect(wape(y, f)).toBeCloseTo(4 / 6, 12);
    expect(bias(y, f)).toBeCloseTo(2 / 6, 12);
    expect(bias([10, 10], [5, 5])).toBeCloseTo(-0.5, 12);
  });

  it('takes MAPE over positive actuals only, sMAPE over all (0 when both are 0)', () => {
    expect(mape(y, f)).toBeCloseTo((1 / 2 + 2 / 4) / 2, 12);
    expect(smape(y, f)).toBeCloseTo((2 / 3 + 2 + 0.4) / 3, 12);
    expect(smape([0, 2], [0, 2])).toBe(0);
  });

  it('computes R² against the mean of the scored actuals', () => {
    expect(r2(y, f)).toBeCloseTo(1 - 6 / 8, 12);
    expect(r2([3, 3], [1, 2])).toBeNaN();
  });

  it('computes pinball loss per quantile level', () => {
    expect(pinball(y, f, 0.9)).toBeCloseTo((0.9 + 0.1 + 0.2) / 3, 12);
    expect(pinball(y, f, 0.1)).toBeCloseTo((0.1 + 0.9 + 1.8) / 3, 12);
    expect(pinball(y, f, 0.5)).toBeCloseTo(mae(y, f) / 2, 12);
  });

  it('counts P10–P90 coverage with inclusive bounds', () => {
    expect(coverage([1, 5, 3, NaN], [0, 0, 3, 0], [2, 4, 3, 1])).toBeCloseTo(2 / 3, 12);
  });

  it('scales MASE by the in-sample seasonal naive MAE over observed pairs', () => {
    expect(seasonalNaiveMae([1, 2, 3, 5, NaN, 4], 2)).toBeCloseTo((2 + 3 + 1) / 3, 12);
    expect(seasonalNaiveMae([1, 2, 3, 4, 5, 6, 7, 3, 2])).toBeCloseTo(1, 12);
    expect(mase(y, f, 2)).toBeCloseTo(2 / 3, 12);
    expect(mase(y, f, 0)).toBeNaN();
  });

  it('accepts Float32Array and gives NaN without anything to score', () => {
    expect(mae(Float32Array.from([1, 2]), Float32Array.from([2, 2]))).toBeCloseTo(0.5, 6);
    expect(mae([NaN], [1])).toBeNaN();
    expect(wape([0, 0], [1, 1])).toBeNaN();
    expect(() => mae([1, 2], [1])).toThrow(RangeError);
  });
});
