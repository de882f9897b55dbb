export interface NelderMeadOptions {
  /** Initial simplex step per coordinate. */
  step?: number;
  maxEvals?: number;
  /** Stops when the spread of objective values across the simplex falls below this (relative). */
  tolerance?: number;
}

export interface NelderMeadResult {
  x: number[];
  value: number;
  evals: number;
}

/** Nelder–Mead minimisation of `f` from `x0` (unconstrained; bound parameters through a transform). */
export function nelderMead(
  f: (x: number[]) => number,
  x0: readonly number[],
  opts: NelderMeadOptions = {},
): NelderMeadResult {
  const step = opts.step ?? 0.5;
  const maxEvals = opts.maxEvals ?? 200;
  const tolerance = opts.tolerance ?? 1e-6;
  const n = x0.length;
  let evals = 0;
  const evaluate = (x: number[]): number => {
    evals++;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.MAX_VALUE;
  };
  const simplex: { x: number[]; v: number }[] = [{ x: [...x0], v: evaluate([...x0]) }];
  for (let i = 0; i < n; i++) {
    const x = [...x0];
    x[i] += step;
    simplex.push({ x, v: evaluate(x) });
  }
  const combine = (a: number[], b: number[], t: number): number[] =>
    a.map((ai, i) => ai + t * (b[i] - ai));
  while (evals < maxEvals) {
    simplex.sort((a, b) => a.v - b.v);
    const best = simplex[0];
    const worst = simplex[n];
    if (Math.abs(worst.v - best.v) <= tolerance * (Math.abs(best.v) + 1e-12)) break;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i].x[j] / n;
    const reflected = combine(centroid, worst.x, -1);
    const rv = evaluate(reflected);
    if (rv < best.v) {
      const expanded = combine(centroid, worst.x, -2);
      const ev = evaluate(expanded);
      simplex[n] = ev < rv ? { x: expanded, v: ev } : { x: reflected, v: rv };
      continue;
    }
    if (rv < simplex[n - 1].v) {
      simplex[n] = { x: reflected, v: rv };
      continue;
    }
    const outside = rv < worst.v;
    const contracted = outside
      ? combine(centroid, reflected, 0.5)
      : combine(centroid, worst.x, 0.5);
    const cv = evaluate(contracted);
    if (cv < (outside ? rv : worst.v)) {
      simplex[n] = { x: contracted, v: cv };
      continue;
    }
    for (let i = 1; i <= n; i++) {
      const x = combine(best.x, simplex[i].x, 0.5);
      simplex[i] = { x, v: evaluate(x) };
    }
  }
  simplex.sort((a, b) => a.v - b.v);
  return { x: simplex[0].x, value: simplex[0].v, evals };
}
