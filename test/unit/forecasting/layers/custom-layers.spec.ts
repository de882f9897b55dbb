import * as tf from '@tensorflow/tfjs';
import { blobLoadHandler, blobSaveHandler } from '../../../../src/forecasting/io/blob-model.io.js';
import { FastLayerNorm } from '../../../../src/forecasting/layers/fast-layer-norm.layer.js';
import { LastSteps } from '../../../../src/forecasting/layers/last-steps.layer.js';
import { PositionEmbedding } from '../../../../src/forecasting/layers/position-embedding.layer.js';
import { SelfAttention } from '../../../../src/forecasting/layers/self-attention.layer.js';
import { initTfBackend } from '../../../../src/forecasting/tf/tf-backend.js';
import { MemoryBlobStore } from '../../../helpers/memory-blob-store.js';

function sym(
  x: tf.SymbolicTensor | tf.SymbolicTensor[] | tf.Tensor | tf.Tensor[],
): tf.SymbolicTensor {
  return x as tf.SymbolicTensor;
}

describe('custom layers', () => {
  beforeAll(async () => {
    await initTfBackend('wasm');
  });

  it('FastLayerNorm normalises the last axis like layerNormalization', () => {
    const x = tf.tensor3d([
      [
        [1, 2, 3, 6],
        [0, 0, 4, 4],
      ],
    ]);
    const ours = new FastLayerNorm({ epsilon: 1e-5 }).apply(x) as tf.Tensor;
    const ref = tf.layers.layerNormalization({ epsilon: 1e-5 }).apply(x) as tf.Tensor;
    const a = ours.dataSync();
    const b = ref.dataSync();
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 4);
    const mean = tf.mean(ours, -1).dataSync();
    expect(Math.abs(mean[0])).toBeLessThan(1e-5);
    tf.dispose([x, ours, ref]);
  });

  it('LastSteps keeps the last n time steps', () => {
    const x = tf.tensor3d([[[1], [2], [3], [4], [5]]]);
    const y = new LastSteps({ steps: 2 }).apply(x) as tf.Tensor;
    expect(y.shape).toEqual([1, 2, 1]);
    expect(Array.from(y.dataSync())).toEqual([4, 5]);
    expect(() => new LastSteps({ steps: 0 })).toThrow(/steps/);
    tf.dispose([x, y]);
  });

  it('SelfAttention keeps the shape and mixes information across time steps', () => {
    const layer = new SelfAttention({ heads: 2, keyDim: 3, seed: 5 });
    const x = tf.randomNormal([2, 5, 4], 0, 1, 'float32', 9);
    const y = layer.apply(x) as tf.Tensor;
    expect(y.shape).toEqual([2, 5, 4]);
    // changing the first step changes the output at the last step (attention sees the whole window)
    const x2 = tf.concat(
      [tf.add(tf.slice(x, [0, 0, 0], [-1, 1, -1]), 3), tf.slice(x, [0, 1, 0], [-1, 4, -1])],
      1,
    );
    const y2 = layer.apply(x2) as tf.Tensor;
    const last = tf.slice(y, [0, 4, 0], [-1, 1, -1]).dataSync();
    const last2 = tf.slice(y2, [0, 4, 0], [-1, 1, -1]).dataSync();
    expect(Array.from(last2)).not.toEqual(Array.from(last));
    tf.dispose([x, y, x2, y2]);
    layer.dispose();
  });

  it('all of them save and load back through the blob IO handler with equal outputs', async () => {
    const input = tf.input({ shape: [6, 4] });
    let h = sym(new PositionEmbedding({ seed: 1 }).apply(input));
    h = sym(
      tf.layers.add().apply([h, sym(new SelfAttention({ heads: 2, keyDim: 2, seed: 2 }).apply(h))]),
    );
    h = sym(new FastLayerNorm().apply(h));
    h = sym(new LastSteps({ steps: 3 }).apply(h));
    const model = tf.model({ inputs: input, outputs: sym(tf.layers.flatten().apply(h)) });
    const store = new MemoryBlobStore();
    await model.save(blobSaveHandler(store));
    const topology = new TextDecoder().decode(store.blobs.get('model.json'));
    for (const name of [
      'FreshcastSelfAttention',
      'FreshcastFastLayerNorm',
      'FreshcastLastSteps',
      'FreshcastPositionEmbedding',
    ])
      expect(topology).toContain(name);
    const loaded = await tf.loadLayersModel(await blobLoadHandler(store));
    const x = tf.randomNormal([3, 6, 4], 0, 1, 'float32', 4);
    const a = model.predict(x) as tf.Tensor;
    const b = loaded.predict(x) as tf.Tensor;
    expect(b.shape).toEqual([3, 12]);
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
  });

  it('seeded initialisation is reproducible', () => {
    const weights = (): number[] => {
      const layer = new SelfAttention({ heads: 1, keyDim: 2, seed: 3 });
      const x = tf.ones([1, 2, 2]);
      tf.dispose(layer.apply(x) as tf.Tensor);
      const w = Array.from(layer.getWeights()[0].dataSync());
      x.dispose();
      layer.dispose();
      return w;
    };
    expect(weights()).toEqual(weights());
  });
});
