import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobCatalog, JobRetention } from '../job-catalog.types.js';
import type { CancelOutcome } from '../job-queue.port.js';
import { CANCELLED_MESSAGE } from '../job.errors.js';
import type { BullmqJobEvents } from './bullmq-job-events.js';
import { bullJobView, jobStateOf } from './bullmq-job-view.js';
import { requestCancel, type Tombstones } from './cancel-records.js';
import { isConnectionError } from './redis-connections.js';

export interface BullmqCancelDeps {
  queue: Queue;
  producer: Redis;
  prefix: string;
  tombstones: Tombstones;
  events: BullmqJobEvents;
  /** Retention of cancelled jobs (they count with failed ones). */
  keep: JobRetention;
}

/**
 * The API side of cancelling a job: a running one gets a marker its worker polls (CancelWatch); one
 * not started yet is recorded as cancelled (a tombstone) and taken off the queue, which fails once a
 * worker locked it, and then it gets the marker instead.
 */
export async function cancelBullJob<C extends JobCatalog>(
  deps: BullmqCancelDeps,
  name: string,
  id: string,
): Promise<CancelOutcome> {
  const { queue, producer, prefix, tombstones } = deps;
  const job = await queue.getJob(id);
  if (job === undefined) {
    return (await tombstones.get(name, id)) === null ? 'not-found' : 'finished';
  }
  const state = jobStateOf(await job.getState(), job.failedReason);
  if (state === null) return 'not-found';
  if (state === 'completed' || state === 'failed' || state === 'cancelled') return 'finished';
  if (state === 'active') {
    await requestCancel(producer, prefix, name, id);
    return 'cancelling';
  }
  // Not started: record it as cancelled, then take it off the queue (atomic: fails once locked).
  const view = bullJobView<C>(job, name, 'cancelled');
  const cancelledAt = new Date().toISOString();
  await tombstones.save(
    name,
    { ...view, error: CANCELLED_MESSAGE, finishedAt: cancelledAt },
    deps.keep,
  );
  try {
    await job.remove();
  } catch (err) {
    await tombstones.delete(name, id);
    if (isConnectionError(err)) throw err;
    await requestCancel(producer, prefix, name, id); // it just started
    return 'cancelling';
  }
  await deps.events.publishCancelled(name, id);
  return 'cancelled';
}
