import * as tf from '@tensorflow/tfjs';
import { currentBackend } from './tf-backend.js';

/** Live tensors and their bytes (for /metrics and leak checks), or null before a backend is chosen. */
export function tfMemory(): { tensors: number; bytes: number; backend: string } | null {
  const info = currentBackend();
  if (!info) return null;
  const m = tf.memory();
  return { tensors: m.numTensors, bytes: m.numBytes, backend: info.backend };
}
