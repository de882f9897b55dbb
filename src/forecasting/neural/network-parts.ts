import * as tf from '@tensorflow/tfjs';
import { HEAD_OUTPUTS } from './quantile-head.js';
import type { SeedSequence } from './seeded-random.js';

/** Input and output sizes every network builder gets. */
export interface NetworkShape {
  lookback: number;
  pastFeatures: number;
  horizon: number;
  futureFeatures: number;
  staticFeatures: number;
}

/** Builds an untrained tf.LayersModel: inputs [past, future, static] → output [batch, horizon, 4]. */
export type NetworkBuilder = (
  shape: NetworkShape,
  params: Readonly<Record<string, unknown>>,
  seeds: SeedSequence,
) => tf.LayersModel;

/**
 * Reads a network's own params (widths, heads, patches) for inputs of `shape`, throwing on any the builder
 * could not build with, and returns how many weights the network would hold: the kind's factory runs it
 * when a forecaster is created, so bad combinations and networks too large to train are refused before
 * any data is read.
 */
export type NetworkParamsCheck = (
  params: Readonly<Record<string, unknown>>,
  shape: NetworkShape,
) => number;

/** Weights (kernels and biases) of dense layers of `widths`, one after another, from `inputs` wide. */
export function denseStackWeights(inputs: number, widths: readonly number[]): number {
  let total = 0;
  let width = inputs;
  for (const w of widths) {
    total += (width + 1) * w;
    width = w;
  }
  return total;
}

/** Weights of the dense layers of `hidden` widths and the quantile head, from `inputs` wide. */
export function headStackWeights(
  inputs: number,
  hidden: readonly number[],
  shape: NetworkShape,
): number {
  return denseStackWeights(inputs, [...hidden, shape.horizon * HEAD_OUTPUTS]);
}

/** Inputs every network feeds its dense layers next to its encoder: the flattened window, the known-future days and the statics. */
export function skipInputWidth(shape: NetworkShape): number {
  return (
    shape.lookback * shape.pastFeatures +
    shape.horizon * shape.futureFeatures +
    shape.staticFeatures
  );
}

export interface NetworkInputs {
  past: tf.SymbolicTensor;
  future: tf.SymbolicTensor;
  statics: tf.SymbolicTensor;
}

/** The three inputs, in the order the forecaster feeds them. */
export function networkInputs(shape: NetworkShape): NetworkInputs {
  return {
    past: tf.input({ shape: [shape.lookback, shape.pastFeatures], name: 'past' }),
    future: tf.input({ shape: [shape.horizon, shape.futureFeatures], name: 'future' }),
    statics: tf.input({ shape: [shape.staticFeatures], name: 'static' }),
  };
}

export function asSymbolic(
  x: tf.SymbolicTensor | tf.SymbolicTensor[] | tf.Tensor | tf.Tensor[],
): tf.SymbolicTensor {
  if (x instanceof tf.SymbolicTensor) return x;
  throw new Error('expected a symbolic tensor while building a network');
}

/** A seeded dense layer applied to x. */
export function dense(
  x: tf.SymbolicTensor,
  units: number,
  seeds: SeedSequence,
  activation: 'relu' | 'linear' = 'relu',
  name?: string,
): tf.SymbolicTensor {
  const layer = tf.layers.dense({
    units,
    activation,
    name,
    kernelInitializer: tf.initializers.glorotUniform({ seed: seeds.next() }),
  });
  return asSymbolic(layer.apply(x));
}

export function flatten(x: tf.SymbolicTensor): tf.SymbolicTensor {
  return asSymbolic(tf.layers.flatten().apply(x));
}

export function concat(xs: tf.SymbolicTensor[]): tf.SymbolicTensor {
  return asSymbolic(tf.layers.concatenate().apply(xs));
}

/** Direct multi-horizon head: dense → [horizon, 4] (P50, gap below, gap above, mean). */
export function quantileHead(
  x: tf.SymbolicTensor,
  shape: NetworkShape,
  seeds: SeedSequence,
): tf.SymbolicTensor {
  const flat = dense(x, shape.horizon * HEAD_OUTPUTS, seeds, 'linear', 'head');
  return asSymbolic(tf.layers.reshape({ targetShape: [shape.horizon, HEAD_OUTPUTS] }).apply(flat));
}

export function networkModel(
  inputs: NetworkInputs,
  output: tf.SymbolicTensor,
  name: string,
): tf.LayersModel {
  return tf.model({ inputs: [inputs.past, inputs.future, inputs.statics], outputs: output, name });
}
