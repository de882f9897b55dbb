import { MetricSums } from '../../../src/evaluation/metric-sums.js';
import { bias, coverage, mae, pinball, wape } from '../../../src/evaluation/metrics.js';

const y = [2, 0, 4, 10, NaN];
const p10 = [1, 0, 3, 5, 1];
const p50 = [1.5, 1, 6, 8, 2];
const p90 = [3, 2, 7, 9, 3];

describe('MetricSums', () => {
  it('gives the same figures as metrics.ts over the same points', () => {
    const sums = new MetricSums();
    for (let i = 0; i < y.length; i++)
      sums.add({ actual: y[i], p10: p10[i], p50: p50[i], p90: p90[i], scale: 2 });
    const s = sums.summary();
    expect(s.points).toBe(4);
    expect(s.wape).toBeCloseTo(wape(y, p50), 12);
    expect(s.bias).toBeCloseTo(bias(y, p50), 12);
    // Hand: |e| = 0.5, 1, 2, 2 → WAPE 5.5 / 16, bias (−0.5 + 1 + 2 − 2) / 16
    expect(s.wape).toBeCloseTo(5.5 / 16, 12);
    expect(s.bias).toBeCloseTo(0.5 / 16, 12);
    expect(s.mase).toBeCloseTo(mae(y, p50) / 2, 12);
    expect(s.pinball).toBeCloseTo(
      (pinball(y, p10, 0.1) + pinball(y, p50, 0.5) + pinball(y, p90, 0.9)) / 3,
      12,
    );
    expect(s.coverage).toBeCloseTo(coverage(y, p10, p90), 12);
    // y inside [p10, p90]: 2 ∈ [1,3] yes, 0 ∈ [0,2] yes, 4 ∈ [3,7] yes, 10 ∈ [5,9] no
    expect(s.coverage).toBe(0.75);
  });

  it('merges partial sums and reports NaN with nothing to score', () => {
    const a = new MetricSums();
    const b = new MetricSums();
    a.add({ actual: 4, p10: 1, p50: 2, p90: 3, scale: 0 });
    b.add({ actual: 2, p10: 1, p50: 2, p90: 3, scale: 1 });
    a.merge(b);
    expect(a.summary()).toMatchObject({ points: 2, wape: 2 / 6, mase: 0, coverage: 0.5 });
    expect(new MetricSums().summary().wape).toBeNaN();
  });
});
