import * as tf from '@tensorflow/tfjs';

/**
 * The network's direct head outputs [batch, horizon, 4] raw values per target day:
 * 0 = P50, 1 / 2 = gaps below / above it (softplus keeps them ≥ 0, so P10 ≤ P50 ≤ P90), 3 = mean.
 */
export const HEAD_OUTPUTS = 4;
export const QUANTILE_LEVELS = { p10: 0.1, p50: 0.5, p90: 0.9 } as const;

export interface HeadValues {
  p10: tf.Tensor;
  p50: tf.Tensor;
  p90: tf.Tensor;
  mean: tf.Tensor;
}

/** Raw head → ordered quantiles and mean, each [batch, horizon] (scaled units). Call inside tf.tidy. */
export function headValues(raw: tf.Tensor): HeadValues {
  const [centre, below, above, mean] = tf.unstack(raw, 2);
  return {
    p10: tf.sub(centre, tf.softplus(below)),
    p50: centre,
    p90: tf.add(centre, tf.softplus(above)),
    mean,
  };
}

/** tf.softplus's arithmetic (log(1 + eˣ), with its float32 cut-offs) on one number. */
const SOFTPLUS_THRESHOLD = Math.log(1.1920928955078125e-7) + 2;
function softplus(x: number): number {
  if (x > -SOFTPLUS_THRESHOLD) return x;
  const e = Math.exp(x);
  return x < SOFTPLUS_THRESHOLD ? e : Math.log(e + 1);
}

/**
 * `headValues` on the host, for inference: raw head outputs read back as `[n, 4]` rows (n = batch ×
 * horizon) into `out` from row `offset` on, as (P10, P50, P90, mean) per row. The same arithmetic
 * without the tensors: on wasm, unstacking the head into four tensors and stacking them back cost
 * more than the network's own matmuls for a micro-batch of on-demand requests.
 */
export function decodeHeadInto(raw: Float32Array, out: Float32Array, offset: number): void {
  for (let i = 0; i < raw.length; i += HEAD_OUTPUTS) {
    const centre = raw[i];
    const o = offset * HEAD_OUTPUTS + i;
    out[o] = centre - softplus(raw[i + 1]);
    out[o + 1] = centre;
    out[o + 2] = centre + softplus(raw[i + 2]);
    out[o + 3] = raw[i + 3];
  }
}

function pinball(y: tf.Tensor, q: tf.Tensor, level: number): tf.Tensor {
  const e = tf.sub(y, q);
  return tf.maximum(tf.mul(e, level), tf.mul(e, level - 1));
}

/**
 * Σ weight × (pinball of P10/P50/P90 + `meanWeight` × squared error of the mean head) over all target days
 * (weight = sample weight × observed mask). Call inside tf.tidy (or a minimize closure).
 */
export function weightedLossSum(
  raw: tf.Tensor,
  target: tf.Tensor,
  weight: tf.Tensor,
  meanWeight: number,
): tf.Scalar {
  const v = headValues(raw);
  const perDay = tf.addN([
    pinball(target, v.p10, QUANTILE_LEVELS.p10),
    pinball(target, v.p50, QUANTILE_LEVELS.p50),
    pinball(target, v.p90, QUANTILE_LEVELS.p90),
    tf.mul(tf.squaredDifference(target, v.mean), meanWeight),
  ]);
  return tf.sum(tf.mul(perDay, weight));
}

/** The training loss: weightedLossSum divided by the total weight. */
export function quantileLoss(
  raw: tf.Tensor,
  target: tf.Tensor,
  weight: tf.Tensor,
  meanWeight: number,
): tf.Scalar {
  return tf.div(weightedLossSum(raw, target, weight, meanWeight), tf.add(tf.sum(weight), 1e-6));
}
