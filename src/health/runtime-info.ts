import type { AppConfig } from '../config/app-config.schema.js';
import { currentBackend } from '../forecasting/tf/tf-backend.js';

export type QueueMode = 'redis' | 'in-process';

/** Runtime facts /health reports; the default reads config, the app may provide a richer one. */
export interface RuntimeInfo {
  /** The TensorFlow.js backend in use (`wasm`, `node`, ...), or null before it is initialised. */
  tfBackend(): string | null;
  queueMode(): QueueMode;
}

/** Injection token of the RuntimeInfo /health reads (provide it via `HealthModule.forRoot`). */
export const RUNTIME_INFO = Symbol('RUNTIME_INFO');

/** Default RuntimeInfo: queue mode from config (Redis when `queue.redisUrl` is set), the tfjs backend chosen at boot. */
export class ConfigRuntimeInfo implements RuntimeInfo {
  constructor(private readonly config: AppConfig) {}

  tfBackend(): string | null {
    return currentBackend()?.backend ?? null;
  }

  queueMode(): QueueMode {
    return this.config.queue.redisUrl === '' ? 'in-process' : 'redis';
  }
}
