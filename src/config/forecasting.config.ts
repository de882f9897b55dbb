import { z } from 'zod';
import { booleanFlag } from './boolean-flag.js';
import { MAX_HORIZON_DAYS } from '../common/forecast-horizon.js';
import { parseDurationSec } from '../common/duration.js';
import { MAX_FIT_SEED } from '../common/fit-seed.js';

/** Seconds, given as seconds or as a duration such as `3m`, `90s`, `1h`. */
const durationSec = z.union([z.number(), z.string()]).transform((raw, ctx) => {
  const sec = parseDurationSec(raw);
  if (sec === null || sec > 86_400) {
    ctx.addIssue({ code: 'custom', message: 'a duration up to 24h such as 180, 90s, 10m or 1h' });
    return z.NEVER;
  }
  return sec;
});

export const TF_BACKENDS = ['auto', 'node-gpu', 'node', 'wasm', 'cpu'] as const;
export type TfBackendChoice = (typeof TF_BACKENDS)[number];

export const forecastingConfigSchema = z.object({
  backend: z.enum(TF_BACKENDS),
  horizon: z.coerce.number().int().min(1).max(MAX_HORIZON_DAYS),
  /** Model kind `npm start` trains when no prod model exists (the best on the generated data within 60 s). */
  defaultModel: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a model kind such as mlp or ets'),
  /**
   * Kinds the first start trains for the price targets (`price`, `wholesale`) when they have no prod
   * model: the best by backtest WAPE goes to prod through the gates; [] trains none.
   */
  priceModels: z
    .array(z.string().regex(/^[a-z][a-z0-9-]*$/, 'a model kind such as linear or ets'))
    .max(10),
  /** Train and promote the default model on start when the target has no prod model. */
  trainOnStart: booleanFlag,
  /** Rolling-origin protocol every registered model is backtested with (gates compare like with like). */
  backtest: z.object({
    windows: z.coerce.number().int().min(1).max(20),
    /** Refit every k windows: 1 = refit at every cutoff (exact), k > 1 = cheaper. */
    refitEvery: z.coerce.number().int().min(1).max(20),
  }),
  seed: z.coerce.number().int().min(0).max(MAX_FIT_SEED),
  /** Training time budget in seconds per fit (neural kinds stop early when it runs out). */
  timeBudgetSec: z.coerce.number().positive().max(86_400),
  /**
   * Wall-clock budget of a whole train job (every kind's backtest and final fit), which it ends
   * within: the first start's (about 3 minutes) and that of admin and scheduled retrains (more).
   * A job's per-fit budget is its share of this unless the job sets `timeBudgetSec`.
   */
  budget: z.object({ firstStart: durationSec, retrain: durationSec }),
});
export type ForecastingConfig = z.infer<typeof forecastingConfigSchema>;
