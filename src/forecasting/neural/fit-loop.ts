import * as tf from '@tensorflow/tfjs';
import type { FitProgress, FitStopReason } from '../forecast.types.js';
import { quantileLoss, weightedLossSum } from './quantile-head.js';
import { shuffleInPlace, mulberry32 } from './seeded-random.js';
import { allocateBatch, PAST_FEATURES, type WindowBatch } from './window-features.js';

/** A set of windows that can fill batches (training or validation). */
export interface BatchSource {
  readonly count: number;
  fill(order: Int32Array, from: number, to: number, batch: WindowBatch): void;
}

export interface FitLoopOptions {
  epochs: number;
  /**
   * Windows trained on per epoch, drawn anew from the seeded shuffle each epoch (0 = every training
   * window). Makes an epoch a fixed amount of work whatever the data's size, so `epochs` is a budget.
   */
  samplesPerEpoch: number;
  batchSize: number;
  learningRate: number;
  patience: number;
  /** performance.now() value after which training stops. */
  deadline: number;
  seed: number;
  meanLossWeight: number;
  lookback: number;
  horizon: number;
  staticFeatures: number;
  /** Inputs per target day (futureFeatureCount of the state). */
  futureFeatures: number;
  onProgress?: (p: FitProgress) => void;
}

export interface FitLoopResult {
  epochs: number;
  trainLoss: number[];
  valLoss: number[];
  /** Windows passed through a training step (all epochs). */
  samplesSeen: number;
  trainSeconds: number;
  /** Seconds spent in training steps only (what samples/s is measured on). */
  stepSeconds: number;
  stoppedBy: FitStopReason;
  /** 1-based epoch whose weights were kept. */
  bestEpoch: number;
}

/** Batch arrays → the model's inputs and the loss's target/weight tensors (copies; caller disposes). */
export function batchTensors(
  batch: WindowBatch,
  lookback: number,
  horizon: number,
  staticFeatures: number,
): { inputs: tf.Tensor[]; target: tf.Tensor2D; weight: tf.Tensor2D } {
  const n = batch.size;
  return {
    inputs: [
      tf.tensor3d(batch.past.slice(0, n * lookback * PAST_FEATURES), [n, lookback, PAST_FEATURES]),
      tf.tensor3d(batch.future.slice(0, n * horizon * batch.futureFeatures), [
        n,
        horizon,
        batch.futureFeatures,
      ]),
      tf.tensor2d(batch.statics.slice(0, n * staticFeatures), [n, staticFeatures]),
    ],
    target: tf.tensor2d(batch.target.slice(0, n * horizon), [n, horizon]),
    weight: tf.tensor2d(batch.weight.slice(0, n * horizon), [n, horizon]),
  };
}

function disposeAll(t: { inputs: tf.Tensor[]; target: tf.Tensor; weight: tf.Tensor }): void {
  tf.dispose([...t.inputs, t.target, t.weight]);
}

/** Lets the event loop run (HTTP requests, progress output) between training steps. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) =>
    typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0),
  );
}

/** Weighted validation loss over every window of `val` (same normalisation as the training loss). */
export function evaluateLoss(
  model: tf.LayersModel,
  val: BatchSource,
  opts: Pick<
    FitLoopOptions,
    'batchSize' | 'lookback' | 'horizon' | 'staticFeatures' | 'futureFeatures' | 'meanLossWeight'
  >,
): number {
  const chunk = Math.max(opts.batchSize, 1024);
  const batch = allocateBatch(
    chunk,
    opts.lookback,
    opts.horizon,
    opts.staticFeatures,
    opts.futureFeatures,
  );
  const order = Int32Array.from({ length: val.count }, (_, i) => i);
  let num = 0;
  let den = 0;
  for (let from = 0; from < val.count; from += chunk) {
    const to = Math.min(val.count, from + chunk);
    val.fill(order, from, to, batch);
    const t = batchTensors(batch, opts.lookback, opts.horizon, opts.staticFeatures);
    try {
      const sum = tf.tidy(() => {
        const raw = model.predict(t.inputs) as tf.Tensor;
        return weightedLossSum(raw, t.target, t.weight, opts.meanLossWeight);
      });
      num += sum.dataSync()[0];
      sum.dispose();
    } finally {
      disposeAll(t);
    }
    for (let i = 0; i < (to - from) * opts.horizon; i++) den += batch.weight[i];
  }
  return den > 0 ? num / den : NaN;
}

/**
 * Mini-batch training with Adam, seeded shuffling, early stopping on the validation loss (best weights are
 * restored), an epoch limit and a wall-clock deadline. With a fixed seed the result depends only on how
 * many epochs ran: when the epochs (or early stopping) end the fit before the deadline, it is the same
 * under any load; the deadline is the backstop that keeps a fit inside its job's budget. Every tensor it creates is disposed before it returns.
 */
export async function fitLoop(
  model: tf.LayersModel,
  train: BatchSource,
  val: BatchSource,
  opts: FitLoopOptions,
): Promise<FitLoopResult> {
  const optimizer = tf.train.adam(opts.learningRate);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const batch = allocateBatch(
    opts.batchSize,
    opts.lookback,
    opts.horizon,
    opts.staticFeatures,
    opts.futureFeatures,
  );
  const order = Int32Array.from({ length: train.count }, (_, i) => i);
  const windowsPerEpoch =
    opts.samplesPerEpoch > 0 ? Math.min(train.count, opts.samplesPerEpoch) : train.count;
  const random = mulberry32(opts.seed);
  const trainLoss: number[] = [];
  const valLoss: number[] = [];
  let best: tf.Tensor[] | undefined;
  let bestScore = Infinity;
  let bestEpoch = 0;
  let samplesSeen = 0;
  let stoppedBy: FitLoopResult['stoppedBy'] = 'epochs';
  const started = performance.now();
  let lastYield = started;
  let stepSeconds = 0;
  try {
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      shuffleInPlace(order, random);
      let lossSum = 0;
      let lossCount = 0;
      let outOfTime = false;
      for (let from = 0; from < windowsPerEpoch; from += opts.batchSize) {
        const to = Math.min(windowsPerEpoch, from + opts.batchSize);
        const stepStart = performance.now();
        train.fill(order, from, to, batch);
        const t = batchTensors(batch, opts.lookback, opts.horizon, opts.staticFeatures);
        try {
          const cost = optimizer.minimize(
            () => {
              const raw = model.apply(t.inputs, { training: true }) as tf.Tensor;
              return quantileLoss(raw, t.target, t.weight, opts.meanLossWeight);
            },
            true,
            vars,
          );
          if (cost) {
            lossSum += cost.dataSync()[0] * (to - from);
            cost.dispose();
          }
        } finally {
          disposeAll(t);
        }
        lossCount += to - from;
        samplesSeen += to - from;
        const now = performance.now();
        stepSeconds += (now - stepStart) / 1000;
        if (now > opts.deadline) {
          outOfTime = true;
          break;
        }
        if (now - lastYield > 50) {
          await yieldToEventLoop();
          lastYield = performance.now();
        }
      }
      const epochLoss = lossCount > 0 ? lossSum / lossCount : NaN;
      const epochVal = val.count > 0 ? evaluateLoss(model, val, opts) : epochLoss;
      trainLoss.push(epochLoss);
      valLoss.push(epochVal);
      if (epochVal < bestScore) {
        bestScore = epochVal;
        bestEpoch = epoch + 1;
        tf.dispose(best);
        best = tf.tidy(() => model.getWeights().map((w) => w.clone()));
      }
      const elapsed = (performance.now() - started) / 1000;
      const perEpoch = elapsed / (epoch + 1);
      opts.onProgress?.({
        epoch: epoch + 1,
        epochs: opts.epochs,
        loss: epochLoss,
        valLoss: val.count > 0 ? epochVal : undefined,
        samplesPerSec: samplesSeen / Math.max(stepSeconds, 1e-9),
        etaSec: Math.max(
          0,
          Math.min(
            perEpoch * (opts.epochs - epoch - 1),
            (opts.deadline - performance.now()) / 1000,
          ),
        ),
      });
      if (outOfTime) {
        stoppedBy = 'time-budget';
        break;
      }
      if (epoch + 1 - bestEpoch >= opts.patience) {
        stoppedBy = 'early-stopping';
        break;
      }
    }
    if (best) model.setWeights(best);
  } finally {
    tf.dispose(best);
    optimizer.dispose();
  }
  return {
    epochs: trainLoss.length,
    trainLoss,
    valLoss,
    samplesSeen,
    trainSeconds: (performance.now() - started) / 1000,
    stepSeconds,
    stoppedBy,
    bestEpoch,
  };
}
