import { mulberry32, shuffleInPlace } from '../neural/seeded-random.js';
import { FeatureBins } from './feature-bins.js';
import type { TreeEnsembleState, TreeNodes } from './regression-tree.js';
import { TreeLearner, type BinnedTree, type TreeParams } from './tree-learner.js';

export interface BoostingParams extends TreeParams {
  rounds: number;
  /** Shrinkage applied to every tree's leaf values. */
  learningRate: number;
  /** Share of rows each tree is grown on (drawn anew per tree). */
  subsample: number;
  /** Share of features each tree may split on (drawn anew per tree). */
  colsample: number;
  /** Most bins per feature (≤ 256). */
  maxBins: number;
  seed: number;
}

/** Training rows: row-major features (rows × features), targets and row weights. */
export interface TrainingRows {
  x: Float32Array;
  features: number;
  y: Float64Array;
  w: Float64Array;
}

/** Rows whose values set the bin edges (a sample keeps binning cheap on large fits). */
const BINNING_SAMPLE = 50_000;

/**
 * Gradient-boosted regression trees for weighted squared error: starts from the weighted mean, then
 * each round grows a histogram tree (tree-learner.ts) on a row and feature sample against the
 * current residuals and adds it, shrunk by the learning rate. Weights are normalised to mean 1, so
 * `l2` and `minGain` read in rows. Deterministic for a given seed.
 */
export function fitBoostedTrees(data: TrainingRows, p: BoostingParams): TreeEnsembleState {
  const { x, features, y, w } = data;
  const n = y.length;
  if (n === 0) return { features, base: 0, trees: [] };
  const random = mulberry32(p.seed);
  const binSample = n > BINNING_SAMPLE ? sampleRows(n, BINNING_SAMPLE, random) : undefined;
  const binning = FeatureBins.fit(x, features, p.maxBins, binSample);
  const bins = binning.binRows(x);
  const binCounts = Int32Array.from({ length: features }, (_, f) => binning.binCount(f));
  const learner = new TreeLearner({ bins, features, binCounts }, p);

  let wSum = 0;
  let wySum = 0;
  for (let i = 0; i < n; i++) {
    wSum += w[i];
    wySum += w[i] * y[i];
  }
  const base = wSum > 0 ? wySum / wSum : 0;
  const hess = new Float64Array(n);
  for (let i = 0; i < n; i++) hess[i] = wSum > 0 ? (w[i] * n) / wSum : 1;
  const pred = new Float64Array(n).fill(base);
  const grad = new Float64Array(n);
  const allFeatures = Int32Array.from({ length: features }, (_, f) => f);
  const pickFeatures = Math.max(1, Math.round(p.colsample * features));
  const trees: TreeNodes[] = [];
  for (let round = 0; round < p.rounds; round++) {
    for (let i = 0; i < n; i++) grad[i] = hess[i] * (y[i] - pred[i]);
    const rows = p.subsample < 1 ? bernoulliRows(n, p.subsample, random) : allRows(n);
    if (rows.length === 0) continue;
    const cols =
      pickFeatures < features
        ? shuffleInPlace(allFeatures.slice(), random).subarray(0, pickFeatures).sort()
        : allFeatures;
    const tree = learner.grow(grad, hess, rows, cols);
    if (tree.feature.length === 1) break; // no split gains: later rounds would not either
    for (let i = 0; i < n; i++)
      pred[i] += p.learningRate * tree.value[TreeLearner.leafOf(tree, bins, i * features)];
    trees.push(toNodes(tree, binning, p.learningRate));
  }
  return { features, base, trees };
}

/** A binned tree with value thresholds and shrunk leaf values. */
function toNodes(tree: BinnedTree, binning: FeatureBins, learningRate: number): TreeNodes {
  return {
    feature: [...tree.feature],
    threshold: tree.feature.map((f, i) => (f >= 0 ? binning.threshold(f, tree.splitBin[i]) : 0)),
    left: [...tree.left],
    right: [...tree.right],
    value: tree.value.map((v, i) => (tree.feature[i] >= 0 ? 0 : v * learningRate)),
  };
}

function allRows(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

function bernoulliRows(n: number, share: number, random: () => number): Int32Array {
  const out = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) if (random() < share) out[k++] = i;
  return out.subarray(0, k);
}

function sampleRows(n: number, k: number, random: () => number): Int32Array {
  return shuffleInPlace(allRows(n), random).subarray(0, k);
}
