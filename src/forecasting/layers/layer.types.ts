import type * as tf from '@tensorflow/tfjs';

/** Types of tfjs-layers' Layer API that the package index does not export by name. */
export type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
export type LayerShape = Parameters<tf.layers.Layer['computeOutputShape']>[0];

/** The single tensor of a layer call (these layers take one input). */
export function single(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
  return Array.isArray(inputs) ? inputs[0] : inputs;
}

/** The single shape of a layer's input shape argument. */
export function singleShape(shape: LayerShape): (number | null)[] {
  return (Array.isArray(shape[0]) ? shape[0] : shape) as (number | null)[];
}
