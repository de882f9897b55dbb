import { z } from 'zod';
import { JOB_NAMES } from '../common/job-names.js';

const ms = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);
const retention = z.strictObject({
  ageSec: z.coerce.number().int().min(1),
  count: z.coerce.number().int().min(0),
});

/** Run-time settings of the job system (generic: any job catalog). */
export const jobRuntimeSettingsSchema = z.strictObject({
  /** Redis key prefix of every queue. */
  prefix: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _')
    .default('freshcast'),
  /** Jobs a worker process runs at once, for every name (overrides the options table). */
  concurrency: z.coerce.number().int().min(1).max(64).optional(),
  /** Per-name concurrency (overrides `concurrency` and the table). */
  concurrencyByName: z.record(z.string(), z.coerce.number().int().min(1).max(64)).default({}),
  /** On shutdown, how long running jobs may take to finish before they are handed back. */
  shutdownGraceMs: ms(30_000),
  /** After the hand-back signal, how long processors get to stop before the worker closes anyway. */
  handBackMs: ms(5_000),
  /** Lock of a running job; a worker that dies loses it and the job is picked up again. */
  lockDurationMs: ms(30_000, 500),
  /** How often workers look for stalled jobs (whose worker died). */
  stalledIntervalMs: ms(30_000, 100),
  /** Times a job may stall before it fails. */
  maxStalledCount: z.coerce.number().int().min(0).default(1),
  /** How often a worker checks whether its running jobs were cancelled. */
  cancelPollMs: ms(1_000, 10),
  /** Redis: connect timeout, per-command timeout on the API side (answers 503 past it), reconnect cap. */
  connectTimeoutMs: ms(3_000, 100),
  commandTimeoutMs: ms(2_000, 100),
  reconnectMaxDelayMs: ms(2_000, 50),
  /** Retention overriding the options table for every name (completed / failed jobs). */
  retention: z
    .strictObject({ completed: retention.optional(), failed: retention.optional() })
    .default({}),
});
export type JobRuntimeSettings = z.output<typeof jobRuntimeSettingsSchema>;

const scheduleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and -'),
  name: z.enum(JOB_NAMES),
  /** Cron pattern: 5 fields, or 6 with seconds first. */
  cron: z
    .string()
    .refine((c) => [5, 6].includes(c.trim().split(/\s+/).length), 'a cron pattern (5 or 6 fields)'),
  tz: z.string().optional(),
  payload: z.record(z.string(), z.json()).default({}),
});

/**
 * `jobs` section of the config. To compose it: in src/config/app-config.schema.ts add
 * `jobs: jobsConfigSchema.prefault({})` (every key has a default).
 */
export const jobsConfigSchema = jobRuntimeSettingsSchema.extend({
  /** Job names a processing process runs (default all): e.g. a worker dedicated to `train`. */
  processNames: z.array(z.enum(JOB_NAMES)).min(1).optional(),
  /** How often stored results of jobs no longer kept are deleted (seconds; 0: never). */
  resultSweepSec: z.coerce.number().int().min(0).default(300),
  /** Jobs a client (key, else address) may have waiting, delayed or running at once: 429 past it. */
  maxQueuedPerClient: z.coerce.number().int().min(1).default(10),
  /** Scheduled jobs (scheduled retraining): BullMQ job schedulers, or timers in-process. */
  schedules: z.array(scheduleSchema).default([]),
  /**
   * Port of a worker process's own HTTP listener (GET /metrics, /health/live, /health/ready), bound
   * to `server.host`; 0: none (`FRESHCAST_WORKER_PORT`). Role `all` serves these on the API's port.
   */
  workerPort: z.coerce.number().int().min(0).max(65535).default(0),
});
export type JobsConfig = z.output<typeof jobsConfigSchema>;

export function defaultJobsConfig(): JobsConfig {
  return jobsConfigSchema.parse({});
}
