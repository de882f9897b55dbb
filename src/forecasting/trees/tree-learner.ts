/**
 * Grows one regression tree on binned features from per-row gradients and hessians (second-order
 * boosting: leaf value Σg / (Σh + l2), split gain G_L²/(H_L + l2) + G_R²/(H_R + l2) − G²/(H + l2)),
 * leaf by leaf: the leaf whose best split gains most is split next, until `maxLeaves` leaves, no
 * split gains more than `minGain`, or every candidate is at `maxDepth`. Histograms of gradient,
 * hessian and row count per (feature, bin); the larger child's histogram is the parent's minus the
 * smaller child's.
 */
export interface TreeParams {
  maxLeaves: number;
  maxDepth: number;
  /** Fewest (sampled) rows in a leaf. */
  minLeafRows: number;
  /** L2 penalty on leaf values, in hessian units. */
  l2: number;
  /** Smallest gain a split must bring. */
  minGain: number;
}

/** Row-major binned features (rows × features) and each feature's bin count. */
export interface BinnedRows {
  bins: Uint8Array;
  features: number;
  binCounts: Int32Array;
}

/** A grown tree in bins: inner nodes split "bin ≤ splitBin" of `feature`; leaves have feature −1. */
export interface BinnedTree {
  feature: number[];
  splitBin: number[];
  left: number[];
  right: number[];
  /** Leaf values Σg / (Σh + l2), unshrunk; 0 for inner nodes. */
  value: number[];
}

interface Split {
  gain: number;
  feature: number;
  bin: number;
  gl: number;
  hl: number;
  cl: number;
}

interface Leaf {
  node: number;
  start: number;
  end: number;
  depth: number;
  g: number;
  h: number;
  count: number;
  hist: Histogram;
  best: Split | null;
}

/** A leaf of the last grown tree: its node and its rows, `rows[start..end)` of the array grown on. */
export interface LeafRows {
  node: number;
  start: number;
  end: number;
}

/** Per (feature, bin) slot k: gradient sum at 3k, hessian sum at 3k + 1, row count at 3k + 2. */
type Histogram = Float64Array;

export class TreeLearner {
  private readonly stride: number;
  private readonly pool: Histogram[] = [];
  private leaves: LeafRows[] = [];

  constructor(
    private readonly data: BinnedRows,
    private readonly params: TreeParams,
  ) {
    this.stride = data.binCounts.reduce((m, b) => Math.max(m, b), 1);
  }

  /**
   * Grows a tree over the rows listed in `rows` (reordered in place: each leaf's rows end up
   * contiguous) using only the features listed in `features`.
   */
  grow(grad: Float64Array, hess: Float64Array, rows: Int32Array, features: Int32Array): BinnedTree {
    const tree: BinnedTree = { feature: [-1], splitBin: [0], left: [-1], right: [-1], value: [0] };
    let g = 0;
    let h = 0;
    for (let i = 0; i < rows.length; i++) {
      g += grad[rows[i]];
      h += hess[rows[i]];
    }
    const root = this.leaf(0, 0, rows.length, 0, g, h, rows.length);
    this.fill(root.hist, grad, hess, rows, 0, rows.length, features);
    root.best = this.bestSplit(root, features);
    const leaves: Leaf[] = [root];
    while (leaves.length < this.params.maxLeaves) {
      let pick = -1;
      for (let k = 0; k < leaves.length; k++) {
        const b = leaves[k].best;
        if (b && (pick < 0 || b.gain > (leaves[pick].best?.gain ?? -Infinity))) pick = k;
      }
      if (pick < 0) break;
      const parent = leaves[pick];
      const [left, right] = this.split(parent, tree, grad, hess, rows, features);
      leaves[pick] = left;
      leaves.push(right);
    }
    const l2 = this.params.l2;
    for (const leaf of leaves) {
      tree.value[leaf.node] = leaf.h + l2 > 0 ? leaf.g / (leaf.h + l2) : 0;
      this.pool.push(leaf.hist);
    }
    this.leaves = leaves.map(({ node, start, end }) => ({ node, start, end }));
    return tree;
  }

  /** The leaves of the last grown tree with their row ranges (the rows array was reordered so). */
  get lastLeaves(): readonly LeafRows[] {
    return this.leaves;
  }

  /** The leaf a binned row falls in (its node index). */
  static leafOf(tree: BinnedTree, bins: Uint8Array, offset: number): number {
    let i = 0;
    let f = tree.feature[0];
    while (f >= 0) {
      i = bins[offset + f] <= tree.splitBin[i] ? tree.left[i] : tree.right[i];
      f = tree.feature[i];
    }
    return i;
  }

  private leaf(
    node: number,
    start: number,
    end: number,
    depth: number,
    g: number,
    h: number,
    count: number,
  ): Leaf {
    const hist = this.pool.pop() ?? new Float64Array(3 * this.data.features * this.stride);
    return { node, start, end, depth, g, h, count, hist, best: null };
  }

  private split(
    parent: Leaf,
    tree: BinnedTree,
    grad: Float64Array,
    hess: Float64Array,
    rows: Int32Array,
    features: Int32Array,
  ): [Leaf, Leaf] {
    const best = parent.best;
    if (!best) throw new Error('splitting a leaf without a split');
    const { bins, features: width } = this.data;
    // Partition the parent's rows: bin ≤ best.bin first.
    let a = parent.start;
    let b = parent.end - 1;
    while (a <= b) {
      if (bins[rows[a] * width + best.feature] <= best.bin) a++;
      else {
        const t = rows[a];
        rows[a] = rows[b];
        rows[b] = t;
        b--;
      }
    }
    const l = tree.feature.length;
    const r = l + 1;
    tree.feature[parent.node] = best.feature;
    tree.splitBin[parent.node] = best.bin;
    tree.left[parent.node] = l;
    tree.right[parent.node] = r;
    for (let k = 0; k < 2; k++) {
      tree.feature.push(-1);
      tree.splitBin.push(0);
      tree.left.push(-1);
      tree.right.push(-1);
      tree.value.push(0);
    }
    const depth = parent.depth + 1;
    const left = this.leaf(l, parent.start, a, depth, best.gl, best.hl, best.cl);
    const right: Leaf = {
      node: r,
      start: a,
      end: parent.end,
      depth,
      g: parent.g - best.gl,
      h: parent.h - best.hl,
      count: parent.count - best.cl,
      // The parent's histogram becomes the larger child's (after subtracting the smaller one).
      hist: parent.hist,
      best: null,
    };
    const leftSmaller = left.count <= right.count;
    const small = leftSmaller ? left : right;
    const large = leftSmaller ? right : left;
    if (!leftSmaller) {
      right.hist = left.hist;
      left.hist = parent.hist;
    }
    this.fill(small.hist, grad, hess, rows, small.start, small.end, features);
    this.subtract(large.hist, small.hist, features);
    left.best = this.bestSplit(left, features);
    right.best = this.bestSplit(right, features);
    return [left, right];
  }

  private fill(
    hist: Histogram,
    grad: Float64Array,
    hess: Float64Array,
    rows: Int32Array,
    start: number,
    end: number,
    features: Int32Array,
  ): void {
    const { bins, features: width } = this.data;
    const stride = 3 * this.stride;
    for (let k = 0; k < features.length; k++) {
      const o = features[k] * stride;
      hist.fill(0, o, o + stride);
    }
    const nf = features.length;
    for (let i = start; i < end; i++) {
      const row = rows[i];
      const gi = grad[row];
      const hi = hess[row];
      const base = row * width;
      for (let k = 0; k < nf; k++) {
        const f = features[k];
        const at = f * stride + 3 * bins[base + f];
        hist[at] += gi;
        hist[at + 1] += hi;
        hist[at + 2]++;
      }
    }
  }

  private subtract(into: Histogram, minus: Histogram, features: Int32Array): void {
    const stride = 3 * this.stride;
    for (let k = 0; k < features.length; k++) {
      const o = features[k] * stride;
      for (let b = o; b < o + stride; b++) into[b] -= minus[b];
    }
  }

  private bestSplit(leaf: Leaf, features: Int32Array): Split | null {
    const { maxDepth, minLeafRows, l2, minGain } = this.params;
    if (leaf.depth >= maxDepth || leaf.count < 2 * minLeafRows) return null;
    const stride = 3 * this.stride;
    const hist = leaf.hist;
    const parentScore = (leaf.g * leaf.g) / (leaf.h + l2);
    let best: Split | null = null;
    for (let k = 0; k < features.length; k++) {
      const f = features[k];
      const o = f * stride;
      const nb = this.data.binCounts[f];
      let gl = 0;
      let hl = 0;
      let cl = 0;
      for (let b = 0; b < nb - 1; b++) {
        gl += hist[o + 3 * b];
        hl += hist[o + 3 * b + 1];
        cl += hist[o + 3 * b + 2];
        if (cl < minLeafRows) continue;
        const cr = leaf.count - cl;
        if (cr < minLeafRows) break;
        const gr = leaf.g - gl;
        const hr = leaf.h - hl;
        const gain = (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2) - parentScore;
        if (gain > minGain && (best === null || gain > best.gain))
          best = { gain, feature: f, bin: b, gl, hl, cl };
      }
    }
    return best;
  }
}
