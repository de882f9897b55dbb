import type { Job, JobState as BullState } from 'bullmq';
import { z } from 'zod';
import type { JobCatalog } from '../job-catalog.types.js';
import type { ProgressRecord } from '../job-execution.js';
import type { JobState, JobView } from '../job-queue.port.js';
import { isResultPointer } from '../job-result.pointer.js';
import { jobEnvelopeSchema } from '../job-submission.js';
import { CANCELLED_MESSAGE } from '../job.errors.js';

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
