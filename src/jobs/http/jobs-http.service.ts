import { Inject, Injectable } from '@nestjs/common';
import { clientKeyRing, type ClientKeyRing } from '../../common/auth/client-keys.js';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.tokens.js';
import type { FreshcastJobCatalog } from '../job-catalog.js';
import type { JobNameOf, JobPayloadInput } from '../job-catalog.types.js';
import { JobName } from '../../common/job-names.js';
import {
  JOB_QUEUE,
  type AddJobOptions,
  type AddJobResult,
  type JobQueue,
  type JobView,
  type JobViewOf,
  type ListJobsOptions,
} from '../job-queue.port.js';
import type { HttpCancelOutcome } from './dto/job-cancelled.dto.js';
import { JobNotFoundError } from './job-http.errors.js';
import type { JobRequester } from './job-requester.js';

type Name = JobNameOf<FreshcastJobCatalog>;
export type BatchJobView = JobViewOf<FreshcastJobCatalog, 'batch-predict'>;

/**
 * What the job routes ask of the queue. Errors of the port go through as they are: invalid
 * payload 400, idempotency conflict 409, queue unavailable 503. A job records the name of the client
 * key it came with; its Idempotency-Key is looked up per client (key name, else address), so two
 * clients never meet through a key. With client keys configured, a job is only shown to the key that
 * submitted it and to admin keys: to anyone else it does not exist (404).
 */
@Injectable()
export class JobsHttpService {
  private readonly keys: ClientKeyRing;
  private readonly maxQueued: number;

  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.keys = clientKeyRing(config.auth);
    this.maxQueued = config.jobs.maxQueuedPerClient;
  }

  /**
   * Queues the job for the requester. A client (not an admin) with `jobs.maxQueuedPerClient` jobs of
   * this name waiting or running gets a 429 instead: the queue checks and counts it atomically with
   * the submission (a Redis script for BullMQ), so a burst of concurrent submissions cannot pass it.
   */
  async submit<N extends Name>(
    name: N,
    payload: JobPayloadInput<FreshcastJobCatalog, N>,
    idempotencyKey: string | undefined,
    requester: JobRequester,
  ): Promise<AddJobResult> {
    const client = requester.client;
    const opts: AddJobOptions = {
      ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
      ...(client?.source === 'client-key'
        ? { submittedBy: client.name }
        : { idempotencyScope: client === null ? requester.address : client.name }),
    };
    if (client?.role !== 'admin') opts.maxQueued = this.maxQueued;
    return this.queue.add(name, payload, opts);
  }

  /** The job, or 404 (also when client keys are configured and it is another client's). */
  async job(id: string, requester?: JobRequester): Promise<JobView> {
    const view = await this.queue.get(id);
    if (view === null || (requester !== undefined && !this.mayRead(view, requester)))
      throw new JobNotFoundError(id);
    return view;
  }

  /** The batch-predict job, or 404 (also for jobs of other names, or of another client). */
  async batchJob(id: string, requester: JobRequester): Promise<BatchJobView> {
    const view = await this.job(id, requester);
    if (view.name !== JobName.BatchPredict) throw new JobNotFoundError(id);
    return view;
  }

  /** Without client keys every job is readable; with them, its submitter's and admin keys only. */
  private mayRead(view: JobView, requester: JobRequester): boolean {
    if (!this.keys.required) return true;
    const client = requester.client;
    if (client === null) return false;
    return client.role === 'admin' || (view.submittedBy ?? null) === client.name;
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
