import type { Job, JobType, Queue, JobState as BullState } from 'bullmq';
import { z } from 'zod';
import type { JobCatalog } from '../job-catalog.types.js';
import type { ProgressRecord } from '../job-execution.js';
import type { JobState, JobView } from '../job-queue.port.js';
import { isResultPointer } from '../job-result.pointer.js';
import { jobEnvelopeSchema } from '../job-submission.js';
import { CANCELLED_MESSAGE } from '../job.errors.js';
import type { Tombstones } from './cancel-records.js';

const progressSchema = z.object({
  percent: z.number(),
  stage: z.string(),
  detail: z.record(z.string(), z.json()).nullable(),
});

export function parseProgress(raw: unknown): ProgressRecord | null {
  const parsed = progressSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** Our state for a BullMQ state (null for `unknown`: the job does not exist). */
export function jobStateOf(
  state: BullState | 'unknown',
  failedReason: string | undefined,
): JobState | null {
  switch (state) {
    case 'active':
    case 'delayed':
    case 'completed':
      return state;
    case 'failed':
      return failedReason === CANCELLED_MESSAGE ? 'cancelled' : 'failed';
    case 'waiting':
    case 'prioritized':
    case 'waiting-children':
      return 'waiting';
    default:
      return null;
  }
}

const iso = (ms: number | undefined): string | null =>
  ms === undefined || ms === 0 ? null : new Date(ms).toISOString();

export function bullJobView<C extends JobCatalog>(
  job: Job,
  name: string,
  state: JobState,
): JobView<C> {
  const envelope = jobEnvelopeSchema.safeParse(job.data);
  const progress = parseProgress(job.progress);
  const output: unknown = state === 'completed' ? job.returnvalue : null;
  const pointer = isResultPointer(output) ? output.pointer : null;
  const finished = state === 'completed' || state === 'failed' || state === 'cancelled';
  // The job was queued for `name` with a payload parsed by that job's schema.
  return {
    id: job.id ?? '',
    name,
    state,
    progress: state === 'completed' ? 100 : (progress?.percent ?? 0),
    stage: progress?.stage ?? null,
    progressDetail: progress?.detail ?? null,
    attempts: job.attemptsMade,
    maxAttempts: job.opts.attempts ?? 1,
    payload: envelope.success ? envelope.data.payload : null,
    result: pointer === null ? (output ?? null) : null,
    resultPointer: pointer,
    error: state === 'completed' || !job.failedReason ? null : job.failedReason,
    submittedBy: envelope.success ? envelope.data.submittedBy : null,
    client: envelope.success ? envelope.data.client : null,
    createdAt: new Date(job.timestamp).toISOString(),
    startedAt: iso(job.processedOn),
    finishedAt: finished ? iso(job.finishedOn) : null,
  } as JobView<C>;
}

const BULL_TYPES: Record<Exclude<JobState, 'cancelled'>, JobType[]> = {
  waiting: ['waiting', 'prioritized', 'waiting-children'],
  active: ['active'],
  delayed: ['delayed'],
  completed: ['completed'],
  failed: ['failed'],
};

/** Up to `limit` views of one job name's jobs in one state (`cancelled`: tombstones and cancelled failures). */
export async function listJobsInState<C extends JobCatalog>(
  queue: Queue,
  tombstones: Tombstones,
  name: string,
  state: JobState,
  limit: number,
): Promise<JobView<C>[]> {
  if (state === 'cancelled') {
    const removed = await tombstones.list<C>(name);
    const failed = await queue.getJobs(['failed'], 0, limit - 1, false);
    return [...removed, ...viewsOf<C>(name, failed, 'failed').filter((v) => v.state === state)];
  }
  const jobs = await queue.getJobs(BULL_TYPES[state], 0, limit - 1, false);
  return viewsOf<C>(name, jobs, state).filter((v) => v.state === state);
}

/** Views of jobs fetched from one state list (`failed` ones may read `cancelled`). */
function viewsOf<C extends JobCatalog>(
  name: string,
  jobs: (Job | undefined)[],
  listed: Exclude<JobState, 'cancelled'>,
): JobView<C>[] {
  const out: JobView<C>[] = [];
  for (const job of jobs) {
    if (job === undefined) continue;
    const state = jobStateOf(listed, job.failedReason);
    if (state !== null) out.push(bullJobView<C>(job, name, state));
  }
  return out;
}
