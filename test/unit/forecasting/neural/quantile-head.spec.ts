import * as tf from '@tensorflow/tfjs';
import {
  decodeHeadInto,
  headValues,
  quantileLoss,
  weightedLossSum,
} from '../../../../src/forecasting/neural/quantile-head.js';
import { initTfBackend } from '../../../../src/forecasting/tf/tf-backend.js';

describe('quantile head and pinball loss', () => {
  beforeAll(async () => {
    await initTfBackend('wasm');
  });

  it('always orders P10 ≤ P50 ≤ P90, whatever the raw outputs', () => {
    const raw = tf.randomNormal([16, 7, 4], 0, 5, 'float32', 1);
    const v = headValues(raw);
    const [p10, p50, p90] = [v.p10, v.p50, v.p90].map((t) => t.dataSync());
    for (let i = 0; i < p50.length; i++) {
      expect(p10[i]).toBeLessThanOrEqual(p50[i]);
      expect(p50[i]).toBeLessThanOrEqual(p90[i]);
    }
    tf.dispose([raw, v.p10, v.p50, v.p90, v.mean]);
  });

  it('computes weighted pinball + mean squared error and ignores masked days', () => {
    // P50 = 1, gaps softplus(0) = ln 2, mean = 1; actual 2 on an observed day, 100 on a masked one
    const raw = tf.tensor3d([
      [
        [1, 0, 0, 1],
        [1, 0, 0, 1],
      ],
    ]);
    const target = tf.tensor2d([[2, 100]]);
    const weight = tf.tensor2d([[1, 0]]);
    const ln2 = Math.log(2);
    const expected = 0.1 * (2 - (1 - ln2)) + 0.5 * 1 + 0.9 * (2 - (1 + ln2)) + 0.1 * 1;
    const sum = weightedLossSum(raw, target, weight, 0.1);
    const loss = quantileLoss(raw, target, weight, 0.1);
    expect(sum.dataSync()[0]).toBeCloseTo(expected, 5);
    expect(loss.dataSync()[0]).toBeCloseTo(expected, 4);
    tf.dispose([raw, target, weight, sum, loss]);
  });

  it('penalises under-forecasts of P90 more than over-forecasts', () => {
    const at = (p50: number): number =>
      tf.tidy(() => {
        const raw = tf.tensor3d([[[p50, 0, -20, 0]]]); // upper gap ≈ 0 → P90 ≈ P50
        return weightedLossSum(raw, tf.tensor2d([[0]]), tf.tensor2d([[1]]), 0).dataSync()[0];
      });
    // actual 0: P90 = +1 costs 0.1·1 (from P90) vs P90 = −1 costing 0.9·1
    expect(at(-1) - at(1)).toBeGreaterThan(0);
  });
});

describe('decodeHeadInto (the host-side head for inference)', () => {
  beforeAll(async () => {
    await initTfBackend('wasm');
  });

  it('gives what headValues gives, row by row, at an offset, for raw values far into both tails', () => {
    const rows = 6 * 5;
    const base = tf.randomNormal([6, 5, 4], 0, 8, 'float32', 7);
    // Tails: softplus switches formula below ≈ −13.9 and above ≈ 13.9.
    const extremes = tf.tensor3d([
      [
        [0, -40, 40, 3],
        [1.5, 20, -20, -2],
        [-3, 13.8, -13.8, 0],
        [2, 0, 1e-8, 1],
        [0, -14, 14, 0],
      ],
    ]);
    const raw = tf.concat([base, extremes], 0);
    const total = rows + 5;
    const v = headValues(raw);
    const [p10, p50, p90, mean] = [v.p10, v.p50, v.p90, v.mean].map((t) => t.dataSync());
    const offset = 3;
    const out = new Float32Array((offset + total) * 4).fill(-1);
    decodeHeadInto(raw.dataSync<'float32'>(), out, offset);
    for (let r = 0; r < offset * 4; r++) expect(out[r]).toBe(-1);
    for (let r = 0; r < total; r++) {
      const o = (offset + r) * 4;
      expect(out[o]).toBeCloseTo(p10[r], 4);
      expect(out[o + 1]).toBe(p50[r]);
      expect(out[o + 2]).toBeCloseTo(p90[r], 4);
      expect(out[o + 3]).toBe(mean[r]);
      expect(out[o]).toBeLessThanOrEqual(out[o + 1]);
      expect(out[o + 1]).toBeLessThanOrEqual(out[o + 2]);
    }
    tf.dispose([base, extremes, raw, v.p10, v.p50, v.p90, v.mean]);
  });
});
