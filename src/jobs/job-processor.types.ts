import type { FreshcastJobCatalog } from './job-catalog.js';
import type {
  JobCatalog,
  JobNameOf,
  JobPayload,
  JobResult,
  JsonValue,
} from './job-catalog.types.js';
import type { JobName } from '../common/job-names.js';
import type { JobOutput } from './job-result.pointer.js';

/** What a processor gets for one attempt of one job. */
export interface JobContext<P> {
  readonly id: string;
  readonly name: string;
  readonly payload: P;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly maxAttempts: number;
  /**
   * Aborted when the job is cancelled, the attempt times out, or the worker shuts down; its `reason`
   * is a JobCancelledError, JobTimeoutError or WorkerShutdownError. Check it between steps (or call
   * `signal.throwIfAborted()`) and stop: cancelled jobs end `cancelled`, shut-down ones go back to
   * the queue without using an attempt.
   */
  readonly signal: AbortSignal;
  /** Reports 0–100 with a stage name; later reports replace earlier ones (best effort, never throws). */
  progress(percent: number, stage: string, detail?: Record<string, JsonValue>): Promise<void>;
  log(message: string): void;
}

/**
 * A processor: resolves with the result (JSON), or `{ pointer }` to a result it wrote to the
 * artifact store. Throw PermanentJobError for bad input (no retry); anything else is retried.
 */
export type JobHandler<C extends JobCatalog, N extends JobNameOf<C>> = (
  ctx: JobContext<JobPayload<C, N>>,
) => Promise<JobOutput<JobResult<C, N>>>;

/**
 * A freshcast processor as a Nest provider (one class per job, `<name>.job.ts`), listed in
 * src/jobs/processors/index.ts; JobsModule registers each under its `jobName`.
 */
export interface JobProcessor<N extends JobName = JobName> {
  readonly jobName: N;
  process(
    ctx: JobContext<JobPayload<FreshcastJobCatalog, N>>,
  ): Promise<JobOutput<JobResult<FreshcastJobCatalog, N>>>;
}
