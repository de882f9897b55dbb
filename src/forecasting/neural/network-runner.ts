import * as tf from '@tensorflow/tfjs';
import { batchTensors } from './fit-loop.js';
import { decodeHeadInto } from './quantile-head.js';
import {
  allocateBatch,
  futureFeatureCount,
  fillBatch,
  staticFeatureCount,
  type FeatureContext,
  type WindowSet,
} from './window-features.js';

const PREDICT_CHUNK = 1024;

/** Scaled model outputs of a set of windows: `values[(w * horizon + h) * 4 + k]`, k = p10, p50, p90, mean. */
export interface RawOutputs {
  values: Float32Array;
  scale: Float32Array;
}

/** Runs the network over windows in chunks; returns scaled P10/P50/P90/mean and the windows' scales. */
export async function runNetwork(
  model: tf.LayersModel,
  ctx: FeatureContext,
  windows: WindowSet,
): Promise<RawOutputs> {
  const { lookback, horizon } = ctx.state;
  const staticFeatures = staticFeatureCount(ctx.state.categories.length);
  const n = windows.series.length;
  const values = new Float32Array(n * horizon * 4);
  const scale = new Float32Array(n);
  const batch = allocateBatch(
    Math.min(PREDICT_CHUNK, Math.max(n, 1)),
    lookback,
    horizon,
    staticFeatures,
    futureFeatureCount(ctx.state),
  );
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let from = 0; from < n; from += batch.capacity) {
    const to = Math.min(n, from + batch.capacity);
    fillBatch(ctx, windows, order, from, to, batch);
    const t = batchTensors(batch, lookback, horizon, staticFeatures);
    let out: tf.Tensor | undefined;
    try {
      out = tf.tidy(() => model.predict(t.inputs) as tf.Tensor);
      decodeHeadInto(await out.data<'float32'>(), values, from * horizon);
    } finally {
      tf.dispose([...t.inputs, t.target, t.weight]);
      out?.dispose();
    }
    scale.set(batch.scale.subarray(0, to - from), from);
  }
  return { values, scale };
}

/** Runs every member network and averages their outputs (an ensemble of seeds). */
export async function runEnsemble(
  models: readonly tf.LayersModel[],
  ctx: FeatureContext,
  windows: WindowSet,
): Promise<RawOutputs> {
  if (models.length === 0) throw new Error('an ensemble needs at least one network');
  const first = await runNetwork(models[0], ctx, windows);
  for (let m = 1; m < models.length; m++) {
    const next = await runNetwork(models[m], ctx, windows);
    for (let i = 0; i < first.values.length; i++) first.values[i] += next.values[i];
  }
  if (models.length > 1)
    for (let i = 0; i < first.values.length; i++) first.values[i] /= models.length;
  return first;
}
