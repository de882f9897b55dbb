import { z } from 'zod';
import { booleanFlag } from './boolean-flag.js';

const share = z.coerce.number().min(0).max(1);
const positive = z.coerce.number().positive();
const days = (def: number) => z.coerce.number().int().min(1).max(366).default(def);
const severity = z.enum(['info', 'warning', 'critical']);

/** An SNS topic alerts are published to (through the AWS SDK; credentials from the usual chain). */
const snsSchema = z.strictObject({
  topicArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/, 'an SNS topic ARN'),
  /** Defaults to the region in the topic ARN. */
  region: z.string().min(1).optional(),
  /** An SNS-compatible endpoint (VPC endpoint, local tests). */
  endpoint: z.url().optional(),
});

const webhookSchema = z.strictObject({
  url: z.url(),
  /** `slack`: `{text, blocks}` (Slack incoming webhooks and compatible); `json`: the alert as is. */
  format: z.enum(['slack', 'json']).default('json'),
});

/**
 * `monitoring` section: live accuracy, drift, alerts and canary judgement. Every key has a default;
 * alerts are kept in the history and go nowhere else until `alerts.webhooks` is set.
 */
export const monitoringConfigSchema = z
  .object({
    /** The forecast log keeps the cache and batch results; on-demand answers only when enabled. */
    forecastLog: z
      .object({
        onDemand: z
          .object({
            enabled: booleanFlag.default(false),
            flushSec: z.coerce.number().int().min(1).max(3600).default(60),
            maxBuffered: z.coerce.number().int().min(1).default(50_000),
          })
          .prefault({}),
      })
      .prefault({}),
    /** Rolling windows (days) of live accuracy. */
    windows: z.array(z.coerce.number().int().min(1).max(366)).min(1).default([7, 28]),
    drift: z
      .object({
        /** PSI from which a feature counts as drifting (warn) and as drifted (alert). */
        psiWarn: positive.default(0.1),
        psiAlert: positive.default(0.25),
        /** Recent days compared with the training reference. */
        recentDays: days(28),
        /** Quantile bins of PSI. */
        bins: z.coerce.number().int().min(2).max(100).default(10),
        /** Share of drifted features from which the drift alert fires. */
        driftedShareAlert: share.default(0.3),
      })
      .prefault({}),
    canary: z
      .object({
        /** Judge canaries when the accuracy job runs. */
        enabled: booleanFlag.default(true),
        /** Days scored on actuals before a canary is judged. */
        minScoredDays: days(7),
        /** Ended (rolled back) when its live WAPE is worse than prod's by more than this share. */
        maxDegradation: share.default(0.2),
        /** Promoted when better than prod by the registry's margin (`registry.gates.minImprovement`). */
        autoPromote: booleanFlag.default(true),
      })
      .prefault({}),
    /** Submit a `train` job when the prod model's live WAPE is worse than its backtest by more than this share (0: never). */
    retrainOnDegradation: share.default(0),
    alerts: z
      .object({
        webhooks: z.array(webhookSchema).default([]),
        /** Also publish each alert to this SNS topic (off when unset). */
        sns: snsSchema.optional(),
        /** A rule that fired does not fire again (same subject) within this many seconds. */
        cooldownSec: z.coerce.number().int().min(0).default(3600),
        /** Delivery attempts per webhook and the delay before the first retry (doubling). */
        attempts: z.coerce.number().int().min(1).max(10).default(3),
        retryDelayMs: z.coerce.number().int().min(0).default(1000),
        timeoutMs: z.coerce.number().int().min(100).default(5000),
        rules: z
          .object({
            accuracyDegraded: z
              .object({
                enabled: booleanFlag.default(true),
                /** Live WAPE over the window above backtest WAPE × (1 + this). */
                maxDegradation: positive.default(0.2),
                windowDays: days(7),
                severity: severity.default('warning'),
              })
              .prefault({}),
            coverage: z
              .object({
                enabled: booleanFlag.default(true),
                band: z
                  .tuple([share, share])
                  .default([0.6, 0.95])
                  .refine(([lo, hi]) => lo <= hi, 'band must be [low, high] with low <= high'),
                windowDays: days(7),
                severity: severity.default('warning'),
              })
              .prefault({}),
            drift: z
              .object({ enabled: booleanFlag.default(true), severity: severity.default('warning') })
              .prefault({}),
            jobFailures: z
              .object({
                enabled: booleanFlag.default(true),
                /** Consecutive failed attempts of one job name. */
                failures: z.coerce.number().int().min(1).default(3),
                severity: severity.default('critical'),
              })
              .prefault({}),
            staleData: z
              .object({
                enabled: booleanFlag.default(true),
                /** Days since the newest actual (posted or in the data files). */
                days: days(3),
                severity: severity.default('warning'),
              })
              .prefault({}),
          })
          .prefault({}),
      })
      .prefault({}),
  })
  .prefault({});
export type MonitoringConfig = z.output<typeof monitoringConfigSchema>;
