import { FeatureBins } from '../../../../src/forecasting/trees/feature-bins.js';
import { TreeLearner, type TreeParams } from '../../../../src/forecasting/trees/tree-learner.js';

const PARAMS: TreeParams = { maxLeaves: 8, maxDepth: 4, minLeafRows: 1, l2: 0, minGain: 0 };

/** n rows, feature 0 noise, feature 1 the step the target follows (y = 2 from 0.5 on, −1 below). */
function stepData(n: number): { x: Float32Array; y: Float64Array } {
  const x = new Float32Array(2 * n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[2 * i] = ((i * 7919) % n) / n;
    x[2 * i + 1] = i / n;
    y[i] = i / n >= 0.5 ? 2 : -1;
  }
  return { x, y };
}

function learnerFor(x: Float32Array, features: number, params: TreeParams) {
  const bins = FeatureBins.fit(x, features, 64);
  const binned = bins.binRows(x);
  const binCounts = Int32Array.from({ length: features }, (_, f) => bins.binCount(f));
  return { bins, binned, learner: new TreeLearner({ bins: binned, features, binCounts }, params) };
}

const all = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);

describe('tree learner', () => {
  it('finds the one split that explains the target, with leaf values Σg / (Σh + l2)', () => {
    const n = 640;
    const { x, y } = stepData(n);
    const { bins, binned, learner } = learnerFor(x, 2, { ...PARAMS, maxLeaves: 2 });
    const tree = learner.grow(y, new Float64Array(n).fill(1), all(n), Int32Array.of(0, 1));
    expect(tree.feature[0]).toBe(1);
    const t = bins.threshold(1, tree.splitBin[0]);
    expect(t).toBeGreaterThanOrEqual(0.49);
    expect(t).toBeLessThan(0.5);
    expect(tree.value[tree.left[0]]).toBeCloseTo(-1, 12);
    expect(tree.value[tree.right[0]]).toBeCloseTo(2, 12);
    for (let i = 0; i < n; i++)
      expect(tree.value[TreeLearner.leafOf(tree, binned, 2 * i)]).toBeCloseTo(y[i], 12);
  });

  it('shrinks leaf values towards zero with the l2 penalty', () => {
    const n = 100;
    const { x } = stepData(n);
    const y = new Float64Array(n).fill(3);
    const { learner } = learnerFor(x, 2, { ...PARAMS, l2: 100 });
    const tree = learner.grow(y, new Float64Array(n).fill(1), all(n), Int32Array.of(0, 1));
    // A constant target has no split that gains: one leaf, 300 / (100 + 100).
    expect(tree.feature).toEqual([-1]);
    expect(tree.value[0]).toBeCloseTo(1.5, 12);
  });

  it('weighs rows by their hessians', () => {
    const n = 4;
    const x = Float32Array.of(0, 0, 0, 0);
    const { learner } = learnerFor(x, 1, PARAMS);
    // Σ h·r / Σ h with residuals 1, 1, 1, 5 and weights 1, 1, 1, 3: (3 + 15) / 6.
    const h = Float64Array.of(1, 1, 1, 3);
    const g = Float64Array.of(1, 1, 1, 15);
    const tree = learner.grow(g, h, all(n), Int32Array.of(0));
    expect(tree.value[0]).toBeCloseTo(3, 12);
  });

  it('keeps at least minLeafRows rows in every leaf and at most maxLeaves leaves', () => {
    const n = 1000;
    const x = new Float32Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = i;
      y[i] = Math.sin(i / 20);
    }
    const { binned, learner } = learnerFor(x, 1, {
      ...PARAMS,
      maxLeaves: 6,
      maxDepth: 10,
      minLeafRows: 120,
    });
    const tree = learner.grow(y, new Float64Array(n).fill(1), all(n), Int32Array.of(0));
    const leaves = tree.feature.filter((f) => f < 0).length;
    expect(leaves).toBe(6);
    const counts = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const leaf = TreeLearner.leafOf(tree, binned, i);
      counts.set(leaf, (counts.get(leaf) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const c of counts.values()) expect(c).toBeGreaterThanOrEqual(120);
  });

  it('stops at maxDepth and splits only the features it is given', () => {
    const n = 640;
    const { x, y } = stepData(n);
    const { learner } = learnerFor(x, 2, { ...PARAMS, maxLeaves: 64, maxDepth: 1 });
    const stump = learner.grow(y, new Float64Array(n).fill(1), all(n), Int32Array.of(0, 1));
    expect(stump.feature.filter((f) => f >= 0)).toEqual([1]);
    const noise = learner.grow(y, new Float64Array(n).fill(1), all(n), Int32Array.of(0));
    expect(noise.feature.filter((f) => f >= 0)).toEqual([0]);
  });

  it('grows on the listed rows only', () => {
    const n = 640;
    const { x, y } = stepData(n);
    const { learner } = learnerFor(x, 2, { ...PARAMS, maxLeaves: 2 });
    // Only rows from 0.5 on: the target is constant there, no split gains.
    const rows = Int32Array.from({ length: 200 }, (_, i) => n - 1 - i);
    const tree = learner.grow(y, new Float64Array(n).fill(1), rows, Int32Array.of(0, 1));
    expect(tree.feature).toEqual([-1]);
    expect(tree.value[0]).toBeCloseTo(2, 12);
  });

  it('reports each leaf of the last tree with its rows, contiguous in the reordered rows array', () => {
    const n = 640;
    const { x, y } = stepData(n);
    const { binned, learner } = learnerFor(x, 2, PARAMS);
    const rows = all(n);
    const tree = learner.grow(y, new Float64Array(n).fill(1), rows, Int32Array.of(0, 1));
    const leaves = learner.lastLeaves;
    expect(leaves.map((l) => l.node).sort()).toEqual(
      tree.feature.flatMap((f, i) => (f < 0 ? [i] : [])).sort(),
    );
    expect(leaves.reduce((k, l) => k + l.end - l.start, 0)).toBe(n);
    for (const leaf of leaves)
      for (const i of rows.subarray(leaf.start, leaf.end))
        expect(TreeLearner.leafOf(tree, binned, 2 * i)).toBe(leaf.node);
  });
});
