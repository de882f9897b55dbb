/**
 * Distribution comparison for drift detection: quantiles, the Population Stability Index over
 * quantile bins of a reference, and the two-sample Kolmogorov–Smirnov statistic with its asymptotic
 * p-value. Pure functions over plain arrays; NaN values are ignored everywhere.
 */

/** Empty bins get this share instead of 0, so ln(a/e) stays finite (shares are not renormalised). */
export const PSI_EPSILON = 1e-4;

function finiteSorted(values: ArrayLike<number>): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) out.push(values[i]);
  return Float64Array.from(out).sort();
}

/** Quantile `p` (0..1) of sorted values by linear interpolation (numpy's default, type 7); NaN when empty. */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** `count` equally spaced quantiles (0, 1/(count−1), ..., 1) of the finite values: a quantile sketch. */
export function quantileSketch(values: ArrayLike<number>, count: number): number[] {
  const sorted = finiteSorted(values);
  if (sorted.length === 0) return [];
  const k = Math.max(2, count);
  return Array.from({ length: k }, (_, i) => quantileOfSorted(sorted, i / (k - 1)));
}

/**
 * Inner bin edges at the reference's quantiles 1/bins .. (bins−1)/bins, repeated edges dropped (a
 * reference with many equal values has fewer bins). Bin i holds values in (edge[i−1], edge[i]].
 */
export function quantileBinEdges(reference: ArrayLike<number>, bins = 10): number[] {
  const sorted = finiteSorted(reference);
  const edges: number[] = [];
  if (sorted.length === 0) return edges;
  for (let i = 1; i < bins; i++) {
    const q = quantileOfSorted(sorted, i / bins);
    if (edges.length === 0 || q > edges[edges.length - 1]) edges.push(q);
  }
  return edges;
}

/** Share of the finite values in each bin of `edges` (edges.length + 1 bins); all 0 when none. */
export function binShares(values: ArrayLike<number>, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v <= edges[mid]) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]++;
    n++;
  }
  return counts.map((c) => (n === 0 ? 0 : c / n));
}

/**
 * PSI = Σ (a − e) · ln(a / e) over bins, with e the reference's shares and a the current ones; a
 * share of 0 counts as PSI_EPSILON. 0 for identical distributions; < 0.1 is usually read as stable,
 * 0.1–0.25 as a moderate shift, > 0.25 as a major one.
 */
export function psiFromShares(expected: readonly number[], actual: readonly number[]): number {
  if (expected.length !== actual.length) throw new RangeError('PSI shares differ in length');
  let sum = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.max(expected[i], PSI_EPSILON);
    const a = Math.max(actual[i], PSI_EPSILON);
    sum += (a - e) * Math.log(a / e);
  }
  return sum;
}

/** PSI of `current` against `reference` over `bins` quantile bins of the reference. */
export function psi(reference: ArrayLike<number>, current: ArrayLike<number>, bins = 10): number {
  const edges = quantileBinEdges(reference, bins);
  return psiFromShares(binShares(reference, edges), binShares(current, edges));
}

/** Two-sample Kolmogorov–Smirnov statistic D = sup |F₁(x) − F₂(x)| of the empirical CDFs (NaN if one is empty). */
export function ksStatistic(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const x = finiteSorted(a);
  const y = finiteSorted(b);
  const n = x.length;
  const m = y.length;
  if (n === 0 || m === 0) return NaN;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const v = Math.min(x[i], y[j]);
    while (i < n && x[i] <= v) i++;
    while (j < m && y[j] <= v) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  return d;
}

/**
 * Survival function of the Kolmogorov distribution, Q(λ) = 2 Σₖ (−1)^(k−1) e^(−2k²λ²) (1 for λ ≤ 0).
 */
export function kolmogorovSurvival(lambda: number): number {
  if (!(lambda > 0)) return 1;
  if (lambda < 0.2) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += (k % 2 === 1 ? 1 : -1) * term;
    if (term < 1e-16) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/**
 * Asymptotic two-sided p-value of a two-sample KS statistic `d` for samples of n and m values:
 * Q(√(nm/(n+m)) · d). No small-sample correction: for a few dozen values it is approximate.
 */
export function ksPValue(d: number, n: number, m: number): number {
  if (!Number.isFinite(d) || n <= 0 || m <= 0) return NaN;
  return kolmogorovSurvival(Math.sqrt((n * m) / (n + m)) * d);
}
