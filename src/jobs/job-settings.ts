import type { JobCatalog, JobOptions, JobRetention } from './job-catalog.types.js';
import type { JobRuntimeSettings } from '../config/jobs.config.js';

/** A job's options after config overrides: what both adapters run with. */
export interface EffectiveJobOptions extends JobOptions {
  lockDurationMs: number;
}

export function effectiveJobOptions(
  catalog: JobCatalog,
  settings: JobRuntimeSettings,
  name: string,
): EffectiveJobOptions {
  const base = catalog[name].options;
  return {
    ...base,
    concurrency: settings.concurrencyByName[name] ?? settings.concurrency ?? base.concurrency,
    keepCompleted: settings.retention.completed ?? base.keepCompleted,
    keepFailed: settings.retention.failed ?? base.keepFailed,
    lockDurationMs: base.lockDurationMs ?? settings.lockDurationMs,
  };
}

/** Delay before the next attempt after `failedAttempts` failures (1 after the first). */
export function backoffDelayMs(options: JobOptions, failedAttempts: number): number {
  const { type, delayMs } = options.backoff;
  return type === 'fixed' ? delayMs : Math.round(delayMs * 2 ** Math.max(0, failedAttempts - 1));
}

/** Finished jobs to drop: beyond `count` newest, or older than `ageSec`. */
export function expiredByRetention<T extends { finishedAt: number }>(
  finished: readonly T[],
  keep: JobRetention,
  now: number,
): T[] {
  const cutoff = now - keep.ageSec * 1000;
  const newestFirst = [...finished].sort((a, b) => b.finishedAt - a.finishedAt);
  return newestFirst.filter((job, i) => i >= keep.count || job.finishedAt < cutoff);
}
