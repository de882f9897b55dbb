import type { JobCatalog } from '../job-catalog.types.js';
import type { ProgressRecord } from '../job-execution.js';
import type { JobState, JobView } from '../job-queue.port.js';

/** A job held in memory by the in-process adapter. */
export interface InProcessJobRecord {
  id: string;
  name: string;
  payload: unknown;
  submissionId: string;
  submittedBy: string | null;
  client: string;
  state: JobState;
  progress: ProgressRecord | null;
  attemptsMade: number;
  maxAttempts: number;
  result: unknown;
  resultPointer: string | null;
  error: string | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** Set while active: aborting it cancels the running attempt. */
  cancel: AbortController | null;
  /** Set while delayed: the timer that puts it back in the queue. */
  retryTimer: NodeJS.Timeout | null;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function inProcessJobView<C extends JobCatalog>(rec: InProcessJobRecord): JobView<C> {
  // The record was created for `rec.name` with a payload parsed by that job's schema.
  return {
    id: rec.id,
    name: rec.name,
    state: rec.state,
    progress: rec.state === 'completed' ? 100 : (rec.progress?.percent ?? 0),
    stage: rec.progress?.stage ?? null,
    progressDetail: rec.progress?.detail ?? null,
    attempts: rec.attemptsMade,
    maxAttempts: rec.maxAttempts,
    payload: rec.payload,
    result: rec.state === 'completed' && rec.resultPointer === null ? rec.result : null,
    resultPointer: rec.resultPointer,
    error: rec.state === 'completed' ? null : rec.error,
    submittedBy: rec.submittedBy,
    client: rec.client,
    createdAt: new Date(rec.createdAt).toISOString(),
    startedAt: iso(rec.startedAt),
    finishedAt: iso(rec.finishedAt),
  } as JobView<C>;
}
