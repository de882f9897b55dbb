import { Inject, Injectable } from '@nestjs/common';
import type { FreshcastJobCatalog } from '../job-catalog.js';
import type { JobNameOf, JobPayloadInput } from '../job-catalog.types.js';
import { JobName } from '../job-names.js';
import {
  JOB_QUEUE,
  type AddJobResult,
  type JobQueue,
  type JobView,
  type JobViewOf,
  type ListJobsOptions,
} from '../job-queue.port.js';
import type { HttpCancelOutcome } from './dto/job-cancelled.dto.js';
import { JobNotFoundError } from './job-http.errors.js';

type Name = JobNameOf<FreshcastJobCatalog>;
export type BatchJobView = JobViewOf<FreshcastJobCatalog, 'batch-predict'>;

/**
 * What the job routes ask of the queue. Errors of the port go through as they are: invalid
 * payload 400, idempotency conflict 409, queue unavailable 503.
 */
@Injectable()
export class JobsHttpService {
  constructor(@Inject(JOB_QUEUE) private readonly queue: JobQueue) {}

  submit<N extends Name>(
    name: N,
    payload: JobPayloadInput<FreshcastJobCatalog, N>,
    idempotencyKey: string | undefined,
  ): Promise<AddJobResult> {
    return this.queue.add(name, payload, idempotencyKey === undefined ? {} : { idempotencyKey });
  }

  /** The job, or 404. */
  async job(id: string): Promise<JobView> {
    const view = await this.queue.get(id);
    if (view === null) throw new JobNotFoundError(id);
    return view;
  }

  /** The batch-predict job, or 404 (also for jobs of other names). */
  async batchJob(id: string): Promise<BatchJobView> {
    const view = await this.job(id);
    if (view.name !== JobName.BatchPredict) throw new JobNotFoundError(id);
    return view;
  }

  list(opts: ListJobsOptions): Promise<JobView[]> {
    return this.queue.list(opts);
  }

  /** Cancels the job, or 404. */
  async cancel(id: string): Promise<HttpCancelOutcome> {
    const outcome = await this.queue.cancel(id);
    if (outcome === 'not-found') throw new JobNotFoundError(id);
    return outcome;
  }
}
