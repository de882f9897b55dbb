import type * as tf from '@tensorflow/tfjs';
import { unitsParam } from '../neural/neural-params.js';
import {
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

export const MLP_NETWORK_DEFAULTS = { units: [256, 256] };

/** The MLP's own params (any lookback): its layer widths; throws naming the param. */
export function mlpNetworkParams(params: Readonly<Record<string, unknown>>): { units: number[] } {
  return { units: unitsParam(params, 'units', MLP_NETWORK_DEFAULTS.units) };
}

/** The weights of the MLP `params` describe for inputs of `shape`; throws naming a bad param. */
export function mlpNetworkWeights(
  params: Readonly<Record<string, unknown>>,
  shape: NetworkShape,
): number {
  return headStackWeights(skipInputWidth(shape), mlpNetworkParams(params).units, shape);
}

/** Dense regressor: flattened history + known-future calendar + statics → ReLU layers → direct head. */
export function buildMlpNetwork(
  shape: NetworkShape,
  params: Readonly<Record<string, unknown>>,
  seeds: SeedSequence,
): tf.LayersModel {
  const { units } = mlpNetworkParams(params);
  const inputs = networkInputs(shape);
  let x = concat([flatten(inputs.past), flatten(inputs.future), inputs.statics]);
  for (const u of units) x = dense(x, u, seeds);
  return networkModel(inputs, quantileHead(x, shape, seeds), 'mlp');
}
