import * as tf from '@tensorflow/tfjs';
import {
  AUTO_ORDER,
  currentBackend,
  describeTfBackend,
  initTfBackend,
} from '../../../../src/forecasting/tf/tf-backend.js';
import { TfBackendUnavailableError } from '../../../../src/forecasting/tf/tf-backend.errors.js';
import { isWasmBatchMatMulPatched } from '../../../../src/forecasting/tf/wasm-matmul.patch.js';

// @tensorflow/tfjs-node(-gpu) are optional and never installed where tests run.
describe('tfjs backend selection', () => {
  it('uses cpu when asked, and repeated calls return the same selection', async () => {
    const first = await initTfBackend('cpu');
    const again = await initTfBackend('cpu');
    expect(again).toBe(first);
    expect(first).toMatchObject({ backend: 'cpu', requested: 'cpu', fallbacks: [] });
    expect(tf.getBackend()).toBe('cpu');
    expect(currentBackend()).toBe(first);
  });

  it('auto falls back past the missing native packages to wasm, with the matmul patch', async () => {
    const info = await initTfBackend('auto');
    expect(info.backend).toBe('wasm');
    expect(info.fallbacks).toEqual(AUTO_ORDER.slice(0, AUTO_ORDER.indexOf('wasm')));
    expect(info.reasons).toHaveLength(2);
    expect(info.reasons[0]).toMatch(/^node-gpu: .*tfjs-node-gpu/);
    expect(tf.getBackend()).toBe('wasm');
    expect(info.wasmMatMulPatched).toBe(true);
    expect(isWasmBatchMatMulPatched()).toBe(true);
    expect(describeTfBackend(info)).toMatch(
      /tfjs backend: wasm \(requested auto.*unavailable: node-gpu/,
    );
  });

  it('rejects an explicitly requested backend that is not installed with a typed error', async () => {
    await initTfBackend('wasm');
    const err: unknown = await initTfBackend('node').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TfBackendUnavailableError);
    expect(err).toMatchObject({ code: 'TF_BACKEND_UNAVAILABLE', backend: 'node' });
    expect((err as Error).message).toMatch(/'node' was requested but is not available/);
    // the previous backend stays in use
    expect(tf.getBackend()).toBe('wasm');
    expect(currentBackend()?.backend).toBe('wasm');
  });
});
