import * as tf from '@tensorflow/tfjs';
import { single, singleShape, type LayerArgs, type LayerShape } from './layer.types.js';

export interface LastStepsArgs extends LayerArgs {
  steps: number;
}

/** Keeps the last `steps` time steps of a [batch, time, features] input (tfjs 4.22 has no cropping1D). */
export class LastSteps extends tf.layers.Layer {
  static readonly className = 'FreshcastLastSteps';
  private readonly steps: number;

  constructor(args: LastStepsArgs) {
    super(args);
    if (!Number.isInteger(args.steps) || args.steps < 1)
      throw new Error('LastSteps needs steps ≥ 1');
    this.steps = args.steps;
  }

  override computeOutputShape(inputShape: LayerShape): LayerShape {
    const [batch, time, features] = singleShape(inputShape);
    if (time !== null && time < this.steps)
      throw new Error(`LastSteps(${this.steps}) on an input of ${time} steps`);
    return [batch, this.steps, features];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = single(inputs);
      const time = x.shape[1] ?? 0;
      return tf.slice(x, [0, time - this.steps, 0], [-1, this.steps, -1]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), steps: this.steps };
  }
}
tf.serialization.registerClass(LastSteps);
