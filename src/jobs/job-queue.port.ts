import type { FreshcastJobCatalog } from './job-catalog.js';
import type {
  JobCatalog,
  JobNameOf,
  JobPayload,
  JobPayloadInput,
  JobResult,
  JsonValue,
} from './job-catalog.types.js';
import type { JobHandler } from './job-processor.types.js';

/** Nest token of the job system (JobQueue + JobWorkers) provided by JobsModule. */
export const JOB_QUEUE = Symbol('JOB_QUEUE');

export const JOB_STATES = [
  'waiting',
  'active',
  'delayed',
  'completed',
  'failed',
  'cancelled',
] as const;
/** `delayed`: waiting for a retry backoff (or a schedule) to expire. */
export type JobState = (typeof JOB_STATES)[number];

export interface JobViewOf<C extends JobCatalog, N extends JobNameOf<C>> {
  id: string;
  name: N;
  state: JobState;
  /** 0–100; 100 once completed. */
  progress: number;
  /** Stage name given with the last progress report (`fit`, `backtest`, ...). */
  stage: string | null;
  /** Extra numbers given with the last progress report (epoch, loss, ...). */
  progressDetail: Record<string, JsonValue> | null;
  /** Attempts made so far (finished ones, failed or completed). */
  attempts: number;
  maxAttempts: number;
  payload: JobPayload<C, N>;
  /** The result when completed and held inline; null when the result is a pointer. */
  result: JobResult<C, N> | null;
  /** Artifact-store key of a large result (see job-result.pointer.ts). */
  resultPointer: string | null;
  /** Error of the last failed attempt (failed jobs, or jobs waiting for a retry). */
  error: string | null;
  /** Name of the client key it was submitted with; null without one (CLI, schedules, open API). */
  submittedBy: string | null;
  /** Who submitted it, as idempotency scopes it (`key:<name>`, `anon:<address>`); null when unknown. */
  client: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A job as callers see it; narrows on `name` to typed payload and result. */
export type JobView<C extends JobCatalog = FreshcastJobCatalog> = {
  [N in JobNameOf<C>]: JobViewOf<C, N>;
}[JobNameOf<C>];

export interface AddJobOptions {
  /**
   * Same key (for the same job name) → same job id while that job exists (waiting, running or
   * retained after finishing). Reusing a key with a different payload is an IdempotencyConflictError.
   */
  idempotencyKey?: string;
  /** Name of the client key submitting it: recorded, and the idempotency key's scope. */
  submittedBy?: string;
  /** Scope of the idempotency key without `submittedBy` (e.g. the client address); default shared. */
  idempotencyScope?: string;
  /**
   * Refuse the job (TooManyQueuedJobsError, 429) when its submitter (`idempotencyScopeOf`) already
   * has this many jobs of this name waiting, delayed or running. Checked and counted atomically
   * with the submission, so concurrent submissions cannot pass it together. Unset: no cap.
   */
  maxQueued?: number;
}

/** The scope an idempotency key is looked up in: one per client. */
export function idempotencyScopeOf(opts: AddJobOptions): string {
  return opts.submittedBy === undefined
    ? `anon:${opts.idempotencyScope ?? ''}`
    : `key:${opts.submittedBy}`;
}

export interface AddJobResult {
  id: string;
  /** True when the key matched an existing job and nothing new was queued. */
  deduplicated: boolean;
}

export interface ListJobsOptions<C extends JobCatalog = FreshcastJobCatalog> {
  state?: JobState;
  name?: JobNameOf<C>;
  /** Default 50, at most 500. Newest first. */
  limit?: number;
}

/**
 * `cancelled`: it had not started (waiting or delayed) and never will. `cancelling`: it is running;
 * its processor's signal was aborted and it stops cooperatively (a processor that finishes anyway
 * completes). `finished`: already completed, failed or cancelled. `not-found`: no such job.
 */
export type CancelOutcome = 'cancelled' | 'cancelling' | 'finished' | 'not-found';

export type JobEventType =
  'waiting' | 'active' | 'progress' | 'completed' | 'failed' | 'cancelled' | 'delayed' | 'stalled';

/** `failed` is final (no attempt left); a failed attempt that will be retried shows as `delayed`. */
export interface JobEvent {
  type: JobEventType;
  id: string;
  name: string;
  progress?: number;
  stage?: string | null;
  error?: string;
}
export type JobEventListener = (event: JobEvent) => void;

export interface QueueHealth {
  mode: 'bullmq' | 'in-process';
  durable: boolean;
  /** False while Redis cannot be reached (job endpoints answer 503 meanwhile). */
  ok: boolean;
  detail: string;
}

/** States counted by `JobQueue.counts`. */
export const COUNTED_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
export type CountedState = (typeof COUNTED_STATES)[number];
/** Job counts by job name, then by state. */
export type QueueCounts = Record<string, Record<CountedState, number>>;

export interface CloseOptions {
  /** How long running jobs may take to finish before they are handed back; default from config. */
  graceMs?: number;
}

/** Submitting and watching jobs: what the API uses. */
export interface JobQueue<C extends JobCatalog = FreshcastJobCatalog> {
  readonly mode: 'bullmq' | 'in-process';
  /** False in-process: jobs live in memory and are lost with the process. */
  readonly durable: boolean;
  /** Validates the payload (InvalidJobPayloadError, never queued) and queues the job. */
  add<N extends JobNameOf<C>>(
    name: N,
    payload: JobPayloadInput<C, N>,
    opts?: AddJobOptions,
  ): Promise<AddJobResult>;
  /** `add` for untyped callers (HTTP, CLI): also rejects an unknown name (UnknownJobNameError). */
  submit(name: string, payload: unknown, opts?: AddJobOptions): Promise<AddJobResult>;
  get(id: string): Promise<JobView<C> | null>;
  list(opts?: ListJobsOptions<C>): Promise<JobView<C>[]>;
  cancel(id: string): Promise<CancelOutcome>;
  /** Starts delivering events; resolves (with the unsubscribe function) once listening. */
  onEvent(listener: JobEventListener): Promise<() => void>;
  health(): Promise<QueueHealth>;
  /** Jobs per job name in each queue state that matters for capacity (metrics, autoscaling). */
  counts(): Promise<QueueCounts>;
  /** Stops taking jobs, lets running ones finish within the grace (else hands them back), disconnects. */
  close(opts?: CloseOptions): Promise<void>;
}

/** A cron schedule that submits a job (config `jobs.schedules`). */
export interface JobScheduleSpec<C extends JobCatalog = FreshcastJobCatalog> {
  /** Unique per job name: [a-z0-9-]. */
  id: string;
  name: JobNameOf<C>;
  /** Cron pattern (5 fields, or 6 with seconds first). */
  cron: string;
  tz?: string;
  payload: unknown;
}

/** A schedule as it stands (`listSchedules`). */
export interface ScheduledJobInfo {
  id: string;
  name: string;
  cron: string;
  tz: string | null;
  /** Next run, when known. */
  nextRunAt: string | null;
}

export interface StartProcessingOptions<C extends JobCatalog = FreshcastJobCatalog> {
  /** Names this process runs; default all of the catalog. Each needs exactly one processor. */
  names?: readonly JobNameOf<C>[];
}

/** Running jobs: what worker processes (and the API in role `all`) use. */
export interface JobWorkers<C extends JobCatalog = FreshcastJobCatalog> {
  /** One handler per name: a second one throws ProcessorRegistrationError. */
  registerProcessor<N extends JobNameOf<C>>(name: N, handler: JobHandler<C, N>): void;
  /** Starts taking jobs; refuses (ProcessorRegistrationError) a name without a processor. */
  startProcessing(opts?: StartProcessingOptions<C>): Promise<void>;
  readonly processing: boolean;
  /** Makes the cron schedules exactly these (adds, updates, removes). */
  syncSchedules(schedules: readonly JobScheduleSpec<C>[]): Promise<void>;
  listSchedules(): Promise<ScheduledJobInfo[]>;
}

export type JobSystem<C extends JobCatalog = FreshcastJobCatalog> = JobQueue<C> & JobWorkers<C>;
