import * as tf from '@tensorflow/tfjs';
import type { BlobSink, BlobSource } from '../../storage/blob.types.js';

/**
 * tfjs IO handlers over the forecaster's BlobSink/BlobSource (so disk and S3 are the same code path and no
 * file:// handler, which needs tfjs-node, is involved). A model is two keys: topology + weight specs as
 * JSON, and the raw weight bytes.
 */
export const MODEL_JSON_KEY = 'model.json';
export const MODEL_WEIGHTS_KEY = 'weights.bin';

interface StoredModelJson {
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  modelTopology: object;
  weightSpecs: tf.io.WeightsManifestEntry[];
}

function isStoredModelJson(x: unknown): x is StoredModelJson {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return (
    typeof o.modelTopology === 'object' && o.modelTopology !== null && Array.isArray(o.weightSpecs)
  );
}

/** Keys a model saved under `prefix` occupies. */
export function modelKeys(prefix = ''): string[] {
  return [prefix + MODEL_JSON_KEY, prefix + MODEL_WEIGHTS_KEY];
}

/** A save handler: `await model.save(blobSaveHandler(sink, prefix))`. */
export function blobSaveHandler(sink: BlobSink, prefix = ''): tf.io.IOHandler {
  return tf.io.withSaveHandler(async (artifacts) => {
    if (!artifacts.modelTopology || !artifacts.weightSpecs)
      throw new Error('model artifacts without topology or weight specs');
    if (artifacts.modelTopology instanceof ArrayBuffer)
      throw new Error('binary model topologies are not supported');
    const json: StoredModelJson = {
      format: artifacts.format,
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy,
      modelTopology: artifacts.modelTopology,
      weightSpecs: artifacts.weightSpecs,
    };
    const weights = artifacts.weightData
      ? new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData))
      : new Uint8Array(0);
    const [jsonKey, weightsKey] = modelKeys(prefix);
    await sink.put(jsonKey, new TextEncoder().encode(JSON.stringify(json)));
    await sink.put(weightsKey, weights);
    return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
  });
}

/** A load handler for `tf.loadLayersModel(await blobLoadHandler(source, prefix))`. */
export async function blobLoadHandler(source: BlobSource, prefix = ''): Promise<tf.io.IOHandler> {
  const [jsonKey, weightsKey] = modelKeys(prefix);
  const parsed: unknown = JSON.parse(new TextDecoder().decode(await source.get(jsonKey)));
  if (!isStoredModelJson(parsed)) throw new Error(`${jsonKey} is not a tfjs model description`);
  const bytes = await source.get(weightsKey);
  // Copy into a fresh ArrayBuffer: the source may hand out a view into a larger (pooled) buffer.
  const weightData = new Uint8Array(bytes).buffer;
  return tf.io.fromMemory({
    modelTopology: parsed.modelTopology,
    weightSpecs: parsed.weightSpecs,
    weightData,
    format: parsed.format,
    generatedBy: parsed.generatedBy,
    convertedBy: parsed.convertedBy,
  });
}
