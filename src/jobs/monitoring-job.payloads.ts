import { z } from 'zod';

/** Payload and result schemas of the monitoring jobs (listed in src/jobs/job-catalog.ts). */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const target = z.enum(['quantity', 'price', 'wholesale']);

// score-accuracy: joins the forecast log with actuals; the report goes to the artifact store.
export const scoreAccuracyPayloadSchema = z.strictObject({
  /** Default: every target with logged forecasts. */
  target: target.optional(),
  /** Last day of the windows; default: the newest day with an actual. */
  asOf: isoDate.optional(),
});
export const scoreAccuracyResultSchema = z.object({
  scored: z.array(
    z.object({
      target,
      asOf: isoDate,
      points: z.number().int(),
      models: z.array(z.string()),
      /** Where the full report is (`GET /monitoring/accuracy` serves it). */
      reportKey: z.string(),
    }),
  ),
});

// check-drift: recent data and predictions against the prod model's training reference.
export const checkDriftPayloadSchema = z.strictObject({
  target: target.optional(),
});
export const checkDriftResultSchema = z.object({
  checked: z.array(
    z.object({
      target,
      modelVersion: z.string(),
      driftedShare: z.number(),
      status: z.enum(['ok', 'warn', 'alert', 'no-reference']),
      reportKey: z.string(),
    }),
  ),
});

export type ScoreAccuracyPayload = z.output<typeof scoreAccuracyPayloadSchema>;
export type ScoreAccuracyResult = z.output<typeof scoreAccuracyResultSchema>;
export type CheckDriftPayload = z.output<typeof checkDriftPayloadSchema>;
export type CheckDriftResult = z.output<typeof checkDriftResultSchema>;
