import * as tf from '@tensorflow/tfjs';
import { initTfBackend } from '../../../../src/forecasting/tf/tf-backend.js';
import {
  isWasmBatchMatMulPatched,
  patchWasmBatchMatMul,
  unpatchWasmBatchMatMul,
} from '../../../../src/forecasting/tf/wasm-matmul.patch.js';

type Case = { a: number[]; b: number[]; ta: boolean; tb: boolean };
const CASES: Case[] = [
  { a: [5, 7], b: [7, 3], ta: false, tb: false },
  { a: [7, 5], b: [7, 3], ta: true, tb: false },
  { a: [5, 7], b: [3, 7], ta: false, tb: true },
  { a: [7, 5], b: [3, 7], ta: true, tb: true },
  { a: [4, 6, 5], b: [4, 6, 3], ta: true, tb: false }, // batched (attention-style)
  { a: [2, 4, 5, 6], b: [2, 4, 3, 6], ta: false, tb: true }, // rank 4
];
// tfjs 4.22's own BatchMatMul gradient rejects broadcast batch dims, so that case checks the forward pass.
const BROADCAST: Case = { a: [4, 6, 5], b: [3, 5], ta: false, tb: true };

function run(
  c: Case,
  seed: number,
): { out: Float32Array; gradA: Float32Array; gradB: Float32Array } {
  return tf.tidy(() => {
    const a = tf.randomNormal(c.a, 0, 1, 'float32', seed);
    const b = tf.randomNormal(c.b, 0, 1, 'float32', seed + 1);
    const f = (x: tf.Tensor, y: tf.Tensor): tf.Tensor =>
      tf.sum(tf.square(tf.matMul(x, y, c.ta, c.tb)));
    const [gradA, gradB] = tf.grads(f)([a, b]);
    return {
      out: tf.matMul(a, b, c.ta, c.tb).dataSync() as Float32Array,
      gradA: gradA.dataSync() as Float32Array,
      gradB: gradB.dataSync() as Float32Array,
    };
  });
}

function maxAbsDiff(x: Float32Array, y: Float32Array): number {
  expect(x.length).toBe(y.length);
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  return m;
}

describe('wasm BatchMatMul transpose patch', () => {
  beforeAll(async () => {
    await initTfBackend('wasm');
  });

  it('is applied by the wasm backend set-up and replaces only the wasm kernel', () => {
    expect(isWasmBatchMatMulPatched()).toBe(true);
    const cpu = tf.getKernel('BatchMatMul', 'cpu');
    unpatchWasmBatchMatMul();
    const original = tf.getKernel('BatchMatMul', 'wasm');
    patchWasmBatchMatMul();
    patchWasmBatchMatMul(); // idempotent
    expect(tf.getKernel('BatchMatMul', 'wasm')).not.toBe(original);
    expect(tf.getKernel('BatchMatMul', 'cpu')).toBe(cpu);
    unpatchWasmBatchMatMul();
    expect(tf.getKernel('BatchMatMul', 'wasm')).toBe(original);
    patchWasmBatchMatMul();
  });

  it.each(CASES)('gives the unpatched results and gradients for %j', (c) => {
    unpatchWasmBatchMatMul();
    const plain = run(c, 11);
    patchWasmBatchMatMul();
    const patched = run(c, 11);
    expect(maxAbsDiff(patched.out, plain.out)).toBeLessThan(1e-4);
    expect(maxAbsDiff(patched.gradA, plain.gradA)).toBeLessThan(1e-3);
    expect(maxAbsDiff(patched.gradB, plain.gradB)).toBeLessThan(1e-3);
    expect(plain.out.some((v) => v !== 0)).toBe(true);
  });

  it('gives the unpatched result with broadcast batch dimensions', () => {
    const forward = (): Float32Array =>
      tf.tidy(() => {
        const a = tf.randomNormal(BROADCAST.a, 0, 1, 'float32', 3);
        const b = tf.randomNormal(BROADCAST.b, 0, 1, 'float32', 4);
        return tf.matMul(a, b, BROADCAST.ta, BROADCAST.tb).dataSync() as Float32Array;
      });
    unpatchWasmBatchMatMul();
    const plain = forward();
    patchWasmBatchMatMul();
    expect(maxAbsDiff(forward(), plain)).toBeLessThan(1e-4);
  });

  it('frees its transposed temporaries in the backend', () => {
    const backend = tf.backend();
    const a = tf.randomNormal([64, 32]);
    const b = tf.randomNormal([16, 32]);
    tf.matMul(a, b, false, true).dispose(); // warm-up
    const ids = backend.numDataIds();
    const tensors = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) tf.matMul(a, b, false, true).dispose();
    expect(backend.numDataIds()).toBe(ids);
    expect(tf.memory().numTensors).toBe(tensors);
    tf.dispose([a, b]);
  });
});
