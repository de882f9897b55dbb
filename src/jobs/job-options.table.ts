import type { JobOptions } from './job-catalog.types.js';
import { JobName } from '../common/job-names.js';

const MINUTE = 60_000;
const DAY_SEC = 86_400;

/**
 * Attempts, backoff, timeouts, concurrency and retention of every job, in one table. Config
 * (`jobs.*`) can override concurrency and retention; the rest is code.
 */
export const JOB_OPTIONS: Readonly<Record<JobName, JobOptions>> = {
  [JobName.BatchPredict]: {
    attempts: 3,
    backoff: { type: 'exponential', delayMs: 2_000 },
    timeoutMs: 15 * MINUTE,
    concurrency: 2,
    keepCompleted: { ageSec: DAY_SEC, count: 500 },
    keepFailed: { ageSec: 7 * DAY_SEC, count: 1_000 },
  },
  [JobName.Train]: {
    attempts: 2,
    backoff: { type: 'exponential', delayMs: 30_000 },
    timeoutMs: 120 * MINUTE,
    concurrency: 1,
    keepCompleted: { ageSec: 30 * DAY_SEC, count: 200 },
    keepFailed: { ageSec: 30 * DAY_SEC, count: 200 },
    lockDurationMs: 2 * MINUTE,
  },
  [JobName.Backtest]: {
    attempts: 2,
    backoff: { type: 'exponential', delayMs: 10_000 },
    timeoutMs: 60 * MINUTE,
    concurrency: 1,
    keepCompleted: { ageSec: 30 * DAY_SEC, count: 200 },
    keepFailed: { ageSec: 30 * DAY_SEC, count: 200 },
    lockDurationMs: 2 * MINUTE,
  },
  [JobName.RefreshForecasts]: {
    attempts: 3,
    backoff: { type: 'exponential', delayMs: 5_000 },
    timeoutMs: 30 * MINUTE,
    concurrency: 1,
    keepCompleted: { ageSec: DAY_SEC, count: 100 },
    keepFailed: { ageSec: 7 * DAY_SEC, count: 500 },
  },
  [JobName.ScoreAccuracy]: {
    attempts: 3,
    backoff: { type: 'exponential', delayMs: 5_000 },
    timeoutMs: 30 * MINUTE,
    concurrency: 1,
    keepCompleted: { ageSec: 7 * DAY_SEC, count: 100 },
    keepFailed: { ageSec: 7 * DAY_SEC, count: 500 },
  },
  [JobName.CheckDrift]: {
    attempts: 3,
    backoff: { type: 'exponential', delayMs: 5_000 },
    timeoutMs: 30 * MINUTE,
    concurrency: 1,
    keepCompleted: { ageSec: 7 * DAY_SEC, count: 100 },
    keepFailed: { ageSec: 7 * DAY_SEC, count: 500 },
  },
  // One attempt: a retry would redo the whole search. The search ends within its budget (at most
  // 24 h); the processor stops it past the budget plus a margin, this limit is the last resort.
  [JobName.Tune]: {
    attempts: 1,
    backoff: { type: 'fixed', delayMs: 0 },
    timeoutMs: 25 * 60 * MINUTE,
    concurrency: 1,
    keepCompleted: { ageSec: 90 * DAY_SEC, count: 200 },
    keepFailed: { ageSec: 30 * DAY_SEC, count: 200 },
    lockDurationMs: 2 * MINUTE,
  },
};
