import type { Queue } from 'bullmq';
import type { JobCatalog, JobNameOf } from '../job-catalog.types.js';
import { schedulerId } from '../job-id.js';
import type { JobScheduleSpec, ScheduledJobInfo } from '../job-queue.port.js';
import { effectiveJobOptions, type EffectiveJobOptions } from '../job-settings.js';
import { assertJobName, parseJobPayload, type JobEnvelope } from '../job-submission.js';
import type { JobRuntimeSettings } from '../../config/jobs.config.js';

/** BullMQ options of a job from its effective options (attempts, backoff, retention). */
export function bullJobOptions(options: EffectiveJobOptions) {
  return {
    attempts: options.attempts,
    backoff: { type: options.backoff.type, delay: options.backoff.delayMs },
    removeOnComplete: { age: options.keepCompleted.ageSec, count: options.keepCompleted.count },
    removeOnFail: { age: options.keepFailed.ageSec, count: options.keepFailed.count },
  };
}

/**
 * Makes the job schedulers of every queue exactly `schedules` (BullMQ job schedulers, id
 * `<name>.<schedule id>`): upserts each, removes the others. Payloads are validated first.
 */
export async function syncJobSchedulers<C extends JobCatalog>(
  catalog: C,
  settings: JobRuntimeSettings,
  queues: ReadonlyMap<string, Queue>,
  schedules: readonly JobScheduleSpec<C>[],
): Promise<void> {
  const wanted = new Map<string, Map<string, { spec: JobScheduleSpec<C>; payload: unknown }>>();
  for (const s of schedules) {
    const name: JobNameOf<C> = assertJobName(catalog, s.name);
    const payload = parseJobPayload(catalog, name, s.payload);
    const byId =
      wanted.get(name) ?? new Map<string, { spec: JobScheduleSpec<C>; payload: unknown }>();
    byId.set(schedulerId(name, s.id), { spec: s, payload });
    wanted.set(name, byId);
  }
  for (const [name, queue] of queues) {
    const byId =
      wanted.get(name) ?? new Map<string, { spec: JobScheduleSpec<C>; payload: unknown }>();
    for (const existing of await queue.getJobSchedulers()) {
      const id = existing.id ?? existing.key;
      if (!byId.has(id)) await queue.removeJobScheduler(id);
    }
    const opts = bullJobOptions(effectiveJobOptions(catalog, settings, name));
    for (const [id, { spec, payload }] of byId) {
      const data: JobEnvelope = {
        payload,
        submissionId: `schedule:${spec.id}`,
        submittedBy: null,
        client: null,
      };
      await queue.upsertJobScheduler(
        id,
        { pattern: spec.cron, ...(spec.tz === undefined ? {} : { tz: spec.tz }) },
        { name, data, opts },
      );
    }
  }
}

export async function listJobSchedulers(
  queues: ReadonlyMap<string, Queue>,
): Promise<ScheduledJobInfo[]> {
  const out: ScheduledJobInfo[] = [];
  for (const [name, queue] of queues) {
    for (const s of await queue.getJobSchedulers()) {
      const key = s.id ?? s.key;
      out.push({
        id: key.startsWith(`${name}.`) ? key.slice(name.length + 1) : key,
        name,
        cron: s.pattern ?? '',
        tz: s.tz ?? null,
        nextRunAt: s.next === undefined ? null : new Date(s.next).toISOString(),
      });
    }
  }
  return out;
}
