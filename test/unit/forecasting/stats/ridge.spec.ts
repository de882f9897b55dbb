import { NormalEquations, choleskySolve } from '../../../../src/forecasting/stats/ridge.js';

describe('ridge by normal equations', () => {
  it('solves a small SPD system by Cholesky', () => {
    // 4x + 2y = 8, 2x + 3y = 7  →  x = 1.25, y = 1.5
    const x = choleskySolve(Float64Array.from([4, 2, 2, 3]), Float64Array.from([8, 7]), 2);
    expect(x[0]).toBeCloseTo(1.25, 12);
    expect(x[1]).toBeCloseTo(1.5, 12);
    expect(() =>
      choleskySolve(Float64Array.from([1, 2, 2, 1]), Float64Array.from([1, 1]), 2),
    ).toThrow(/positive definite/);
  });

  it('recovers exact coefficients without penalty, and treats weight 2 as a duplicated row', () => {
    const eq = new NormalEquations(3);
    const weighted = new NormalEquations(3);
    const rows = [
      [1, 0, 1],
      [0, 1, 1],
      [2, 3, 1],
      [1, -1, 1],
    ];
    for (const [i, x] of rows.entries()) {
      const y = 2 * x[0] - 3 * x[1] + 0.5;
      eq.add(x, y);
      if (i === 0) eq.add(x, y);
      weighted.add(x, y, i === 0 ? 2 : 1);
    }
    const beta = eq.solve(0);
    [2, -3, 0.5].forEach((b, i) => expect(beta[i]).toBeCloseTo(b, 6));
    const w = weighted.solve(0.1);
    Array.from(eq.solve(0.1)).forEach((b, i) => expect(w[i]).toBeCloseTo(b, 9));
  });

  it('shrinks penalised coefficients towards zero but leaves unpenalised ones free', () => {
    const eq = new NormalEquations(2);
    for (let i = 0; i < 50; i++) eq.add([1, i % 2], 5 + 2 * (i % 2));
    const free = eq.solve(10, [false, true]);
    const all = eq.solve(10);
    expect(Math.abs(free[1])).toBeLessThan(2);
    expect(free[0]).toBeGreaterThan(5);
    expect(all[0]).toBeLessThan(1);
    expect(Array.from(new NormalEquations(2).solve(1))).toEqual([0, 0]);
  });
});
