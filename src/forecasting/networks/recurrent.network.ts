import * as tf from '@tensorflow/tfjs';
import { LastSteps } from '../layers/last-steps.layer.js';
import { positiveIntParam, unitsParam } from '../neural/neural-params.js';
import {
  asSymbolic,
  concat,
  dense,
  flatten,
  headStackWeights,
  networkInputs,
  networkModel,
  quantileHead,
  skipInputWidth,
  type NetworkShape,
} from '../neural/network-parts.js';
import type { SeedSequence } from '../neural/seeded-random.js';

export const RECURRENT_NETWORK_DEFAULTS = { units: 32, steps: 28, patch: 7, hidden: [128] };

export interface RecurrentNetworkParams {
  units: number;
  /** The last days the encoder reads: `steps`, at most the lookback. */
  steps: number;
  patch: number;
  hidden: number[];
}

/** The recurrent network's own params for a `lookback`-day window; throws naming the params. */
export function recurrentNetworkParams(
  params: Readonly<Record<string, unknown>>,
  lookback: number,
): RecurrentNetworkParams {
  const d = RECURRENT_NETWORK_DEFAULTS;
  const units = positiveIntParam(params, 'units', d.units);
  const steps = Math.min(lookback, positiveIntParam(params, 'steps', d.steps));
  const patch = positiveIntParam(params, 'patch', d.patch);
  if (steps % patch !== 0)
    throw new Error(
      `param 'patch' (${patch}) must divide the days the encoder reads (${steps}: the smaller of 'steps' and 'lookback')`,
    );
  return { units, steps, patch, hidden: unitsParam(params, 'hidden', d.hidden) };
}

/** Weight matrices per recurrent cell: one per gate (GRU: update, reset, candidate; LSTM: four). */
const CELL_GATES = { gru: 3, lstm: 4 } as const;

/** The weights of the recurrent network `params` describe for inputs of `shape`; throws naming a bad param. */
export function recurrentNetworkWeights(
  cell: 'gru' | 'lstm',
  params: Readonly<Record<string, unknown>>,
  shape: NetworkShape,
): number {
  const { units, patch, hidden } = recurrentNetworkParams(params, shape.lookback);
  const encoder = CELL_GATES[cell] * units * (patch * shape.pastFeatures + units + 1);
  return encoder + headStackWeights(units + skipInputWidth(shape), hidden, shape);
}

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
  const { units, steps, patch, hidden } = recurrentNetworkParams(params, shape.lookback);
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
