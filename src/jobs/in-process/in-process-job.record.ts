import { randomUUID } from 'node:crypto';
import type { JobCatalog, JobRetention } from '../job-catalog.types.js';
import type { ProgressRecord } from '../job-execution.js';
import type { JobState, JobView, ListJobsOptions, QueueCounts } from '../job-queue.port.js';
import { expiredByRetention } from '../job-settings.js';
import { listLimit } from '../job-submission.js';

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

/** A job just submitted: waiting, no attempt made yet. */
export function newJobRecord(
  fields: Pick<
    InProcessJobRecord,
    'id' | 'name' | 'payload' | 'submittedBy' | 'client' | 'maxAttempts'
  >,
): InProcessJobRecord {
  return {
    ...fields,
    submissionId: randomUUID(),
    state: 'waiting',
    progress: null,
    attemptsMade: 0,
    result: null,
    resultPointer: null,
    error: null,
    createdAt: Date.now(),
    startedAt: null,
    finishedAt: null,
    cancel: null,
    retryTimer: null,
  };
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

/** The in-process adapter's jobs by id, with its listing, counts and retention. */
export class InProcessJobRecords {
  private readonly records = new Map<string, InProcessJobRecord>();

  get(id: string): InProcessJobRecord | undefined {
    return this.records.get(id);
  }

  add(rec: InProcessJobRecord): void {
    this.records.set(rec.id, rec);
  }

  /** Jobs of `name` from `client` waiting, delayed or running. */
  queued(name: string, client: string): number {
    let n = 0;
    for (const rec of this.records.values()) {
      if (rec.name !== name || rec.client !== client) continue;
      if (rec.state === 'waiting' || rec.state === 'delayed' || rec.state === 'active') n++;
    }
    return n;
  }

  values(): IterableIterator<InProcessJobRecord> {
    return this.records.values();
  }

  /** Newest first, filtered by state and name. */
  list<C extends JobCatalog>(opts: ListJobsOptions<C>): JobView<C>[] {
    return [...this.records.values()]
      .filter((r) => opts.state === undefined || r.state === opts.state)
      .filter((r) => opts.name === undefined || r.name === opts.name)
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, listLimit(opts.limit))
      .map((r) => inProcessJobView<C>(r));
  }

  counts(names: readonly string[]): QueueCounts {
    const out: QueueCounts = {};
    for (const name of names) out[name] = { waiting: 0, active: 0, delayed: 0, failed: 0 };
    for (const rec of this.records.values()) {
      const c = out[rec.name];
      if (!c) continue;
      if (
        rec.state === 'waiting' ||
        rec.state === 'active' ||
        rec.state === 'delayed' ||
        rec.state === 'failed'
      )
        c[rec.state] += 1;
    }
    return out;
  }

  /** Retention of one name's finished jobs: cancelled jobs count with failed ones. */
  prune(name: string, kind: 'completed' | 'failed', keep: JobRetention): void {
    const finished: { id: string; finishedAt: number }[] = [];
    for (const r of this.records.values()) {
      const matches =
        kind === 'completed'
          ? r.state === 'completed'
          : r.state === 'failed' || r.state === 'cancelled';
      if (r.name === name && matches && r.finishedAt !== null) {
        finished.push({ id: r.id, finishedAt: r.finishedAt });
      }
    }
    for (const r of expiredByRetention(finished, keep, Date.now())) this.records.delete(r.id);
  }
}
