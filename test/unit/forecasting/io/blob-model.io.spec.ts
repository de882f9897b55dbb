import * as tf from '@tensorflow/tfjs';
import {
  blobLoadHandler,
  blobSaveHandler,
  MODEL_JSON_KEY,
  MODEL_WEIGHTS_KEY,
  modelKeys,
} from '../../../../src/forecasting/io/blob-model.io.js';
import { initTfBackend } from '../../../../src/forecasting/tf/tf-backend.js';
import { MemoryBlobStore } from '../../../helpers/memory-blob-store.js';

function smallModel(): tf.LayersModel {
  const input = tf.input({ shape: [3] });
  const hidden = tf.layers
    .dense({
      units: 4,
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
    })
    .apply(input) as tf.SymbolicTensor;
  const out = tf.layers
    .dense({ units: 2, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) })
    .apply(hidden) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

describe('tfjs IO handlers over blob sinks', () => {
  beforeAll(async () => {
    await initTfBackend('wasm');
  });

  it('saves topology and weights under two keys and loads the same model back', async () => {
    const store = new MemoryBlobStore();
    const model = smallModel();
    const x = tf.tensor2d([
      [1, 2, 3],
      [-1, 0.5, 2],
    ]);
    const result = await model.save(blobSaveHandler(store, 'm/'));
    expect([...store.blobs.keys()].sort()).toEqual(modelKeys('m/').sort());
    expect(modelKeys('m/')).toEqual([`m/${MODEL_JSON_KEY}`, `m/${MODEL_WEIGHTS_KEY}`]);
    expect(store.blobs.get(`m/${MODEL_WEIGHTS_KEY}`)?.byteLength).toBe((3 * 4 + 4 + 4 * 2 + 2) * 4);
    expect(result.modelArtifactsInfo.weightDataBytes).toBe((3 * 4 + 4 + 4 * 2 + 2) * 4);

    const loaded = await tf.loadLayersModel(await blobLoadHandler(store, 'm/'));
    const a = model.predict(x) as tf.Tensor;
    const b = loaded.predict(x) as tf.Tensor;
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
  });

  it('refuses bytes that are not a tfjs model description', async () => {
    const store = new MemoryBlobStore();
    await store.put(MODEL_JSON_KEY, new TextEncoder().encode('{"hello":1}'));
    await store.put(MODEL_WEIGHTS_KEY, new Uint8Array(0));
    await expect(blobLoadHandler(store)).rejects.toThrow(/not a tfjs model description/);
  });
});
