import * as tf from '@tensorflow/tfjs';
import { buildMlpNetwork } from '../../../../src/forecasting/networks/mlp.network.js';
import {
  fitLoop,
  type BatchSource,
  type FitLoopOptions,
} from '../../../../src/forecasting/neural/fit-loop.js';
import { SeedSequence } from '../../../../src/forecasting/neural/seeded-random.js';
import { PAST_FEATURES } from '../../../../src/forecasting/neural/window-features.js';
import { initTfBackend } from '../../../../src/forecasting/tf/tf-backend.js';

const SHAPE = {
  lookback: 7,
  pastFeatures: PAST_FEATURES,
  horizon: 3,
  futureFeatures: 2,
  staticFeatures: 2,
};

/** `count` windows whose inputs vary with the window index and whose every target day is `target`. */
function windows(count: number, target: number): BatchSource {
  return {
    count,
    fill(order, from, to, batch) {
      const { lookback, horizon, futureFeatures, staticFeatures } = SHAPE;
      batch.size = to - from;
      for (let i = 0; i < batch.size; i++) {
        const w = order[from + i];
        for (let k = 0; k < lookback * PAST_FEATURES; k++)
          batch.past[i * lookback * PAST_FEATURES + k] = ((w + k) % 5) / 5;
        for (let k = 0; k < horizon * futureFeatures; k++)
          batch.future[i * horizon * futureFeatures + k] = (k % 2) - 0.5;
        for (let k = 0; k < staticFeatures; k++) batch.statics[i * staticFeatures + k] = w % 2;
        for (let h = 0; h < horizon; h++) {
          batch.target[i * horizon + h] = target;
          batch.weight[i * horizon + h] = 1;
        }
        batch.scale[i] = 1;
      }
    },
  };
}

function options(over: Partial<FitLoopOptions>): FitLoopOptions {
  return {
    epochs: 3,
    samplesPerEpoch: 0,
    batchSize: 16,
    learningRate: 1e-2,
    patience: 10,
    deadline: performance.now() + 600_000,
    seed: 5,
    meanLossWeight: 0.1,
    lookback: SHAPE.lookback,
    horizon: SHAPE.horizon,
    staticFeatures: SHAPE.staticFeatures,
    futureFeatures: SHAPE.futureFeatures,
    ...over,
  };
}

async function fit(
  over: Partial<FitLoopOptions>,
  train = windows(100, 1),
  val = windows(20, 1),
): Promise<Awaited<ReturnType<typeof fitLoop>> & { weights: number[] }> {
  const model = buildMlpNetwork(SHAPE, { units: [8] }, new SeedSequence(1));
  try {
    const result = await fitLoop(model, train, val, options(over));
    const weights = model.getWeights().flatMap((w) => Array.from(w.dataSync()));
    return { ...result, weights };
  } finally {
    model.dispose();
  }
}

describe('fitLoop: epochs are the budget, the wall clock the backstop', () => {
  beforeAll(async () => {
    await initTfBackend('wasm');
  });

  it('trains exactly the epoch limit when the deadline is far, and says so', async () => {
    const r = await fit({ epochs: 3 });
    expect(r.stoppedBy).toBe('epochs');
    expect(r.epochs).toBe(3);
    expect(r.samplesSeen).toBe(300);
    expect(r.trainLoss).toHaveLength(3);
    expect(r.valLoss).toHaveLength(3);
  });

  it('gives the same weights and losses for the same seed and epochs, whatever the deadline', async () => {
    const a = await fit({ epochs: 2 });
    const b = await fit({ epochs: 2, deadline: performance.now() + 3_600_000 });
    expect(b.trainLoss).toEqual(a.trainLoss);
    expect(b.valLoss).toEqual(a.valLoss);
    expect(b.weights).toEqual(a.weights);
    const other = await fit({ epochs: 2, seed: 6 });
    expect(other.weights).not.toEqual(a.weights);
  });

  it('trains samplesPerEpoch windows per epoch when it is set', async () => {
    const r = await fit({ epochs: 4, samplesPerEpoch: 40 });
    expect(r.stoppedBy).toBe('epochs');
    expect(r.epochs).toBe(4);
    expect(r.samplesSeen).toBe(160);
    // larger than the training set: every window once
    expect((await fit({ epochs: 1, samplesPerEpoch: 1000 })).samplesSeen).toBe(100);
  });

  it('stops after one step once the deadline has passed, and says the wall clock ended it', async () => {
    const r = await fit({ epochs: 5, deadline: performance.now() - 1 });
    expect(r.stoppedBy).toBe('time-budget');
    expect(r.epochs).toBe(1);
    expect(r.samplesSeen).toBe(16);
  });

  it('stops early when the validation loss stops improving and keeps the best epoch', async () => {
    // training pulls the outputs towards 1, away from the validation targets (−3): validation gets worse
    const r = await fit(
      { epochs: 8, patience: 2, learningRate: 5e-2 },
      windows(100, 1),
      windows(20, -3),
    );
    expect(r.stoppedBy).toBe('early-stopping');
    expect(r.bestEpoch).toBe(1);
    expect(r.epochs).toBe(3);
  });

  it('leaves tf.memory().numTensors as it found it', async () => {
    const before = tf.memory().numTensors;
    await fit({ epochs: 2, samplesPerEpoch: 32 });
    expect(tf.memory().numTensors).toBe(before);
  });
});
