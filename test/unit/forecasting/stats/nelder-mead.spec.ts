import { nelderMead } from '../../../../src/forecasting/stats/nelder-mead.js';

describe('Nelder–Mead', () => {
  it('finds the minimum of a shifted quadratic', () => {
    const r = nelderMead(([x, y]) => (x - 3) ** 2 + 2 * (y + 1) ** 2, [0, 0], { maxEvals: 400 });
    expect(r.x[0]).toBeCloseTo(3, 3);
    expect(r.x[1]).toBeCloseTo(-1, 3);
    expect(r.evals).toBeLessThanOrEqual(400);
  });

  it('gets down the Rosenbrock valley', () => {
    const f = ([x, y]: number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
    const r = nelderMead(f, [-1.2, 1], { maxEvals: 2000, tolerance: 1e-12 });
    expect(r.value).toBeLessThan(1e-6);
  });

  it('treats a non-finite objective as worst and respects the budget', () => {
    const r = nelderMead(([x]) => (x < 0 ? NaN : (x - 1) ** 2), [2], { maxEvals: 30 });
    expect(r.x[0]).toBeGreaterThanOrEqual(0);
    expect(r.evals).toBeLessThanOrEqual(31);
  });
});
