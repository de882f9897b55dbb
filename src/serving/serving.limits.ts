/** Request limits of the prediction API. */
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
