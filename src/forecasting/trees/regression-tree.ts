import { z } from 'zod';

/**
 * One regression tree as saved: parallel arrays over nodes, node 0 the root. An inner node sends a
 * row left when its feature value (rounded to float32) is ≤ the node's threshold; a leaf has feature
 * −1 and its value (the learning rate already applied).
 */
export interface TreeNodes {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

const int = z.number().int();
const finite = z.number().finite();
export const treeNodesSchema = z
  .object({
    feature: z.array(int.min(-1)),
    threshold: z.array(finite),
    left: z.array(int.min(-1)),
    right: z.array(int.min(-1)),
    value: z.array(finite),
  })
  .refine(
    (t) =>
      t.feature.length > 0 &&
      [t.threshold, t.left, t.right, t.value].every((a) => a.length === t.feature.length),
    'node arrays of different lengths',
  );

/** A boosted sum of trees: base + Σ tree(x). */
export interface TreeEnsembleState {
  features: number;
  base: number;
  trees: TreeNodes[];
}

export const treeEnsembleStateSchema = z.object({
  features: int.positive(),
  base: finite,
  trees: z.array(treeNodesSchema),
});

/**
 * Fast evaluation of a TreeEnsembleState: every tree's nodes packed into shared typed arrays. Checks
 * the structure once (children in range and after their parent, features in range), so a malformed
 * saved model fails when it is loaded, not with a loop or an out-of-range read when it predicts.
 */
export class TreeEnsemble {
  private readonly feature: Int32Array;
  private readonly threshold: Float32Array;
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly value: Float64Array;
  private readonly roots: Int32Array;
  private readonly row: Float32Array;

  constructor(readonly state: TreeEnsembleState) {
    const total = state.trees.reduce((n, t) => n + t.feature.length, 0);
    this.feature = new Int32Array(total);
    this.threshold = new Float32Array(total);
    this.left = new Int32Array(total);
    this.right = new Int32Array(total);
    this.value = new Float64Array(total);
    this.roots = new Int32Array(state.trees.length);
    this.row = new Float32Array(state.features);
    let at = 0;
    state.trees.forEach((t, k) => {
      this.roots[k] = at;
      const n = t.feature.length;
      for (let i = 0; i < n; i++) {
        const f = t.feature[i];
        if (f >= state.features) throw new Error(`tree ${k} node ${i} splits feature ${f}`);
        if (f >= 0) {
          for (const child of [t.left[i], t.right[i]])
            if (!(child > i && child < n))
              throw new Error(`tree ${k} node ${i} has child ${child} out of range`);
          this.left[at + i] = at + t.left[i];
          this.right[at + i] = at + t.right[i];
        }
        this.feature[at + i] = f;
        this.threshold[at + i] = t.threshold[i];
        this.value[at + i] = t.value[i];
      }
      at += n;
    });
  }

  /** base + Σ trees for one feature row (float64 values are compared as float32). */
  predict(x: ArrayLike<number>): number {
    const row = this.row;
    for (let f = 0; f < row.length; f++) row[f] = x[f];
    let sum = this.state.base;
    const { feature, threshold, left, right, value, roots } = this;
    for (let k = 0; k < roots.length; k++) {
      let i = roots[k];
      let f = feature[i];
      while (f >= 0) {
        i = row[f] <= threshold[i] ? left[i] : right[i];
        f = feature[i];
      }
      sum += value[i];
    }
    return sum;
  }
}
