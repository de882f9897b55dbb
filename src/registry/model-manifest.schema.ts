import { z } from 'zod';
import { TARGETS } from '../data/series-panel.js';
import { KIND_PATTERN, MODEL_ID_PATTERN } from './model-id.js';
import { MAX_HORIZON_DAYS } from '../common/forecast-horizon.js';

export const MANIFEST_SCHEMA_VERSION = 1;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const metric = z.number().refine(Number.isFinite, 'a finite number').nonnegative();

/** How the backtest was run; gates compare models only on the same protocol. */
export const backtestProtocolSchema = z.object({
  horizon: z.number().int().min(1).max(MAX_HORIZON_DAYS),
  windows: z.number().int().min(1),
  step: z.number().int().min(1),
});
export type BacktestProtocol = z.infer<typeof backtestProtocolSchema>;

/** Backtest metrics at registration; other metrics (per window, bias, ...) may ride along. */
export const backtestMetricsSchema = z
  .object({
    wape: metric,
    coverage_p10_p90: metric.max(1),
    seasonal_naive_wape: metric,
    mase: metric.optional(),
    protocol: backtestProtocolSchema,
  })
  .catchall(z.json());
export type BacktestMetrics = z.infer<typeof backtestMetricsSchema>;

/** What the caller of `register` describes; the registry adds id, createdAt and the artifact list. */
export const manifestInputSchema = z.object({
  target: z.enum(TARGETS),
  kind: z.string().max(40).regex(KIND_PATTERN, 'lower-case words joined by "-"'),
  params: z.record(z.string(), z.json()),
  /**
   * Where the params came from: the kind's defaults, the request, or a tune job's best trial (its id
   * and mean WAPE on the tuning windows). Absent in manifests written before it was recorded.
   */
  paramsSource: z
    .object({
      origin: z.enum(['defaults', 'request', 'tune']),
      tuneJob: z.string().max(200).optional(),
      tuneMeanWape: z.number().optional(),
    })
    .optional(),
  horizon: z.number().int().min(1).max(MAX_HORIZON_DAYS),
  /** The FeatureSpec the model was trained with (opaque here). */
  featureSpec: z.json(),
  /** Scalers / fitted state summary (opaque here). */
  state: z.record(z.string(), z.json()).default({}),
  training: z
    .object({
      start: isoDate,
      end: isoDate,
      /** Hash of the training data, so two models can be told to have seen the same data. */
      fingerprint: z.string().min(1).max(200),
      series: z.number().int().nonnegative().optional(),
      /** Wall-clock seconds the training took (backtest and final fit), and the budget it had. */
      seconds: z.number().nonnegative().optional(),
      budgetSec: z.number().positive().optional(),
    })
    .refine((t) => t.start <= t.end, 'training.start must not be after training.end'),
  /** Null when the model was never backtested (it then cannot pass the prod gates). */
  backtest: backtestMetricsSchema.nullable(),
  codeVersion: z.string().min(1).max(100),
});
/**
 * What `register` takes. Params, FeatureSpec and state are typed loosely here (a Forecaster's params
 * are `Record<string, unknown>`) and checked at run time to be plain JSON (no NaN, no typed arrays).
 */
export type ManifestInput = Omit<
  z.input<typeof manifestInputSchema>,
  'params' | 'featureSpec' | 'state'
> & {
  params: Readonly<Record<string, unknown>>;
  featureSpec: unknown;
  state?: Readonly<Record<string, unknown>>;
};

/** The manifest as stored at `registry/<target>/versions/<id>/manifest.json`: immutable once written. */
export const modelManifestSchema = manifestInputSchema.extend({
  schemaVersion: z.literal(MANIFEST_SCHEMA_VERSION),
  id: z.string().regex(MODEL_ID_PATTERN),
  createdAt: z.iso.datetime(),
  /** Artifact keys relative to the version's `artifacts/` folder. */
  artifacts: z.array(z.string()),
});
export type ModelManifest = z.infer<typeof modelManifestSchema>;

/** Stages per target: dev → staging → prod; a prod model that was replaced or rolled back is archived. */
export const MODEL_STAGES = ['dev', 'staging', 'prod', 'archived'] as const;
export type ModelStage = (typeof MODEL_STAGES)[number];

/** A registered model as callers see it: the manifest plus its current stage and aliases. */
export interface ModelVersion extends ModelManifest {
  stage: ModelStage;
  aliases: string[];
}
