import type { ServingConfig } from '../config/serving.config.js';

/** The configurable limits of the prediction API (`serving` config section). */
export type ServingLimits = ServingConfig;

/**
 * Request limits of the prediction API at their defaults (the `serving` config section overrides
 * every key but `maxHorizon`). The DTO classes use these for Swagger and as the class-validator
 * reference; requests are checked against the configured values.
 */
export const SERVING_LIMITS = {
  /** Items per POST /predict or /replenishment request. */
  maxItems: 100,
  /** Days of history an on-demand request may send. */
  maxHistoryDays: 3660,
  /** Largest value accepted in a history (kg/day or RMB/kg). */
  maxHistoryValue: 1e7,
  /** Largest horizon accepted by validation (the model's own horizon is checked after). */
  maxHorizon: 366,
  /** Micro-batching of on-demand requests. */
  batchSize: 64,
  batchWaitMs: 2,
} as const;
