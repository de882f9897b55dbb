import { z } from 'zod';
import { booleanFlag } from './boolean-flag.js';

/** YAML/env booleans: true/false or the strings "true"/"false" (z.coerce.boolean would read "false" as true). */
const flag = booleanFlag;
const share = z.coerce.number().min(0).max(1);

/**
 * Gates a candidate must pass to enter prod (config key `registry.gates`):
 * - minImprovement: relative WAPE improvement over the current prod model on the same backtest
 *   protocol (0.02 = at least 2 % lower WAPE);
 * - coverageBand: allowed P10–P90 coverage [low, high];
 * - mustBeatSeasonalNaive: the candidate's WAPE must be below seasonal naive's on its backtest.
 */
export const promotionGatesConfigSchema = z
  .object({
    minImprovement: share.default(0.02),
    coverageBand: z
      .tuple([share, share])
      .default([0.7, 0.9])
      .refine(([low, high]) => low <= high, 'coverageBand must be [low, high] with low <= high'),
    mustBeatSeasonalNaive: flag.default(true),
    /**
     * When a retrain's candidate is gated only because the prod model's backtest ran on other
     * data (same_data), backtest the prod model's kind and params again on the current data, with
     * the candidate's protocol, and compare on that (default true).
     */
    rebacktestProd: flag.optional(),
    /** Fit time budget of each fit in that backtest, seconds (bounds its cost; default 30). */
    rebacktestTimeBudgetSec: z.coerce.number().positive().max(3600).optional(),
  })
  .prefault({});
export type PromotionGatesConfig = z.infer<typeof promotionGatesConfigSchema>;

export const DEFAULT_PROMOTION_GATES: PromotionGatesConfig =
  promotionGatesConfigSchema.parse(undefined);
