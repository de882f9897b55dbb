import * as tf from '@tensorflow/tfjs';
import { FastLayerNorm } from '../layers/fast-layer-norm.layer.js';
import { LastSteps } from '../layers/last-steps.layer.js';
import { PositionEmbedding } from '../layers/position-embedding.layer.js';
import { SelfAttention } from '../layers/self-attention.layer.js';
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

export const TRANSFORMER_NETWORK_DEFAULTS = {
  dModel: 32,
  heads: 4,
  blocks: 1,
  ffUnits: 64,
  /** Days per token (7 = weekly patches: 4 tokens for 28 days instead of 28). */
  patch: 7,
  /** Encoded tokens (the last ones) passed on to the head. */
  poolSteps: 4,
  hidden: [128],
};

export interface TransformerNetworkParams {
  dModel: number;
  heads: number;
  blocks: number;
  ffUnits: number;
  patch: number;
  /** Tokens: lookback / patch. */
  tokens: number;
  /** `poolSteps`, at most the tokens. */
  poolSteps: number;
  hidden: number[];
}

/** The transformer's own params for a `lookback`-day window; throws naming the params. */
export function transformerNetworkParams(
  params: Readonly<Record<string, unknown>>,
  lookback: number,
): TransformerNetworkParams {
  const d = TRANSFORMER_NETWORK_DEFAULTS;
  const dModel = positiveIntParam(params, 'dModel', d.dModel);
  const heads = positiveIntParam(params, 'heads', d.heads);
  const blocks = positiveIntParam(params, 'blocks', d.blocks);
  const ffUnits = positiveIntParam(params, 'ffUnits', d.ffUnits);
  const patch = positiveIntParam(params, 'patch', d.patch);
  if (dModel % heads !== 0)
    throw new Error(`param 'dModel' (${dModel}) must be a multiple of 'heads' (${heads})`);
  if (lookback % patch !== 0)
    throw new Error(`param 'patch' (${patch}) must divide 'lookback' (${lookback})`);
  const tokens = lookback / patch;
  const poolSteps = Math.min(tokens, positiveIntParam(params, 'poolSteps', d.poolSteps));
  const hidden = unitsParam(params, 'hidden', d.hidden);
  return { dModel, heads, blocks, ffUnits, patch, tokens, poolSteps, hidden };
}

/** The weights of the transformer `params` describe for inputs of `shape`; throws naming a bad param. */
export function transformerNetworkWeights(
  params: Readonly<Record<string, unknown>>,
  shape: NetworkShape,
): number {
  const { dModel, blocks, ffUnits, patch, tokens, poolSteps, hidden } = transformerNetworkParams(
    params,
    shape.lookback,
  );
  const norm = 2 * dModel;
  const attention = 4 * dModel * dModel + dModel;
  const feedForward = (dModel + 1) * ffUnits + (ffUnits + 1) * dModel;
  const encoder =
    (patch * shape.pastFeatures + 1) * dModel +
    tokens * dModel +
    blocks * (2 * norm + attention + feedForward) +
    norm;
  return encoder + headStackWeights(poolSteps * dModel + skipInputWidth(shape), hidden, shape);
}

function add(a: tf.SymbolicTensor, b: tf.SymbolicTensor): tf.SymbolicTensor {
  return asSymbolic(tf.layers.add().apply([a, b]));
}

/**
 * Pre-norm self-attention encoder over the history window, one token per day or per `patch` days (custom
 * attention and layer-norm layers, learned positions); its last `poolSteps` encoded tokens + the flattened
 * window + known-future calendar + statics → ReLU layers → direct head.
 */
export function buildTransformerNetwork(
  shape: NetworkShape,
  params: Readonly<Record<string, unknown>>,
  seeds: SeedSequence,
): tf.LayersModel {
  const { dModel, heads, blocks, ffUnits, patch, tokens, poolSteps, hidden } =
    transformerNetworkParams(params, shape.lookback);
  const inputs = networkInputs(shape);
  const seq =
    patch > 1
      ? asSymbolic(
          tf.layers
            .reshape({ targetShape: [tokens, patch * shape.pastFeatures] })
            .apply(inputs.past),
        )
      : inputs.past;
  let x = dense(seq, dModel, seeds, 'linear');
  x = asSymbolic(new PositionEmbedding({ seed: seeds.next() }).apply(x));
  for (let b = 0; b < blocks; b++) {
    const attn = new SelfAttention({ heads, keyDim: dModel / heads, seed: seeds.next() });
    x = add(x, asSymbolic(attn.apply(asSymbolic(new FastLayerNorm().apply(x)))));
    const ff = dense(asSymbolic(new FastLayerNorm().apply(x)), ffUnits, seeds);
    x = add(x, dense(ff, dModel, seeds, 'linear'));
  }
  x = asSymbolic(new FastLayerNorm().apply(x));
  const pooled = flatten(asSymbolic(new LastSteps({ steps: poolSteps }).apply(x)));
  let h = concat([pooled, flatten(inputs.past), flatten(inputs.future), inputs.statics]);
  for (const u of hidden) h = dense(h, u, seeds);
  return networkModel(inputs, quantileHead(h, shape, seeds), 'transformer');
}
