import { AppError } from '../../common/errors/app-error.js';
import { JobErrorCode } from '../job.errors.js';
import type { JobState } from '../job-queue.port.js';

export { TooManyQueuedJobsError } from '../job.errors.js';

/** Codes of the job routes' own errors (the envelope `error` field). */
export const JobHttpErrorCode = {
  NotFound: 'job_not_found',
  NotFinished: 'job_not_finished',
  Failed: 'job_failed',
  ResultUnavailable: 'job_result_unavailable',
  TooManyQueued: JobErrorCode.TooManyQueued,
} as const;

/** No job has this id (or it is not a job of the kind the route serves). 404. */
export class JobNotFoundError extends AppError {
  constructor(readonly jobId: string) {
    super(404, `No job ${jobId}`, {
      code: JobHttpErrorCode.NotFound,
      details: { job_id: jobId },
    });
  }
}

/** The result was asked for before the job completed. 409. */
export class JobNotFinishedError extends AppError {
  constructor(
    readonly jobId: string,
    readonly state: JobState,
  ) {
    super(409, `Job ${jobId} has not finished (state ${state}); poll its status and retry`, {
      code: JobHttpErrorCode.NotFinished,
      details: { job_id: jobId, state },
    });
  }
}

/** The result was asked for of a job that failed or was cancelled. 409. */
export class JobFailedError extends AppError {
  constructor(
    readonly jobId: string,
    readonly state: JobState,
    readonly reason: string | null,
  ) {
    super(409, `Job ${jobId} ended ${state} and has no result: ${reason ?? 'no reason given'}`, {
      code: JobHttpErrorCode.Failed,
      details: { job_id: jobId, state, error: reason },
    });
  }
}

/** A completed job whose result cannot be read back (artifact gone, or not the expected shape). 500. */
export class JobResultUnavailableError extends AppError {
  constructor(jobId: string, cause?: unknown) {
    super(500, `The result of job ${jobId} cannot be read`, {
      code: JobHttpErrorCode.ResultUnavailable,
      details: { job_id: jobId },
      cause,
    });
  }
}
