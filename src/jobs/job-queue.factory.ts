import { BullmqJobQueue } from './bullmq/bullmq-job-queue.js';
import { redactRedisUrl } from './bullmq/redis-connections.js';
import type { FreshcastRole } from './freshcast-role.js';
import type { JobCatalog } from './job-catalog.types.js';
import type { JobLogger } from './job-logger.js';
import type { JobSystem } from './job-queue.port.js';
import type { JobRuntimeSettings } from '../config/jobs.config.js';
import { InProcessJobQueue } from './in-process/in-process-job-queue.js';

export interface CreateJobQueueOptions<C extends JobCatalog> {
  /** `config.queue.redisUrl`; '' runs jobs in-process (not durable). */
  redisUrl: string;
  catalog: C;
  settings: JobRuntimeSettings;
  logger?: JobLogger;
}

/** The BullMQ adapter when a Redis URL is set (connects first: a clear error when unreachable), else in-process. */
export async function createJobQueue<C extends JobCatalog>(
  opts: CreateJobQueueOptions<C>,
): Promise<JobSystem<C>> {
  if (opts.redisUrl === '') return new InProcessJobQueue(opts);
  return BullmqJobQueue.connect(opts);
}

/** The boot line saying where jobs run. */
export function describeJobMode(
  mode: 'bullmq' | 'in-process',
  redisUrl: string,
  role: FreshcastRole,
  processing: readonly string[],
): string {
  if (mode === 'in-process') {
    return 'jobs run in-process (not durable): set REDIS_URL to use Redis';
  }
  const work = processing.length === 0 ? 'submitting only' : `processing ${processing.join(', ')}`;
  return `jobs use Redis at ${redactRedisUrl(redisUrl)} (role ${role}: ${work})`;
}
