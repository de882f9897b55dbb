import { z } from 'zod';
import { MAX_HORIZON_DAYS } from '../common/forecast-horizon.js';
import { MAX_FIT_SEED } from '../common/fit-seed.js';

/**
 * Payload (validated with zod at submit, and again by the worker) and result schema of every job.
 * Results are described for types and docs; a processor may return `{ pointer }` instead of a large
 * result (see job-result.pointer.ts).
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const target = z.enum(['quantity', 'price', 'wholesale']);
/** A registered model: a version id, `prod`, or an alias such as `champion` (staging holds several models, so it names none). */
const modelRef = z.string().min(1).max(200);
const horizon = z.number().int().min(1).max(MAX_HORIZON_DAYS);
const seriesIds = z.array(z.string().min(1)).min(1).max(100_000);
const jsonRecord = z.record(z.string(), z.json());

const forecast = z.object({
  seriesId: z.string(),
  dates: z.array(z.string()),
  mean: z.array(z.number()),
  quantiles: z.object({
    p10: z.array(z.number()),
    p50: z.array(z.number()),
    p90: z.array(z.number()),
  }),
});

const scores = z.object({
  wape: z.number(),
  mase: z.number().nullable(),
  /** Share of actuals inside P10–P90 (≈ 0.8 when calibrated); null for point forecasts. */
  coverage: z.number().nullable(),
});

// batch-predict: forecasts for many series with a registered model.
export const batchPredictPayloadSchema = z.strictObject({
  target: target.default('quantity'),
  model: modelRef.default('prod'),
  /** Default: every series with enough history. */
  seriesIds: seriesIds.optional(),
  /** Default: the model's horizon. */
  horizon: horizon.optional(),
  /** Forecast from the day after; default: the last date of the data. */
  cutoff: isoDate.optional(),
  /** How `GET /predict/jobs/:id/result` answers by default. */
  format: z.enum(['json', 'csv']).default('json'),
});
export const batchPredictResultSchema = z.object({
  modelVersion: z.string(),
  target,
  horizon,
  cutoff: isoDate,
  seriesCount: z.number().int(),
  /** Asked-for series the data does not have (or with too little history to forecast). */
  missing: z.array(z.string()),
  forecasts: z.array(forecast),
});

// train: for each kind, train → backtest → register (dev); then the best goes to prod when it
// passes the promotion gates, else to staging.
const kindName = z.string().min(1).max(100);
export const trainPayloadSchema = z.strictObject({
  /** Model kinds from the forecaster registry (`lstm`, `mlp`, `ets`, ...); default: the configured default kind. */
  kinds: z.array(kindName).min(1).max(10).optional(),
  target: target.default('quantity'),
  /** Hyper-parameters, applied to every kind trained by this job. */
  params: jsonRecord.default({}),
  /** Where `params` came from when a tune found them (recorded in the manifest). */
  paramsSource: z
    .strictObject({ tuneJob: z.string().min(1).max(200), tuneMeanWape: z.number() })
    .optional(),
  horizon: horizon.optional(),
  epochs: z.number().int().min(1).max(10_000).optional(),
  /** Cap on each fit's time budget; default: the fit's share of `budgetSec`. */
  timeBudgetSec: z.number().positive().max(86_400).optional(),
  /** Wall-clock budget of the whole job, shared by its kinds; default `forecasting.budget.retrain`. */
  budgetSec: z.number().positive().max(86_400).optional(),
  seed: z.number().int().min(0).max(MAX_FIT_SEED).optional(),
  backtestWindows: z.number().int().min(1).max(12).optional(),
  /** Promote the best candidate to prod when it passes the promotion gates. */
  promote: z.boolean().default(true),
});
const trainedCandidate = z.object({
  modelVersion: z.string(),
  kind: z.string(),
  fit: z.object({
    epochs: z.number().int(),
    finalLoss: z.number().nullable(),
    seconds: z.number(),
    samplesPerSec: z.number(),
  }),
  backtest: z.object({ model: scores, seasonalNaive: scores }),
});
export const trainResultSchema = z.object({
  target,
  /** Every kind trained and registered, best (lowest backtest WAPE) first; only the best leaves dev. */
  candidates: z.array(trainedCandidate),
  /** The best candidate. */
  modelVersion: z.string(),
  /** Where the best candidate ended: prod, or staging (gates failed, or promotion not asked). */
  stage: z.enum(['dev', 'staging', 'prod']),
  promoted: z.boolean(),
  /** The prod model before this job (null when there was none). */
  previousProd: z.string().nullable(),
  /** Gates the best candidate did not pass (empty when promoted or promotion not asked). */
  gateFailures: z.array(z.string()),
});

// backtest: rolling-origin backtest of a registered model, or of an untrained kind + params.
export const backtestPayloadSchema = z
  .strictObject({
    model: modelRef.optional(),
    kind: z.string().min(1).max(100).optional(),
    params: jsonRecord.optional(),
    target: target.default('quantity'),
    horizon: horizon.optional(),
    windows: z.number().int().min(1).max(12).default(3),
  })
  .refine((p) => (p.model === undefined) !== (p.kind === undefined), {
    message: 'give either model (a registered version) or kind (with optional params)',
    path: ['model'],
  });
export const backtestResultSchema = z.object({
  subject: z.string(),
  target,
  horizon,
  windows: z.number().int(),
  scoredPoints: z.number().int(),
  model: scores,
  seasonalNaive: scores,
});

// refresh-forecasts: recompute the forecast cache with the prod model(s).
export const refreshForecastsPayloadSchema = z.strictObject({
  /** Default: every target that has a prod model. */
  target: target.optional(),
  model: modelRef.default('prod'),
});
export const refreshForecastsResultSchema = z.object({
  refreshed: z.array(
    z.object({ target, modelVersion: z.string(), seriesCount: z.number().int(), cutoff: isoDate }),
  ),
});

export type BatchPredictPayload = z.output<typeof batchPredictPayloadSchema>;
export type BatchPredictResult = z.output<typeof batchPredictResultSchema>;
export type TrainPayload = z.output<typeof trainPayloadSchema>;
export type TrainResult = z.output<typeof trainResultSchema>;
export type BacktestPayload = z.output<typeof backtestPayloadSchema>;
export type BacktestResult = z.output<typeof backtestResultSchema>;
export type RefreshForecastsPayload = z.output<typeof refreshForecastsPayloadSchema>;
export type RefreshForecastsResult = z.output<typeof refreshForecastsResultSchema>;
