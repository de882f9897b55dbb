import { AppError } from '../common/errors/app-error.js';
import type { FieldError } from '../common/errors/error-envelope.js';

/** Codes of the job module's errors (the envelope `error` field for those that reach HTTP). */
export const JobErrorCode = {
  InvalidPayload: 'invalid_job_payload',
  UnknownJobName: 'unknown_job_name',
  QueueUnavailable: 'queue_unavailable',
  IdempotencyConflict: 'idempotency_conflict',
  TooManyQueued: 'too_many_queued_jobs',
  ProcessorRegistration: 'job_processor_registration',
  Permanent: 'job_permanent_failure',
  Cancelled: 'job_cancelled',
  Timeout: 'job_timeout',
  Shutdown: 'worker_shutdown',
} as const;
export type JobErrorCode = (typeof JobErrorCode)[keyof typeof JobErrorCode];

/** Submit-side: the payload does not match the job's schema. Never queued. 400. */
export class InvalidJobPayloadError extends AppError {
  constructor(
    readonly jobName: string,
    readonly issues: FieldError[],
  ) {
    super(400, `Invalid payload for job ${jobName}`, {
      code: JobErrorCode.InvalidPayload,
      details: issues,
    });
  }
}

/** Submit-side: no job has this name. 400. */
export class UnknownJobNameError extends AppError {
  constructor(
    readonly jobName: string,
    known: readonly string[],
  ) {
    super(400, `Unknown job "${jobName}"; known jobs: ${known.join(', ')}`, {
      code: JobErrorCode.UnknownJobName,
      details: { known: [...known] },
    });
  }
}

/** Redis cannot be reached: job endpoints answer 503 while cached forecasts keep being served. */
export class QueueUnavailableError extends AppError {
  constructor(message: string, cause?: unknown) {
    super(503, message, { code: JobErrorCode.QueueUnavailable, cause });
  }
}

/** The idempotency key was used before with a different payload. 409. */
/** The key was used before with another payload. The answer names no job (nor whose it is). */
export class IdempotencyConflictError extends AppError {
  constructor(readonly jobId: string) {
    super(409, 'This idempotency key was already used with a different request; use a new key', {
      code: JobErrorCode.IdempotencyConflict,
      details: null,
    });
  }
}

/** The client already has `limit` jobs of this name waiting, delayed or running. 429. */
export class TooManyQueuedJobsError extends AppError {
  constructor(limit: number) {
    super(
      429,
      `You already have ${limit} jobs waiting or running (jobs.maxQueuedPerClient); ` +
        'submit more once some have finished',
      { code: JobErrorCode.TooManyQueued, details: { limit } },
    );
  }
}

/** Startup refuses a job name with zero or two processors (and processors for unknown names). */
export class ProcessorRegistrationError extends Error {
  readonly code = JobErrorCode.ProcessorRegistration;
  constructor(message: string) {
    super(message);
    this.name = 'ProcessorRegistrationError';
  }
}

/**
 * Thrown by a processor for a failure that retrying cannot fix (bad input, missing model): the job
 * fails at once and keeps this message. Any other error is treated as transient and retried with
 * exponential backoff while attempts remain.
 */
export class PermanentJobError extends Error {
  readonly code = JobErrorCode.Permanent;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentJobError';
  }
}

/** Message kept on a job cancelled on request (its state reads `cancelled`). */
export const CANCELLED_MESSAGE = 'cancelled on request';

/** Reason of `ctx.signal` when the job is cancelled. */
export class JobCancelledError extends Error {
  readonly code = JobErrorCode.Cancelled;
  constructor() {
    super(CANCELLED_MESSAGE);
    this.name = 'JobCancelledError';
  }
}

/** Reason of `ctx.signal` when the attempt ran past its timeout; the attempt fails (and may be retried). */
export class JobTimeoutError extends Error {
  readonly code = JobErrorCode.Timeout;
  constructor(readonly timeoutMs: number) {
    super(`attempt exceeded its timeout of ${timeoutMs} ms`);
    this.name = 'JobTimeoutError';
  }
}

/** Reason of `ctx.signal` when the worker shuts down: the job goes back to the queue, no attempt used. */
export class WorkerShutdownError extends Error {
  readonly code = JobErrorCode.Shutdown;
  constructor() {
    super('worker is shutting down; the job goes back to the queue');
    this.name = 'WorkerShutdownError';
  }
}

function errorName(err: unknown): string {
  if (typeof err !== 'object' || err === null) return '';
  const name: unknown = Reflect.get(err, 'name');
  return typeof name === 'string' ? name : '';
}

/** True for errors that must not be retried: PermanentJobError and BullMQ's UnrecoverableError. */
export function isPermanentJobError(err: unknown): boolean {
  const name = errorName(err);
  return (
    err instanceof PermanentJobError ||
    name === 'PermanentJobError' ||
    name === 'UnrecoverableError'
  );
}
