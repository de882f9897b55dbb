import { SeededRandom } from '../../../../src/data/generator/seeded-random.js';

function moments(draw: () => number, n: number): { mean: number; variance: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    s += x;
    s2 += x * x;
  }
  const mean = s / n;
  return { mean, variance: s2 / n - mean * mean };
}

describe('SeededRandom', () => {
  it('repeats its sequence for a seed and stream, and differs across seeds and streams', () => {
    const seq = (seed: number, stream: string): number[] => {
      const r = new SeededRandom(seed, stream);
      return Array.from({ length: 8 }, () => r.nextUint32());
    };
    expect(seq(42, 'a')).toEqual(seq(42, 'a'));
    expect(seq(42, 'a')).not.toEqual(seq(43, 'a'));
    expect(seq(42, 'a')).not.toEqual(seq(42, 'b'));
    expect(seq(2 ** 40 + 1, 'a')).not.toEqual(seq(1, 'a'));
  });

  it('draws uniforms in [0, 1) with mean 1/2', () => {
    const r = new SeededRandom(1);
    const xs = Array.from({ length: 20000 }, () => r.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 2);
  });

  it('draws standard normals', () => {
    const r = new SeededRandom(2);
    const m = moments(() => r.normal(), 40000);
    expect(m.mean).toBeCloseTo(0, 1);
    expect(m.variance).toBeCloseTo(1, 1);
  });

  it.each([0.5, 2, 9])('draws gamma(%p) with mean and variance equal to the shape', (shape) => {
    const r = new SeededRandom(3);
    const m = moments(() => r.gamma(shape), 40000);
    expect(Math.abs(m.mean - shape) / shape).toBeLessThan(0.03);
    expect(Math.abs(m.variance - shape) / shape).toBeLessThan(0.08);
  });

  it.each([0.3, 4, 45, 400])('draws Poisson(%p) with mean and variance λ', (lambda) => {
    const r = new SeededRandom(4);
    const m = moments(() => r.poisson(lambda), 40000);
    expect(Math.abs(m.mean - lambda) / lambda).toBeLessThan(0.03);
    expect(Math.abs(m.variance - lambda) / lambda).toBeLessThan(0.08);
    expect(r.poisson(0)).toBe(0);
  });

  it('shuffles into a permutation', () => {
    const r = new SeededRandom(5);
    const xs = r.shuffle(Array.from({ length: 50 }, (_, i) => i));
    expect([...xs].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(xs).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
