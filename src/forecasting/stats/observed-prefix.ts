/**
 * Prefix sums over the observed (non-NaN) values of one series, so that means, absolute means, counts
 * and zero shares over any day range cost O(1). Ranges are half-open `[from, to)` and clamped.
 */
export class ObservedPrefix {
  private readonly sum: Float64Array;
  private readonly absSum: Float64Array;
  private readonly count: Uint32Array;
  private readonly zeros: Uint32Array;

  constructor(values: ArrayLike<number>) {
    const n = values.length;
    this.sum = new Float64Array(n + 1);
    this.absSum = new Float64Array(n + 1);
    this.count = new Uint32Array(n + 1);
    this.zeros = new Uint32Array(n + 1);
    for (let t = 0; t < n; t++) {
      const v = values[t];
      const ok = !Number.isNaN(v);
      this.sum[t + 1] = this.sum[t] + (ok ? v : 0);
      this.absSum[t + 1] = this.absSum[t] + (ok ? Math.abs(v) : 0);
      this.count[t + 1] = this.count[t] + (ok ? 1 : 0);
      this.zeros[t + 1] = this.zeros[t] + (ok && v <= 0 ? 1 : 0);
    }
  }

  get length(): number {
    return this.count.length - 1;
  }

  observed(from: number, to: number): number {
    const [a, b] = this.clamp(from, to);
    return this.count[b] - this.count[a];
  }

  /** Mean of the observed values in the range; NaN when none is observed. */
  mean(from: number, to: number): number {
    const [a, b] = this.clamp(from, to);
    const n = this.count[b] - this.count[a];
    return n === 0 ? NaN : (this.sum[b] - this.sum[a]) / n;
  }

  /** Mean of |value| over the observed values in the range; NaN when none is observed. */
  absMean(from: number, to: number): number {
    const [a, b] = this.clamp(from, to);
    const n = this.count[b] - this.count[a];
    return n === 0 ? NaN : (this.absSum[b] - this.absSum[a]) / n;
  }

  /** Share of observed values ≤ 0 in the range; NaN when none is observed. */
  zeroShare(from: number, to: number): number {
    const [a, b] = this.clamp(from, to);
    const n = this.count[b] - this.count[a];
    return n === 0 ? NaN : (this.zeros[b] - this.zeros[a]) / n;
  }

  private clamp(from: number, to: number): [number, number] {
    const a = Math.min(Math.max(0, from), this.length);
    const b = Math.min(Math.max(a, to), this.length);
    return [a, b];
  }
}
