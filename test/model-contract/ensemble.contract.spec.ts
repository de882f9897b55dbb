import * as tf from '@tensorflow/tfjs';
import type { Forecast } from '../../src/forecasting/forecast.types.js';
import { ForecasterErrorCode } from '../../src/forecasting/forecaster.errors.js';
import {
  createForecaster,
  loadForecaster,
  saveForecaster,
} from '../../src/forecasting/forecaster.registry.js';
import { combineForecasts } from '../../src/forecasting/ensemble/combine-forecasts.js';
import { initTfBackend } from '../../src/forecasting/tf/tf-backend.js';
import { syntheticPanel } from '../helpers/synthetic-panel.js';
import { MemoryBlobStore } from '../helpers/memory-blob-store.js';
import { runForecasterContract } from './forecaster-contract.js';

/** The default members (linear, mlp, gbt), made small. */
const NEURAL = {
  members: [
    { kind: 'linear' },
    { kind: 'mlp', params: { units: [16], members: 1 } },
    { kind: 'gbt', params: { rounds: 30 } },
  ],
};
const FIT = { epochs: 2, seed: 3 };

beforeAll(async () => {
  await initTfBackend('wasm');
});

runForecasterContract('ensemble', { members: [{ kind: 'linear' }, { kind: 'ets' }] });
runForecasterContract('ensemble', {
  members: [{ kind: 'linear' }, { kind: 'seasonal-naive' }, { kind: 'moving-average' }],
  combine: 'median',
  weighting: 'validation',
});
runForecasterContract('ensemble', NEURAL, { fitOptions: FIT });

function forecast(id: string, p10: number, p50: number, p90: number): Forecast {
  return {
    seriesId: id,
    dates: ['2024-01-01'],
    mean: [p50],
    quantiles: { p10: [p10], p50: [p50], p90: [p90] },
  };
}

describe('ensemble', () => {
  it('combines each value by weighted mean or median, over the series every member has', () => {
    const a = [forecast('x', 1, 2, 3), forecast('only-a', 1, 1, 1)];
    const b = [forecast('x', 4, 8, 12)];
    const c = [forecast('x', 10, 11, 30)];
    const mean = combineForecasts([a, b], [3, 1], 'mean');
    expect(mean.map((f) => f.seriesId)).toEqual(['x']);
    expect(mean[0].quantiles).toEqual({ p10: [1.75], p50: [3.5], p90: [5.25] });
    expect(mean[0].mean).toEqual([3.5]);
    const median = combineForecasts([a, b, c], [1, 1, 1], 'median');
    expect(median[0].quantiles).toEqual({ p10: [4], p50: [8], p90: [12] });
    // center 'mean': the combined mean serves as P50, kept within P10–P90
    const high = [{ ...forecast('x', 1, 2, 3), mean: [9] }];
    const centred = combineForecasts([a, high], [1, 1], 'mean', 'mean');
    expect(centred[0].mean).toEqual([5.5]);
    expect(centred[0].quantiles).toEqual({ p10: [1], p50: [3], p90: [3] });
  });

  it('weights members by their held-out WAPE and keeps the weights through save and load', async () => {
    const panel = syntheticPanel({ series: 6, days: 150, seed: 5 });
    const f = await createForecaster('ensemble', {
      members: [{ kind: 'linear' }, { kind: 'seasonal-naive' }],
      weighting: 'validation',
    });
    await f.fit(panel, { target: 'quantity', horizon: 7 });
    const store = new MemoryBlobStore();
    await saveForecaster(f, store);
    const header = JSON.parse(new TextDecoder().decode(store.blobs.get('forecaster.json'))) as {
      state: { weights: number[]; validationWape: number[] };
    };
    const { weights, validationWape } = header.state;
    expect(weights.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 9);
    expect(validationWape.every((w) => w > 0)).toBe(true);
    // the member with the lower held-out WAPE gets the larger weight
    expect(weights[0] > weights[1]).toBe(validationWape[0] < validationWape[1]);
    expect([...store.blobs.keys()].sort()).toEqual(
      ['forecaster.json', 'member-0/forecaster.json', 'member-1/forecaster.json'].sort(),
    );
    f.dispose();
  });

  it('rejects bad params and a saved member of the wrong kind', async () => {
    for (const params of [
      { members: [{ kind: 'linear' }] },
      { members: [{ kind: 'linear' }, { kind: 'prophet' }] },
      { members: [{ kind: 'linear' }, { kind: 'ensemble' }] },
      { weighting: 'fixed' },
      { combine: 'max' },
    ])
      await expect(createForecaster('ensemble', params)).rejects.toMatchObject({
        code: ForecasterErrorCode.InvalidParams,
      });
    const panel = syntheticPanel({ series: 4, days: 120, seed: 6 });
    const f = await createForecaster('ensemble', {
      members: [{ kind: 'linear' }, { kind: 'ets' }],
    });
    await f.fit(panel, { target: 'quantity', horizon: 7 });
    const store = new MemoryBlobStore();
    await saveForecaster(f, store);
    f.dispose();
    const header = store.blobs.get('forecaster.json');
    const seasonal = await createForecaster('seasonal-naive');
    await seasonal.fit(panel, { target: 'quantity', horizon: 7 });
    await seasonal.toArtifacts({
      put: (key, bytes) => store.put(`member-1/${key}`, bytes),
    });
    expect(header).toBeDefined();
    await expect(loadForecaster(store)).rejects.toMatchObject({
      code: ForecasterErrorCode.InvalidArtifact,
    });
  });

  it('keeps tf.memory().numTensors flat with a neural member and frees it on dispose', async () => {
    const panel = syntheticPanel({ series: 6, days: 120, seed: 11 });
    const baseline = tf.memory().numTensors;
    const f = await createForecaster('ensemble', NEURAL);
    expect(f.capabilities.neural).toBe(true);
    await f.fit(panel, { ...FIT, target: 'quantity', horizon: 7 });
    const weights = tf.memory().numTensors;
    expect(weights).toBeGreaterThan(baseline);
    await f.predict({ panel, horizon: 7 });
    for (let i = 0; i < 2; i++) {
      await f.predict({ panel, horizon: 7 });
      expect(tf.memory().numTensors).toBe(weights);
    }
    f.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
