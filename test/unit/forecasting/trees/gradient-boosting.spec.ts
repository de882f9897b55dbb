import { EventLoopSlices } from '../../../../src/forecasting/event-loop-slices.js';
import {
  fitBoostedTrees,
  fitBoostedTreesYielding,
  selectKth,
  type BoostingParams,
  type TrainingRows,
} from '../../../../src/forecasting/trees/gradient-boosting.js';
import {
  TreeEnsemble,
  treeEnsembleStateSchema,
} from '../../../../src/forecasting/trees/regression-tree.js';

const PARAMS: BoostingParams = {
  rounds: 50,
  learningRate: 0.1,
  maxLeaves: 8,
  maxDepth: 4,
  minLeafRows: 5,
  l2: 1,
  minGain: 0,
  subsample: 1,
  colsample: 1,
  maxBins: 64,
  seed: 1,
};

/** y = 3·[x0 > 0.5] + x1² on a grid, with a noise feature x2. */
function data(n: number): TrainingRows {
  const x = new Float32Array(3 * n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = (i % 37) / 37;
    const b = ((i * 13) % 41) / 41;
    x.set([a, b, ((i * 7919) % 101) / 101], 3 * i);
    y[i] = (a > 0.5 ? 3 : 0) + b * b;
  }
  return { x, features: 3, y, w: new Float64Array(n).fill(1) };
}

function rmse(d: TrainingRows, e: TreeEnsemble): number {
  let s = 0;
  for (let i = 0; i < d.y.length; i++)
    s += (e.predict(d.x.subarray(3 * i, 3 * i + 3)) - d.y[i]) ** 2;
  return Math.sqrt(s / d.y.length);
}

describe('gradient boosting', () => {
  const d = data(2000);

  it('grows the same trees when it gives the event loop back between them', async () => {
    const l1 = { ...PARAMS, objective: 'l1' as const, subsample: 0.7, colsample: 0.67 };
    // A callback queued on the event loop runs while the fit is under way (0 ms slices: every tree).
    let turns = 0;
    const spin = (): void => {
      turns++;
      if (turns < 1_000) setImmediate(spin);
    };
    setImmediate(spin);
    const yielding = await fitBoostedTreesYielding(d, l1, new EventLoopSlices(0));
    const turnsDuringFit = turns;
    turns = 1_000; // stops the spin
    expect(yielding).toEqual(fitBoostedTrees(d, l1));
    expect(turnsDuringFit).toBeGreaterThanOrEqual(PARAMS.rounds);
  });

  it('starts from the weighted mean and applies the learning rate to each tree', () => {
    const w = new Float64Array(d.y.length).fill(1);
    w[0] = 1001; // row 0 (y = 0) weighs as much as 1000 others
    const one = fitBoostedTrees({ ...d, w }, { ...PARAMS, rounds: 1, maxLeaves: 2 });
    let mean = 0;
    for (let i = 0; i < d.y.length; i++) mean += w[i] * d.y[i];
    mean /= d.y.length + 1000;
    expect(one.base).toBeCloseTo(mean, 10);
    const full = fitBoostedTrees(d, { ...PARAMS, rounds: 1, maxLeaves: 2, learningRate: 1 });
    const tenth = fitBoostedTrees(d, { ...PARAMS, rounds: 1, maxLeaves: 2, learningRate: 0.1 });
    const leaves = (t: { feature: number[]; value: number[] }): number[] =>
      t.value.filter((_, i) => t.feature[i] < 0);
    leaves(tenth.trees[0]).forEach((v, i) =>
      expect(v).toBeCloseTo(0.1 * leaves(full.trees[0])[i], 12),
    );
  });

  it('fits the target better with every block of rounds and ignores the noise feature at first', () => {
    const errors = [1, 10, 50].map((rounds) =>
      rmse(d, new TreeEnsemble(fitBoostedTrees(d, { ...PARAMS, rounds }))),
    );
    expect(errors[1]).toBeLessThan(errors[0]);
    expect(errors[2]).toBeLessThan(errors[1]);
    expect(errors[2]).toBeLessThan(0.1);
    const first = fitBoostedTrees(d, { ...PARAMS, rounds: 1 }).trees[0];
    expect(first.feature[0]).toBe(0);
  });

  it('is deterministic for a seed, and samples rows and features by it', () => {
    const p = { ...PARAMS, subsample: 0.5, colsample: 0.67 };
    const a = fitBoostedTrees(d, p);
    expect(fitBoostedTrees(d, p)).toEqual(a);
    expect(fitBoostedTrees(d, { ...p, seed: 2 })).not.toEqual(a);
  });

  it('predicts the same from its saved JSON, and refuses a malformed tree', () => {
    const state = fitBoostedTrees(d, PARAMS);
    const restored = new TreeEnsemble(
      treeEnsembleStateSchema.parse(JSON.parse(JSON.stringify(state))),
    );
    const original = new TreeEnsemble(state);
    for (let i = 0; i < 200; i++) {
      const row = Float64Array.from(d.x.subarray(3 * i, 3 * i + 3));
      expect(restored.predict(row)).toBe(original.predict(row));
    }
    const looped = structuredClone(state);
    looped.trees[0].left[0] = 0;
    expect(() => new TreeEnsemble(looped)).toThrow(/out of range/);
    const wide = structuredClone(state);
    wide.trees[0].feature[0] = 3;
    expect(() => new TreeEnsemble(wide)).toThrow(/splits feature 3/);
  });

  it("with objective 'l1' forecasts the median of skewed targets, where 'l2' forecasts the mean", () => {
    // y = 2·[x0 > 0.5], plus 10 on every fifth row: medians 0 and 2, means 2 and 4.
    const n = 2000;
    const x = new Float32Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = (i % 37) / 37;
      y[i] = (x[i] > 0.5 ? 2 : 0) + (i % 5 === 0 ? 10 : 0);
    }
    const rows = { x, features: 1, y, w: new Float64Array(n).fill(1) };
    const at = (e: TreeEnsemble, v: number): number => e.predict(Float64Array.of(v));
    const l1 = fitBoostedTrees(rows, { ...PARAMS, objective: 'l1' });
    // The base is the median of all targets: 0 on 41 % of the rows, 2 on 39 %, 10 or 12 on 20 %.
    expect(l1.base).toBe(2);
    const median = new TreeEnsemble(l1);
    expect(at(median, 0.2)).toBeCloseTo(0, 1);
    expect(at(median, 0.8)).toBeCloseTo(2, 1);
    const mean = new TreeEnsemble(fitBoostedTrees(rows, { ...PARAMS, rounds: 200 }));
    expect(at(mean, 0.2)).toBeCloseTo(2, 1);
    expect(at(mean, 0.8)).toBeCloseTo(4, 1);
    // Weights move the median: the rows at or below 0.5 weighing 3 each make 0 the overall median.
    const w = Float64Array.from(x, (v) => (v > 0.5 ? 1 : 3));
    expect(fitBoostedTrees({ ...rows, w }, { ...PARAMS, objective: 'l1', rounds: 1 }).base).toBe(0);
  });

  it('selects the k-th smallest value as a full sort would, duplicates included', () => {
    let seed = 7;
    const next = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 10;
    for (const n of [1, 2, 3, 10, 101, 1000]) {
      const values = Float64Array.from({ length: n }, () => Math.round(next()));
      const sorted = values.slice().sort();
      for (const k of [0, n >> 1, Math.ceil(n / 2) - 1, n - 1])
        expect(selectKth(values.slice(), k)).toBe(sorted[k]);
    }
  });

  it('gives the mean without rows', () => {
    const empty = fitBoostedTrees(
      { x: new Float32Array(0), features: 3, y: new Float64Array(0), w: new Float64Array(0) },
      PARAMS,
    );
    expect(empty).toEqual({ features: 3, base: 0, trees: [] });
  });
});
