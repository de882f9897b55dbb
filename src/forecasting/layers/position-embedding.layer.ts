import * as tf from '@tensorflow/tfjs';
import { single, singleShape, type LayerArgs, type LayerShape } from './layer.types.js';

export interface PositionEmbeddingArgs extends LayerArgs {
  seed?: number;
}

/** Adds a learned embedding per time step to a [batch, time, features] input (attention needs order). */
export class PositionEmbedding extends tf.layers.Layer {
  static readonly className = 'FreshcastPositionEmbedding';
  private readonly seed: number | undefined;
  private table: tf.LayerVariable | undefined;

  constructor(args: PositionEmbeddingArgs = {}) {
    super(args);
    this.seed = args.seed;
  }

  override build(inputShape: LayerShape): void {
    const [, time, features] = singleShape(inputShape);
    if (time === null || features === null)
      throw new Error('PositionEmbedding needs known time and feature dimensions');
    const init = tf.initializers.randomNormal({ mean: 0, stddev: 0.02, seed: this.seed });
    this.table = this.addWeight('table', [time, features], 'float32', init);
    this.built = true;
  }

  override computeOutputShape(inputShape: LayerShape): LayerShape {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const table = this.table;
    if (!table) throw new Error('PositionEmbedding called before build');
    return tf.tidy(() => tf.add(single(inputs), table.read()));
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = super.getConfig();
    if (this.seed !== undefined) config.seed = this.seed;
    return config;
  }
}
tf.serialization.registerClass(PositionEmbedding);
