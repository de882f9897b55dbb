import { JOB_CATALOG } from '../../../src/jobs/job-catalog.js';
import {
  backoffDelayMs,
  effectiveJobOptions,
  expiredByRetention,
} from '../../../src/jobs/job-settings.js';
import { jobRuntimeSettingsSchema } from '../../../src/config/jobs.config.js';

describe('job settings', () => {
  it('doubles the backoff delay per failed attempt (exponential) or keeps it (fixed)', () => {
    const base = JOB_CATALOG.train.options;
    const exp = { ...base, backoff: { type: 'exponential' as const, delayMs: 100 } };
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(exp, n))).toEqual([100, 200, 400, 800]);
    const fixed = { ...base, backoff: { type: 'fixed' as const, delayMs: 100 } };
    expect([1, 2, 3].map((n) => backoffDelayMs(fixed, n))).toEqual([100, 100, 100]);
  });

  it('applies config overrides over the options table', () => {
    const defaults = jobRuntimeSettingsSchema.parse({});
    const table = effectiveJobOptions(JOB_CATALOG, defaults, 'train');
    expect(table.concurrency).toBe(JOB_CATALOG.train.options.concurrency);
    expect(table.lockDurationMs).toBe(JOB_CATALOG.train.options.lockDurationMs);
    expect(effectiveJobOptions(JOB_CATALOG, defaults, 'refresh-forecasts').lockDurationMs).toBe(
      30_000,
    );

    const over = jobRuntimeSettingsSchema.parse({
      concurrency: '3',
      concurrencyByName: { train: 1 },
      retention: { completed: { ageSec: 60, count: 5 } },
    });
    expect(effectiveJobOptions(JOB_CATALOG, over, 'batch-predict').concurrency).toBe(3);
    expect(effectiveJobOptions(JOB_CATALOG, over, 'train').concurrency).toBe(1);
    expect(effectiveJobOptions(JOB_CATALOG, over, 'train').keepCompleted).toEqual({
      ageSec: 60,
      count: 5,
    });
    expect(effectiveJobOptions(JOB_CATALOG, over, 'train').keepFailed).toEqual(
      JOB_CATALOG.train.options.keepFailed,
    );
  });

  it('drops finished jobs beyond the count and past the age', () => {
    const now = 1_000_000;
    const jobs = [
      { id: 'a', finishedAt: now - 1_000 },
      { id: 'b', finishedAt: now - 2_000 },
      { id: 'c', finishedAt: now - 3_000 },
      { id: 'old', finishedAt: now - 90_000 },
    ];
    expect(expiredByRetention(jobs, { ageSec: 60, count: 10 }, now).map((j) => j.id)).toEqual([
      'old',
    ]);
    expect(expiredByRetention(jobs, { ageSec: 600, count: 2 }, now).map((j) => j.id)).toEqual([
      'c',
      'old',
    ]);
    expect(expiredByRetention(jobs, { ageSec: 600, count: 0 }, now)).toHaveLength(4);
  });
});
