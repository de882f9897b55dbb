import * as tf from '@tensorflow/tfjs';
import { initTfBackend } from '../../../src/forecasting/tf/tf-backend.js';
import { trainModel } from '../../../src/training/model-trainer.js';
import {
  FIT_SHARE,
  TrainingBudget,
  TrainingBudgetError,
} from '../../../src/training/training-budget.js';
import { syntheticPanel } from '../../helpers/synthetic-panel.js';

const TINY_MLP = { units: [16], members: 1 };

beforeAll(async () => {
  await initTfBackend('wasm');
});

describe('TrainingBudget', () => {
  it('shares the fits budget between the backtest fits and the final fit, capped per fit', () => {
    let t = 0;
    const b = new TrainingBudget(100, 3, () => t, undefined);
    expect(b.backtestFit).toBeCloseTo((100 * FIT_SHARE) / 4);
    t = 50_000;
    expect(b.finalFit()).toBeCloseTo(50 * FIT_SHARE);
    expect(new TrainingBudget(100, 3, () => 0, 5).backtestFit).toBe(5);
    t = 100_001;
    expect(() => b.finalFit()).toThrow(TrainingBudgetError);
  });
});

describe('trainModel within a budget', () => {
  const panel = syntheticPanel({ series: 6, days: 200, seed: 2 });

  it('a budget too small for real training still ends with a model (no backtest), stopped by time, and records it', async () => {
    const before = tf.memory().numTensors;
    const outcome = await trainModel({
      panel,
      target: 'quantity',
      kind: 'mlp',
      params: TINY_MLP,
      horizon: 14,
      epochs: 500,
      seed: 1,
      budgetSec: 0.05,
      backtest: false,
    });
    try {
      // 500 epochs cannot run in a few milliseconds: the fit loop stopped at its deadline.
      expect(outcome.fit.epochs).toBeLessThan(500);
      expect(outcome.fit.epochs).toBeGreaterThanOrEqual(1);
      expect(outcome.manifest.training.budgetSec).toBe(0.05);
      expect(outcome.manifest.training.seconds).toBe(outcome.seconds);
      expect(outcome.manifest.paramsSource).toEqual({ origin: 'request' });
      const forecasts = await outcome.forecaster.predict({ panel, horizon: 14 });
      expect(forecasts.length).toBeGreaterThan(0);
    } finally {
      outcome.forecaster.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fails cleanly, tensors freed, when the backtest spends the whole budget (injected clock)', async () => {
    const before = tf.memory().numTensors;
    let t = 0;
    await expect(
      trainModel({
        panel,
        target: 'quantity',
        kind: 'mlp',
        params: TINY_MLP,
        horizon: 14,
        epochs: 1,
        seed: 1,
        budgetSec: 60,
        now: () => t,
        backtest: { windows: 1 },
        // The clock jumps past the budget while the backtest runs.
        onStage: (stage) => {
          if (stage === 'backtest') t = 61_000;
        },
      }),
    ).rejects.toThrow(TrainingBudgetError);
    expect(tf.memory().numTensors).toBe(before);
  });
});
