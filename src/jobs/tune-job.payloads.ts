import { z } from 'zod';
import { MAX_HORIZON_DAYS } from '../common/forecast-horizon.js';
import { MAX_FIT_SEED } from '../common/fit-seed.js';

/**
 * tune: hyperparameter search for one kind (successive halving over its declared space), scored with
 * the reference backtest on windows before the evaluation windows. The best params feed a retrain
 * (`POST /admin/retrain` with `tune_job`).
 */
const target = z.enum(['quantity', 'price', 'wholesale']);
const paramValue = z.union([z.number(), z.string(), z.boolean(), z.array(z.number()).readonly()]);
const params = z.record(z.string(), paramValue);

export const MAX_TUNE_BUDGET_SEC = 24 * 3600;

export const tunePayloadSchema = z.strictObject({
  /** A kind with a declared parameter space (`mlp`, `linear`, `ets`, ...). */
  kind: z.string().min(1).max(100),
  target: target.default('quantity'),
  /** Wall-clock budget of the whole search; it ends within it. */
  budgetSec: z.number().positive().max(MAX_TUNE_BUDGET_SEC),
  seed: z.number().int().min(0).max(MAX_FIT_SEED).optional(),
  horizon: z.number().int().min(1).max(MAX_HORIZON_DAYS).optional(),
  /** Tuning windows before the evaluation windows (the last `forecasting.backtest.windows`). */
  tuningWindows: z.number().int().min(1).max(12).default(3),
  /** Candidates per halving bracket. */
  candidates: z.number().int().min(2).max(100).default(9),
});

const trial = z.object({
  id: z.number().int(),
  bracket: z.number().int(),
  params,
  defaults: z.boolean(),
  status: z.enum(['complete', 'pruned', 'stopped']),
  rung: z.number().int(),
  meanWape: z.number().nullable(),
  seconds: z.number(),
  scores: z.array(z.object({ cutoff: z.string(), wape: z.number().nullable() })),
});

export const tuneResultSchema = z.object({
  kind: z.string(),
  target,
  horizon: z.number().int(),
  seed: z.number().int(),
  budgetSec: z.number(),
  seconds: z.number(),
  stoppedBy: z.enum(['budget', 'max-trials']),
  brackets: z.number().int(),
  tuningCutoffs: z.array(z.string()),
  /** Never used by the search. */
  evaluationCutoffs: z.array(z.string()),
  trials: z.array(trial),
  /** Null when no trial was scored on every tuning window (budget too small). */
  best: z.object({ trial: z.number().int(), params, meanWape: z.number() }).nullable(),
  defaultsMeanWape: z.number().nullable(),
});

export type TunePayload = z.output<typeof tunePayloadSchema>;
export type TuneResult = z.output<typeof tuneResultSchema>;
