import * as tf from '@tensorflow/tfjs';
import { single, singleShape, type LayerArgs, type LayerShape } from './layer.types.js';

export interface SelfAttentionArgs extends LayerArgs {
  heads: number;
  keyDim: number;
  seed?: number;
}

/**
 * Multi-head scaled dot-product self-attention over a [batch, time, features] input; output has the input's
 * shape (the caller adds the residual). Softmax runs over the last axis (the wasm backend rejects others).
 */
export class SelfAttention extends tf.layers.Layer {
  static readonly className = 'FreshcastSelfAttention';
  private readonly heads: number;
  private readonly keyDim: number;
  private readonly seed: number | undefined;
  private wq: tf.LayerVariable | undefined;
  private wk: tf.LayerVariable | undefined;
  private wv: tf.LayerVariable | undefined;
  private wo: tf.LayerVariable | undefined;
  private bo: tf.LayerVariable | undefined;

  constructor(args: SelfAttentionArgs) {
    super(args);
    this.heads = args.heads;
    this.keyDim = args.keyDim;
    this.seed = args.seed;
  }

  override build(inputShape: LayerShape): void {
    const shape = singleShape(inputShape);
    const features = shape[shape.length - 1];
    if (features === null) throw new Error('SelfAttention needs a known feature dimension');
    const inner = this.heads * this.keyDim;
    const init = (k: number): ReturnType<typeof tf.initializers.glorotUniform> =>
      tf.initializers.glorotUniform({ seed: this.seed === undefined ? undefined : this.seed + k });
    this.wq = this.addWeight('wq', [features, inner], 'float32', init(0));
    this.wk = this.addWeight('wk', [features, inner], 'float32', init(1));
    this.wv = this.addWeight('wv', [features, inner], 'float32', init(2));
    this.wo = this.addWeight('wo', [inner, features], 'float32', init(3));
    this.bo = this.addWeight('bo', [features], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: LayerShape): LayerShape {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const { wq, wk, wv, wo, bo } = this;
    if (!wq || !wk || !wv || !wo || !bo) throw new Error('SelfAttention called before build');
    return tf.tidy(() => {
      const x = single(inputs);
      const [batch, time, features] = x.shape;
      const flat = tf.reshape(x, [batch * time, features]);
      const split = (w: tf.LayerVariable): tf.Tensor =>
        tf.transpose(
          tf.reshape(tf.matMul(flat, w.read()), [batch, time, this.heads, this.keyDim]),
          [0, 2, 1, 3],
        );
      const q = split(wq);
      const k = split(wk);
      const v = split(wv);
      const scores = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(this.keyDim));
      const attended = tf.matMul(tf.softmax(scores, -1), v);
      const merged = tf.reshape(tf.transpose(attended, [0, 2, 1, 3]), [
        batch * time,
        this.heads * this.keyDim,
      ]);
      return tf.reshape(tf.add(tf.matMul(merged, wo.read()), bo.read()), [batch, time, features]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = {
      ...super.getConfig(),
      heads: this.heads,
      keyDim: this.keyDim,
    };
    if (this.seed !== undefined) config.seed = this.seed;
    return config;
  }
}
tf.serialization.registerClass(SelfAttention);
