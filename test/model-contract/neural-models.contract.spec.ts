import * as tf from '@tensorflow/tfjs';
import type { Forecast } from '../../src/forecasting/forecast.types.js';
import { createForecaster } from '../../src/forecasting/forecaster.registry.js';
import { initTfBackend } from '../../src/forecasting/tf/tf-backend.js';
import { syntheticPanel } from '../helpers/synthetic-panel.js';
import { runForecasterContract } from './forecaster-contract.js';

/** Tiny networks and few epochs: the contract checks behaviour, not accuracy. */
const KINDS: [string, Record<string, unknown>][] = [
  ['mlp', { units: [32], members: 1 }],
  ['mlp', { units: [16], members: 2 }],
  ['gru', { units: 8, steps: 14, hidden: [32] }],
  // daily steps (one recurrent step per day, all 28 days), next to the weekly patches above
  ['gru', { units: 8, steps: 28, patch: 1, hidden: [32] }],
  ['lstm', { units: 8, steps: 14, hidden: [32] }],
  ['transformer', { dModel: 16, heads: 2, ffUnits: 16, poolSteps: 4, hidden: [32] }],
];
const FIT = { epochs: 2, seed: 3 };

beforeAll(async () => {
  await initTfBackend('wasm');
});

for (const [kind, params] of KINDS) {
  runForecasterContract(kind, params, { fitOptions: FIT });

  describe(`neural contract: ${kind}`, () => {
    it('keeps tf.memory().numTensors flat across predictions and frees everything on dispose', async () => {
      const panel = syntheticPanel({ series: 6, days: 120, seed: 11 });
      const baseline = tf.memory().numTensors;
      const f = await createForecaster(kind, params);
      const report = await f.fit(panel, { ...FIT, target: 'quantity', horizon: 7 });
      const epochs = FIT.epochs * ((params.members as number | undefined) ?? 1);
      expect(report.epochs).toBe(epochs);
      expect(report.stoppedBy).toBe('epochs'); // a 2-epoch fit of a tiny network ends long before 45 s
      expect(report.trainLoss).toHaveLength(epochs);
      expect(report.valLoss).toHaveLength(epochs);
      expect(report.samplesPerSec).toBeGreaterThan(0);
      expect(report.calibration?.points).toBeGreaterThan(0);
      const weights = tf.memory().numTensors;
      expect(weights).toBeGreaterThan(baseline); // the model's variables
      await f.predict({ panel, horizon: 7 }); // warm-up
      for (let i = 0; i < 3; i++) {
        await f.predict({ panel, horizon: 7 });
        expect(tf.memory().numTensors).toBe(weights);
      }
      f.dispose();
      expect(tf.memory().numTensors).toBe(baseline);
    });

    it('is reproducible: the same seed gives the same weights and forecasts', async () => {
      const panel = syntheticPanel({ series: 6, days: 120, seed: 12 });
      const run = async (): Promise<Forecast[]> => {
        const f = await createForecaster(kind, params);
        try {
          await f.fit(panel, { epochs: 1, seed: 9, target: 'quantity', horizon: 7 });
          return await f.predict({ panel, horizon: 7 });
        } finally {
          f.dispose();
        }
      };
      const first = await run();
      expect(await run()).toEqual(first);
    });
  });
}
