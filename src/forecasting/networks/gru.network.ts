import type * as tf from '@tensorflow/tfjs';
import type { NetworkShape } from '../neural/network-parts.js';
import type { SeedSequence } from '../neural/seeded-random.js';
import {
  buildRecurrentNetwork,
  RECURRENT_NETWORK_DEFAULTS,
  recurrentNetworkWeights,
} from './recurrent.network.js';

export const GRU_NETWORK_DEFAULTS = RECURRENT_NETWORK_DEFAULTS;

/** GRU encoder over the last days + dense skip path → direct head (see buildRecurrentNetwork). */
export function buildGruNetwork(
  shape: NetworkShape,
  params: Readonly<Record<string, unknown>>,
  seeds: SeedSequence,
): tf.LayersModel {
  return buildRecurrentNetwork('gru', shape, params, seeds);
}

/** The weights of the GRU network `params` describe for inputs of `shape` (see recurrentNetworkWeights). */
export function gruNetworkWeights(
  params: Readonly<Record<string, unknown>>,
  shape: NetworkShape,
): number {
  return recurrentNetworkWeights('gru', params, shape);
}
