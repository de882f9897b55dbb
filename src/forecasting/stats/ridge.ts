/**
 * Weighted ridge regression by closed-form normal equations in float64:
 * β = (XᵀWX + λ·ΣW·I)⁻¹ XᵀWy, accumulated one row at a time (no design matrix kept).
 */
export class NormalEquations {
  /** Upper triangle of XᵀWX, row-major dim × dim. */
  private readonly xtx: Float64Array;
  private readonly xty: Float64Array;
  private weightSum = 0;
  private rows = 0;

  constructor(readonly dim: number) {
    this.xtx = new Float64Array(dim * dim);
    this.xty = new Float64Array(dim);
  }

  get count(): number {
    return this.rows;
  }

  add(x: ArrayLike<number>, y: number, w = 1): void {
    const d = this.dim;
    for (let i = 0; i < d; i++) {
      const wxi = w * x[i];
      if (wxi === 0) continue;
      this.xty[i] += wxi * y;
      const row = i * d;
      for (let j = i; j < d; j++) this.xtx[row + j] += wxi * x[j];
    }
    this.weightSum += w;
    this.rows++;
  }

  /**
   * Coefficients with penalty `l2 · ΣW` on every coefficient whose `penalize[i]` is not false.
   * Without rows, all zeros.
   */
  solve(l2: number, penalize?: readonly boolean[]): Float64Array {
    const d = this.dim;
    if (this.rows === 0) return new Float64Array(d);
    const a = new Float64Array(d * d);
    for (let i = 0; i < d; i++)
      for (let j = i; j < d; j++) {
        a[i * d + j] = this.xtx[i * d + j];
        a[j * d + i] = this.xtx[i * d + j];
      }
    const lambda = l2 * this.weightSum;
    for (let i = 0; i < d; i++) if (penalize?.[i] !== false) a[i * d + i] += lambda;
    // A tiny ridge on every diagonal keeps the factorisation defined for unused features.
    const jitter = 1e-9 * Math.max(1, this.weightSum);
    for (let i = 0; i < d; i++) a[i * d + i] += jitter;
    return choleskySolve(a, this.xty, d);
  }
}

/** Solves A x = b for a symmetric positive definite A (row-major d × d) by Cholesky. */
export function choleskySolve(a: Float64Array, b: Float64Array, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * d + j];
      for (let k = 0; k < j; k++) sum -= l[i * d + k] * l[j * d + k];
      if (i === j) {
        if (!(sum > 0)) throw new Error(`matrix is not positive definite (pivot ${i})`);
        l[i * d + i] = Math.sqrt(sum);
      } else l[i * d + j] = sum / l[j * d + j];
    }
  }
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i * d + k] * y[k];
    y[i] = sum / l[i * d + i];
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let sum = y[i];
    for (let k = i + 1; k < d; k++) sum -= l[k * d + i] * x[k];
    x[i] = sum / l[i * d + i];
  }
  return x;
}
