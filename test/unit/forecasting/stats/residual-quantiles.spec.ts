import { quantileForecast } from '../../../../src/forecasting/stats/quantile-forecast.js';
import {
  ResidualCollector,
  quantileOffsets,
  sortedQuantile,
} from '../../../../src/forecasting/stats/residual-quantiles.js';

describe('residual quantiles', () => {
  it('interpolates between order statistics', () => {
    expect(sortedQuantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(
      sortedQuantile(
        Array.from({ length: 11 }, (_, i) => i),
        0.1,
      ),
    ).toBeCloseTo(1, 12);
    expect(sortedQuantile([7], 0.9)).toBe(7);
    expect(sortedQuantile([], 0.5)).toBeNaN();
  });

  it('bins by zero share, falls back to the pooled table and fills empty steps', () => {
    const c = new ResidualCollector(3, [0.5]);
    for (let i = 0; i <= 100; i++) {
      c.add(1, i / 100, 0.1); // regular series: residuals 0..1 at step 1
      c.add(2, i / 100, 0.1);
      c.add(1, -1, 0.9); // sparse series: only 101 residuals of -1 at step 1
    }
    c.add(2, NaN, 0.1);
    expect(c.count).toBe(303);
    const table = c.build(50);
    const regular = quantileOffsets(table, 0, 2);
    expect(regular.p10).toBeCloseTo(0.1, 12);
    expect(regular.p50).toBeCloseTo(0.5, 12);
    expect(regular.p90).toBeCloseTo(0.9, 12);
    expect(quantileOffsets(table, 0.9, 1)).toEqual({ p10: -1, p50: -1, p90: -1 });
    // Step 3 had no residuals: it repeats step 2; the sparse bin's step 2 repeats its step 1.
    expect(quantileOffsets(table, 0, 3)).toEqual(quantileOffsets(table, 0, 2));
    expect(quantileOffsets(table, 0.9, 2)).toEqual({ p10: -1, p50: -1, p90: -1 });
    // With a higher bar the sparse bin falls back to the pooled table.
    const strict = c.build(150);
    expect(strict.bins[1]).toBeNull();
    expect(quantileOffsets(strict, 0.9, 1).p10).toBe(-1);
    expect(quantileOffsets(strict, 0.9, 1).p90).toBeGreaterThan(0.5);
  });

  it('reports the median |residual| as the in-sample loss, which one huge residual does not move', () => {
    const c = new ResidualCollector(2);
    expect(c.medianAbs()).toBe(0);
    for (const r of [0.1, -0.2, 0.3, -0.4]) c.add(1, r, 0);
    c.add(2, 500, 0); // a series whose level is near zero
    expect(c.medianAbs()).toBeCloseTo(0.3, 12);
  });

  it('builds forecasts that are ordered and never negative', () => {
    const table = new ResidualCollector(2).build();
    table.pooled = { p10: [-2, -0.5], p50: [-0.1, 0], p90: [0.5, 1] };
    const f = quantileForecast('x', ['2024-01-02', '2024-01-03'], [1, -3], 2, 0, table);
    expect(f.mean).toEqual([1, 0]);
    expect(f.quantiles.p10).toEqual([0, 0]);
    expect(f.quantiles.p50[0]).toBeCloseTo(0.8, 12);
    expect(f.quantiles.p90).toEqual([2, 0]);
  });
});
