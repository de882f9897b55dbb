import {
  binShares,
  kolmogorovSurvival,
  ksPValue,
  ksStatistic,
  PSI_EPSILON,
  psi,
  psiFromShares,
  quantileBinEdges,
  quantileSketch,
} from '../../../src/monitoring/stats/distribution-stats.js';

const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

describe('PSI over quantile bins of the reference', () => {
  it('is 0 for identical samples', () => {
    expect(psi(oneToHundred, oneToHundred)).toBe(0);
    expect(psi([3, 1, 2, 5, 4], [5, 4, 3, 2, 1])).toBe(0);
  });

  it('puts the edges at the reference deciles (linear interpolation, as numpy.quantile)', () => {
    // numpy.quantile(range(1, 101), [0.1, ..., 0.9]) = 10.9, 20.8, ..., 90.1
    expect(quantileBinEdges(oneToHundred)).toEqual(
      [10.9, 20.8, 30.7, 40.6, 50.5, 60.4, 70.3, 80.2, 90.1].map((v): unknown =>
        expect.closeTo(v, 10),
      ),
    );
    expect(binShares(oneToHundred, quantileBinEdges(oneToHundred))).toEqual(
      new Array(10).fill(0).map((): unknown => expect.closeTo(0.1, 12)),
    );
  });

  it('equals the worked figure for 1..100 shifted by +10', () => {
    // Reference 1..100: ten bins of 10 % each. Current 11..110: the first bin (≤ 10.9) is empty
    // (share ε = 1e-4), bins 2..9 hold 10 % each, the last (> 90.1) holds 91..110 = 20 %.
    // PSI = (ε − 0.1)·ln(ε / 0.1) + (0.2 − 0.1)·ln(0.2 / 0.1)
    //     = (−0.0999)(−6.907755) + 0.1 · 0.693147 = 0.690085 + 0.069315 = 0.759399(47)
    const shifted = oneToHundred.map((v) => v + 10);
    expect(PSI_EPSILON).toBe(1e-4);
    expect(psi(oneToHundred, shifted)).toBeCloseTo(0.7593994704263101, 12);
  });

  it('is symmetric in its bins and grows with the shift', () => {
    expect(psiFromShares([0.5, 0.5], [0.25, 0.75])).toBeCloseTo(
      0.25 * Math.log(0.5) * -1 + 0.25 * Math.log(1.5),
      12,
    );
    const small = psi(
      oneToHundred,
      oneToHundred.map((v) => v + 2),
    );
    const big = psi(
      oneToHundred,
      oneToHundred.map((v) => v + 30),
    );
    expect(small).toBeGreaterThan(0);
    expect(big).toBeGreaterThan(small);
  });

  it('drops repeated edges of a reference with many equal values and ignores NaN', () => {
    const ref = [0, 0, 0, 0, 0, 0, 0, 0, 1, 2];
    // q(0.1..0.7) = 0; q(0.8): h = 9·0.8 = 7.2 → 0 + 0.2·(1 − 0) = 0.2; q(0.9): h = 8.1 → 1 + 0.1·(2 − 1) = 1.1
    expect(quantileBinEdges(ref)).toEqual([0, expect.closeTo(0.2, 12), expect.closeTo(1.1, 12)]);
    expect(psi([...ref, NaN], ref)).toBe(0);
  });

  it('builds an equally spaced quantile sketch', () => {
    expect(quantileSketch([4, 1, 3, 2, 5], 5)).toEqual([1, 2, 3, 4, 5]);
    expect(quantileSketch([], 5)).toEqual([]);
  });
});

describe('two-sample Kolmogorov–Smirnov', () => {
  it('matches scipy.stats.ks_2samp statistics', () => {
    // scipy 1.17 ks_2samp([1,2,3,4,5], [3,4,5,6,7]).statistic = 0.4 (at x = 2: 2/5 − 0/5)
    expect(ksStatistic([1, 2, 3, 4, 5], [3, 4, 5, 6, 7])).toBeCloseTo(0.4, 12);
    // ks_2samp(range(1, 11), [2.5, 4.5, ..., 12.5]).statistic = 0.333... (at x = 10: 10/10 − 4/6)
    expect(
      ksStatistic([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [2.5, 4.5, 6.5, 8.5, 10.5, 12.5]),
    ).toBeCloseTo(1 / 3, 12);
    // ks_2samp([0.1,0.4,0.7,1.2,1.5,2.0,2.2,3.1], [0.5,0.9,1.1,1.3,2.5,2.8,3.3,3.6,4.0]).statistic
    //   = 0.4305555555555556 (at x = 2.2: 7/8 − 4/9)
    const a = [0.1, 0.4, 0.7, 1.2, 1.5, 2.0, 2.2, 3.1];
    const b = [0.5, 0.9, 1.1, 1.3, 2.5, 2.8, 3.3, 3.6, 4.0];
    expect(ksStatistic(a, b)).toBeCloseTo(0.4305555555555556, 12);
    expect(ksStatistic(b, a)).toBeCloseTo(0.4305555555555556, 12);
    expect(ksStatistic(a, a)).toBe(0);
    expect(ksStatistic([], a)).toBeNaN();
  });

  it('gives the asymptotic p-value of scipy.stats.kstwobign', () => {
    // scipy.stats.kstwobign.sf(1.3581) = 0.04999963 (the classic 5 % critical value)
    expect(kolmogorovSurvival(1.3581)).toBeCloseTo(0.0499996304316674, 9);
    // kstwobign.sf(1.0) = 0.26999967167735456
    expect(kolmogorovSurvival(1)).toBeCloseTo(0.26999967167735456, 9);
    // n = 8, m = 9, D = 0.430556: λ = √(72/17) · D = 0.886076; kstwobign.sf(0.886076) = 0.41224017
    expect(ksPValue(0.4305555555555556, 8, 9)).toBeCloseTo(0.4122401689915279, 9);
    expect(kolmogorovSurvival(0)).toBe(1);
    expect(ksPValue(NaN, 3, 3)).toBeNaN();
  });
});
