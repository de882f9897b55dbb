/**
 * Quantile bins of the features of a row-major float32 matrix (rows × features): each feature gets at
 * most `maxBins` bins, bin k holding the values v with edges[k − 1] < v ≤ edges[k] (the last bin has
 * no upper edge). A feature with few distinct values gets one bin per value, so binary flags split
 * exactly. Edges are float32 values, so a float64 input is compared after rounding to float32
 * (`Math.fround`), the way the training rows were stored.
 */
export class FeatureBins {
  private constructor(
    /** Upper edges per feature, ascending (bins = edges.length + 1). */
    readonly edges: readonly Float32Array[],
  ) {}

  get features(): number {
    return this.edges.length;
  }

  /** Bins of feature `f`. */
  binCount(f: number): number {
    return this.edges[f].length + 1;
  }

  /** The largest bin count of any feature. */
  get maxBinCount(): number {
    return this.edges.reduce((m, e) => Math.max(m, e.length + 1), 1);
  }

  /**
   * Edges from the rows listed in `sample` (or all rows): per feature, its distinct values when there
   * are at most `maxBins`, else the values at `maxBins` evenly spaced ranks, deduplicated.
   */
  static fit(
    rows: Float32Array,
    features: number,
    maxBins: number,
    sample?: Int32Array,
  ): FeatureBins {
    if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > 256)
      throw new Error(`maxBins must be an integer in 2..256, got ${maxBins}`);
    const n = sample ? sample.length : rows.length / features;
    const column = new Float32Array(n);
    const edges: Float32Array[] = [];
    for (let f = 0; f < features; f++) {
      for (let i = 0; i < n; i++) column[i] = rows[(sample ? sample[i] : i) * features + f];
      column.sort();
      edges.push(edgesOf(column, maxBins));
    }
    return new FeatureBins(edges);
  }

  static fromEdges(edges: readonly ArrayLike<number>[]): FeatureBins {
    return new FeatureBins(edges.map((e) => Float32Array.from(e)));
  }

  /** The bin of value `x` of feature `f` (binary search over its edges). */
  binOf(f: number, x: number): number {
    const e = this.edges[f];
    const v = Math.fround(x);
    let lo = 0;
    let hi = e.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (v <= e[mid]) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Bins of every value of a row-major matrix, same layout. */
  binRows(rows: Float32Array): Uint8Array {
    const features = this.features;
    const out = new Uint8Array(rows.length);
    for (let i = 0; i < rows.length; i += features)
      for (let f = 0; f < features; f++) out[i + f] = this.binOf(f, rows[i + f]);
    return out;
  }

  /** The value threshold of a split "bin ≤ b" of feature `f`: x ≤ threshold goes left. */
  threshold(f: number, b: number): number {
    return this.edges[f][b];
  }
}

function edgesOf(sorted: Float32Array, maxBins: number): Float32Array {
  const n = sorted.length;
  const distinct: number[] = [];
  for (let i = 0; i < n; i++)
    if (i === 0 || sorted[i] !== sorted[i - 1]) {
      distinct.push(sorted[i]);
      if (distinct.length > maxBins) break;
    }
  // Few distinct values: one bin each (the last needs no upper edge).
  if (distinct.length <= maxBins) return Float32Array.from(distinct.slice(0, -1));
  const edges: number[] = [];
  for (let k = 1; k < maxBins; k++) {
    const v = sorted[Math.min(n - 1, Math.floor((k * n) / maxBins) - 1)];
    if (v !== sorted[n - 1] && (edges.length === 0 || v > edges[edges.length - 1])) edges.push(v);
  }
  return Float32Array.from(edges);
}
