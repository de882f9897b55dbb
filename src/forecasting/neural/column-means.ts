/** Calendar-day prefix sums of one panel column (NaN = missing), for O(1) means over day ranges. */
export class ColumnMeans {
  private readonly sum: Float64Array;
  private readonly count: Int32Array;

  constructor(
    values: Float32Array,
    private readonly n: number,
    private readonly t: number,
  ) {
    this.sum = new Float64Array(n * (t + 1));
    this.count = new Int32Array(n * (t + 1));
    for (let s = 0; s < n; s++) {
      const base = s * (t + 1);
      let sum = 0;
      let count = 0;
      for (let d = 0; d < t; d++) {
        this.sum[base + d] = sum;
        this.count[base + d] = count;
        const v = values[s * t + d];
        if (!Number.isNaN(v)) {
          sum += v;
          count += 1;
        }
      }
      this.sum[base + t] = sum;
      this.count[base + t] = count;
    }
  }

  /** Mean of series s over days [from, to) (clamped to the panel); NaN without observations. */
  mean(s: number, from: number, to: number): number {
    const a = Math.max(0, Math.min(this.t, from));
    const b = Math.max(0, Math.min(this.t, to));
    const base = s * (this.t + 1);
    const c = this.count[base + b] - this.count[base + a];
    return c > 0 ? (this.sum[base + b] - this.sum[base + a]) / c : NaN;
  }
}
