import { z } from 'zod';

/**
 * `serving` section: request limits of the prediction API and the micro-batching of on-demand
 * forecasts. Every key has a default (the values the API always had).
 */
export const servingConfigSchema = z.object({
  /** Items per POST /predict or /replenishment request (`item_codes`). */
  maxItems: z.coerce.number().int().min(1).default(100),
  /** Days of history an on-demand request may send. */
  maxHistoryDays: z.coerce.number().int().min(1).default(3660),
  /** Largest value accepted in a history (kg/day or RMB/kg). */
  maxHistoryValue: z.coerce.number().positive().default(1e7),
  /** On-demand requests merged into one model call at most. */
  batchSize: z.coerce.number().int().min(1).default(64),
  /** How long the first on-demand request of a batch waits for others, in ms. */
  batchWaitMs: z.coerce.number().min(0).max(1000).default(2),
});
export type ServingConfig = z.output<typeof servingConfigSchema>;
