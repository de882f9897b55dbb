import * as tf from '@tensorflow/tfjs';
import { LastSteps } from '../layers/last-steps.layer.js';
import { numberParam, unitsParam } from '../neural/neural-params.js';
import {
  asSymbolic,
  concat,
  dense,
  flatten,
  networkInputs,
  networkModel,
  quantileHead,
  type NetworkShape,
} from '../neural/network-parts.js';
import type { SeedSequence } from '../neural/seeded-random.js';

export const RECURRENT_NETWORK_DEFAULTS = { units: 32, steps: 28, patch: 7, hidden: [128] };

/**
 * A recurrent encoder (GRU or LSTM) over the last `steps` days, next to the flattened window (a dense skip
 * path), known-future calendar and statics → ReLU layers → direct head. Recurrent layers are per-op bound on
 * wasm: keep `units` and `steps` small, or group `patch` consecutive days into one recurrent step (7 = weekly
 * patches: 4 steps instead of 28).
 */
export function buildRecurrentNetwork(
  cell: 'gru' | 'lstm',
  shape: NetworkShape,
  params: Readonly<Record<string, unknown>>,
  seeds: SeedSequence,
): tf.LayersModel {
  const d = RECURRENT_NETWORK_DEFAULTS;
  const units = numberParam(params, 'units', d.units);
  const steps = Math.min(shape.lookback, numberParam(params, 'steps', d.steps));
  const patch = numberParam(params, 'patch', d.patch);
  const hidden = unitsParam(params, 'hidden', d.hidden);
  if (!Number.isInteger(patch) || patch < 1 || steps % patch !== 0)
    throw new Error(`'patch' must be a positive divisor of steps (${steps})`);
  const inputs = networkInputs(shape);
  const last =
    steps < shape.lookback ? asSymbolic(new LastSteps({ steps }).apply(inputs.past)) : inputs.past;
  const seq =
    patch > 1
      ? asSymbolic(
          tf.layers
            .reshape({ targetShape: [steps / patch, patch * shape.pastFeatures] })
            .apply(last),
        )
      : last;
  const config = {
    units,
    kernelInitializer: tf.initializers.glorotUniform({ seed: seeds.next() }),
    recurrentInitializer: tf.initializers.orthogonal({ seed: seeds.next() }),
  };
  const layer = cell === 'gru' ? tf.layers.gru(config) : tf.layers.lstm(config);
  const encoded = asSymbolic(layer.apply(seq));
  let x = concat([encoded, flatten(inputs.past), flatten(inputs.future), inputs.statics]);
  for (const u of hidden) x = dense(x, u, seeds);
  return networkModel(inputs, quantileHead(x, shape, seeds), cell);
}
