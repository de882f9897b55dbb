import * as tf from '@tensorflow/tfjs';
import type { TfBackendChoice } from '../../config/forecasting.config.js';
import { TfBackendUnavailableError } from './tf-backend.errors.js';
import { isWasmBatchMatMulPatched, patchWasmBatchMatMul } from './wasm-matmul.patch.js';

export type TfBackendName = Exclude<TfBackendChoice, 'auto'>;

/** What `initTfBackend` chose; logged at boot and shown by /health. */
export interface TfBackendInfo {
  /** freshcast's name of the backend in use. */
  backend: TfBackendName;
  requested: TfBackendChoice;
  /** Backends tried before the chosen one and found unavailable (only with `auto`). */
  fallbacks: TfBackendName[];
  /** Why each fallback was unavailable, one line each (`name: reason`). */
  reasons: string[];
  /** tfjs's own name of the backend (`tensorflow`, `wasm`, `cpu`). */
  tfBackend: string;
  /** The wasm BatchMatMul transpose patch is applied (wasm only). */
  wasmMatMulPatched: boolean;
}

/** `auto` tries these in order. */
export const AUTO_ORDER: readonly TfBackendName[] = ['node-gpu', 'node', 'wasm', 'cpu'];

const NODE_PACKAGES: Record<'node-gpu' | 'node', string> = {
  'node-gpu': '@tensorflow/tfjs-node-gpu',
  node: '@tensorflow/tfjs-node',
};

let pending: { requested: TfBackendChoice; result: Promise<TfBackendInfo> } | undefined;
let current: TfBackendInfo | undefined;

function message(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0];
}

/** Loads one backend and makes it active; throws (with a reason) when it is not available here. */
async function activate(name: TfBackendName): Promise<string> {
  switch (name) {
    case 'node-gpu':
    case 'node': {
      // optionalDependency: the package may be absent. A variable specifier keeps TypeScript from
      // resolving it at compile time; the import fails (and is caught) where it is not installed.
      const specifier: string = NODE_PACKAGES[name];
      await import(specifier);
      if (!tf.findBackendFactory('tensorflow'))
        throw new Error(`${specifier} loaded but registered no 'tensorflow' backend`);
      if (!(await tf.setBackend('tensorflow')))
        throw new Error(`${specifier}: backend failed to initialise`);
      return 'tensorflow';
    }
    case 'wasm': {
      await import('@tensorflow/tfjs-backend-wasm');
      if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend failed to initialise');
      await tf.ready();
      patchWasmBatchMatMul();
      return 'wasm';
    }
    case 'cpu': {
      if (!(await tf.setBackend('cpu'))) throw new Error('cpu backend failed to initialise');
      return 'cpu';
    }
  }
}

async function select(requested: TfBackendChoice): Promise<TfBackendInfo> {
  const candidates = requested === 'auto' ? AUTO_ORDER : [requested];
  const fallbacks: TfBackendName[] = [];
  const reasons: string[] = [];
  for (const name of candidates) {
    try {
      const tfBackend = await activate(name);
      const info: TfBackendInfo = {
        backend: name,
        requested,
        fallbacks,
        reasons,
        tfBackend,
        wasmMatMulPatched: name === 'wasm' && isWasmBatchMatMulPatched(),
      };
      current = info;
      return info;
    } catch (err) {
      if (requested !== 'auto') throw new TfBackendUnavailableError(name, message(err));
      fallbacks.push(name);
      reasons.push(`${name}: ${message(err)}`);
    }
  }
  throw new TfBackendUnavailableError('auto', reasons.join('; '));
}

/**
 * Selects and initialises the tfjs backend. Idempotent: repeated calls with the same choice return the
 * same result; a different choice switches backends (tensors of the old backend must be disposed first).
 * An explicit choice that is not available rejects with TfBackendUnavailableError.
 */
export function initTfBackend(choice: TfBackendChoice): Promise<TfBackendInfo> {
  if (pending && pending.requested === choice) return pending.result;
  const result = select(choice);
  const entry = { requested: choice, result };
  pending = entry;
  result.catch(() => {
    if (pending === entry) pending = undefined;
  });
  return result;
}

/** The backend chosen by the last successful `initTfBackend`, if any. */
export function currentBackend(): TfBackendInfo | undefined {
  return current;
}

/** Initialises the backend with `auto` when nobody chose one yet (library use, tests, CLI). */
export async function ensureTfBackend(): Promise<TfBackendInfo> {
  if (pending) return pending.result;
  return current ?? initTfBackend('auto');
}

/** One log line for boot. */
export function describeTfBackend(info: TfBackendInfo): string {
  const skipped = info.fallbacks.length ? ` (unavailable: ${info.reasons.join('; ')})` : '';
  const patch = info.wasmMatMulPatched ? ', wasm BatchMatMul transpose patch on' : '';
  return `tfjs backend: ${info.backend} (requested ${info.requested}${patch})${skipped}`;
}
