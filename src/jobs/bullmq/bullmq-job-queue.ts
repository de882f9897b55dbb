import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import type { FreshcastJobCatalog } from '../job-catalog.js';
import type { JobCatalog, JobNameOf, JobPayloadInput } from '../job-catalog.types.js';
import { idempotentJobId, jobNameOfId, newJobId } from '../job-id.js';
import { defaultJobLogger, type JobLogger } from '../job-logger.js';
import type { JobHandler } from '../job-processor.types.js';
import {
  idempotencyScopeOf,
  JOB_STATES,
  type AddJobOptions,
  type AddJobResult,
  type CancelOutcome,
  type CloseOptions,
  type JobEventListener,
  type JobScheduleSpec,
  type JobSystem,
  type JobView,
  type ListJobsOptions,
  type QueueCounts,
  type QueueHealth,
  type ScheduledJobInfo,
  type StartProcessingOptions,
  COUNTED_STATES,
} from '../job-queue.port.js';
import { effectiveJobOptions } from '../job-settings.js';
import {
  assertJobName,
  catalogNames,
  checkIdempotencyKey,
  jobEnvelopeSchema,
  listLimit,
  parseJobPayload,
  stableJson,
  type JobEnvelope,
} from '../job-submission.js';
import {
  IdempotencyConflictError,
  QueueUnavailableError,
  TooManyQueuedJobsError,
} from '../job.errors.js';
import type { JobRuntimeSettings } from '../../config/jobs.config.js';
import { ProcessorRegistry } from '../processor-registry.js';
import { BullmqJobEvents } from './bullmq-job-events.js';
import { bullJobOptions, listJobSchedulers, syncJobSchedulers } from './bullmq-job-schedules.js';
import { bullJobView, jobStateOf, listJobsInState } from './bullmq-job-view.js';
import { Tombstones } from './cancel-records.js';
import { BullmqWorkers } from './bullmq-workers.js';
import { cancelBullJob } from './bullmq-cancel.js';
import { QueuedReservations } from './queued-reservations.js';
import {
  closeClient,
  ConnectionWatch,
  createProducerClient,
  isConnectionError,
  redactRedisUrl,
  waitForRedis,
} from './redis-connections.js';
import { errorMessage } from '../../common/errors/error-message.js';

export interface BullmqJobQueueOptions<C extends JobCatalog> {
  redisUrl: string;
  catalog: C;
  settings: JobRuntimeSettings;
  logger?: JobLogger;
}

/**
 * The job system on BullMQ. One queue per job name, so that each job has its own concurrency, lock
 * duration and retention, and a long training run never holds up batch predictions; a Worker per
 * queue in processing processes; QueueEvents per queue for `onEvent`. Idempotency: the job id is
 * derived from the key. Running jobs are cancelled through a Redis marker their worker polls.
 * The API side uses a fail-fast connection (503 while Redis is down); workers wait out reconnects.
 */
export class BullmqJobQueue<C extends JobCatalog = FreshcastJobCatalog> implements JobSystem<C> {
  readonly mode = 'bullmq' as const;
  readonly durable = true;

  private readonly catalog: C;
  private readonly names: JobNameOf<C>[];
  private readonly settings: JobRuntimeSettings;
  private readonly logger: JobLogger;
  private readonly url: string;
  private readonly producer: Redis;
  private readonly registry: ProcessorRegistry<C>;
  private readonly tombstones: Tombstones;
  private readonly watch: ConnectionWatch;
  private readonly events: BullmqJobEvents;
  private readonly workers: BullmqWorkers<C>;
  private readonly reserved: QueuedReservations;
  private readonly queues = new Map<string, Queue>();
  private schedules: readonly JobScheduleSpec<C>[] | undefined;
  private closing: Promise<void> | undefined;
  /** Secret of keyed job ids, shared by every process on this Redis (see jobIdSecret). */
  private idSecret: Promise<string> | undefined;

  private constructor(opts: BullmqJobQueueOptions<C>, producer: Redis) {
    this.catalog = opts.catalog;
    this.names = catalogNames(opts.catalog);
    this.settings = opts.settings;
    this.logger = opts.logger ?? defaultJobLogger(BullmqJobQueue.name);
    this.url = opts.redisUrl;
    this.producer = producer;
    this.registry = new ProcessorRegistry(opts.catalog);
    this.tombstones = new Tombstones(producer, opts.settings.prefix);
    this.reserved = new QueuedReservations(producer, opts.settings.prefix);
    this.watch = new ConnectionWatch(this.logger);
    this.watch.watch('api', producer, () => this.onProducerRestored());
    for (const name of this.names) {
      const queue = new Queue(name, { connection: producer, prefix: opts.settings.prefix });
      queue.on('error', (err) => this.warnUnlessConnection(`queue ${name}`, err));
      this.queues.set(name, queue);
    }
    this.events = new BullmqJobEvents(
      this.queues,
      producer,
      opts.redisUrl,
      opts.settings,
      this.watch,
      this.logger,
    );
    this.workers = new BullmqWorkers({
      url: opts.redisUrl,
      catalog: opts.catalog,
      settings: opts.settings,
      registry: this.registry,
      watch: this.watch,
      logger: this.logger,
      producer,
      onWorkerError: (source, err) => this.warnUnlessConnection(source, err),
    });
  }

  /** Connects (fails with a clear QueueUnavailableError when Redis cannot be reached). */
  static async connect<C extends JobCatalog>(
    opts: BullmqJobQueueOptions<C>,
  ): Promise<BullmqJobQueue<C>> {
    const producer = createProducerClient(opts.redisUrl, opts.settings, 'freshcast:api');
    producer.on('error', () => undefined);
    try {
      await waitForRedis(producer, opts.redisUrl, opts.settings.connectTimeoutMs);
    } catch (err) {
      producer.disconnect();
      throw err;
    }
    return new BullmqJobQueue(opts, producer);
  }

  get processing(): boolean {
    return this.workers.size > 0 && this.closing === undefined;
  }

  /** Where it connects, safe to log. */
  get redisUrl(): string {
    return redactRedisUrl(this.url);
  }

  add<N extends JobNameOf<C>>(
    name: N,
    payload: JobPayloadInput<C, N>,
    opts?: AddJobOptions,
  ): Promise<AddJobResult> {
    return this.submit(name, payload, opts);
  }

  async submit(name: string, payload: unknown, opts: AddJobOptions = {}): Promise<AddJobResult> {
    const jobName = assertJobName(this.catalog, name);
    const parsed = parseJobPayload(this.catalog, jobName, payload);
    const key = checkIdempotencyKey(jobName, opts.idempotencyKey);
    const options = bullJobOptions(effectiveJobOptions(this.catalog, this.settings, jobName));
    const client = idempotencyScopeOf(opts);
    const envelope: JobEnvelope = {
      payload: parsed,
      submissionId: randomUUID(),
      submittedBy: opts.submittedBy ?? null,
      client,
    };
    return this.guard(async () => {
      const id =
        key === undefined
          ? newJobId(jobName)
          : idempotentJobId(jobName, key, client, await this.jobIdSecret());
      const queue = this.queue(jobName);
      if (key !== undefined) {
        const cancelled = await this.tombstones.get<C>(jobName, id);
        if (cancelled !== null) return this.deduplicated(id, cancelled.payload, parsed);
      }
      const cap = opts.maxQueued;
      if (cap !== undefined && !(await this.reserved.reserve(jobName, client, id, cap))) {
        throw new TooManyQueuedJobsError(cap);
      }
      // With an id that exists, BullMQ adds nothing; the stored submission id tells which case it was.
      try {
        await queue.add(jobName, envelope, { jobId: id, ...options });
        if (cap !== undefined) await this.reserved.confirm(jobName, client, id);
      } catch (err) {
        if (cap !== undefined)
          await this.reserved.release(jobName, client, id).catch(() => undefined);
        throw err;
      }
      if (key === undefined) return { id, deduplicated: false };
      const stored = jobEnvelopeSchema.safeParse((await queue.getJob(id))?.data);
      if (!stored.success || stored.data.submissionId === envelope.submissionId) {
        return { id, deduplicated: false };
      }
      return this.deduplicated(id, stored.data.payload, parsed);
    });
  }

  async get(id: string): Promise<JobView<C> | null> {
    const name = jobNameOfId(id, this.names);
    if (name === null) return null;
    return this.guard(async () => {
      const queue = this.queue(name);
      const [job, bullState] = await Promise.all([queue.getJob(id), queue.getJobState(id)]);
      const state = job === undefined ? null : jobStateOf(bullState, job.failedReason);
      if (job !== undefined && state !== null) return bullJobView<C>(job, name, state);
      return this.tombstones.get<C>(name, id);
    });
  }

  async list(opts: ListJobsOptions<C> = {}): Promise<JobView<C>[]> {
    const limit = listLimit(opts.limit);
    const names = opts.name === undefined ? this.names : [opts.name];
    const states = opts.state === undefined ? JOB_STATES : [opts.state];
    return this.guard(async () => {
      const views: JobView<C>[] = [];
      for (const name of names) {
        for (const state of states) {
          const queue = this.queue(name);
          views.push(...(await listJobsInState<C>(queue, this.tombstones, name, state, limit)));
        }
      }
      return views.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)).slice(0, limit);
    });
  }

  async cancel(id: string): Promise<CancelOutcome> {
    const name = jobNameOfId(id, this.names);
    if (name === null) return 'not-found';
    const deps = {
      queue: this.queue(name),
      producer: this.producer,
      prefix: this.settings.prefix,
      tombstones: this.tombstones,
      events: this.events,
      keep: effectiveJobOptions(this.catalog, this.settings, name).keepFailed,
    };
    return this.guard(() => cancelBullJob<C>(deps, name, id));
  }

  onEvent(listener: JobEventListener): Promise<() => void> {
    return this.events.subscribe(listener);
  }

  async counts(): Promise<QueueCounts> {
    return this.guard(async () => {
      const out: QueueCounts = {};
      await Promise.all(
        [...this.queues].map(async ([name, queue]) => {
          // Prioritized jobs wait too (BullMQ keeps them apart from `wait`).
          const c = await queue.getJobCounts(...COUNTED_STATES, 'prioritized');
          out[name] = {
            waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
            active: c.active ?? 0,
            delayed: c.delayed ?? 0,
            failed: c.failed ?? 0,
          };
        }),
      );
      return out;
    });
  }

  async health(): Promise<QueueHealth> {
    const base = { mode: this.mode, durable: true } as const;
    if (this.producer.status !== 'ready') {
      const detail = `Redis at ${this.redisUrl} unreachable (${this.producer.status})`;
      return { ...base, ok: false, detail };
    }
    try {
      await this.producer.ping();
      return { ...base, ok: true, detail: `Redis at ${this.redisUrl}` };
    } catch (err) {
      return { ...base, ok: false, detail: `Redis at ${this.redisUrl}: ${errorMessage(err)}` };
    }
  }

  registerProcessor<N extends JobNameOf<C>>(name: N, handler: JobHandler<C, N>): void {
    this.registry.register(name, handler);
  }

  async startProcessing(opts: StartProcessingOptions<C> = {}): Promise<void> {
    if (this.closing !== undefined) {
      throw new QueueUnavailableError('the job queue is shutting down');
    }
    const names = opts.names ?? this.names;
    this.registry.assertComplete(names);
    await this.workers.start(names);
  }

  async syncSchedules(schedules: readonly JobScheduleSpec<C>[]): Promise<void> {
    await this.guard(() => syncJobSchedulers(this.catalog, this.settings, this.queues, schedules));
    this.schedules = schedules;
  }

  listSchedules(): Promise<ScheduledJobInfo[]> {
    return this.guard(() => listJobSchedulers(this.queues));
  }

  close(opts: CloseOptions = {}): Promise<void> {
    this.closing ??= this.doClose(opts.graceMs ?? this.settings.shutdownGraceMs);
    return this.closing;
  }

  private queue(name: string): Queue {
    const queue = this.queues.get(name);
    if (queue === undefined) throw new Error(`no queue for job ${name}`);
    return queue;
  }

  /**
   * The secret keyed job ids are an HMAC under: made once per Redis (`SET NX`), so every API replica
   * derives the same id from the same client and key, and nobody without Redis can.
   */
  private jobIdSecret(): Promise<string> {
    this.idSecret ??= (async () => {
      const key = `${this.settings.prefix}:fc:job-id-secret`;
      await this.producer.set(key, randomBytes(32).toString('hex'), 'NX');
      const secret = await this.producer.get(key);
      if (secret === null) throw new QueueUnavailableError('the job id secret cannot be read');
      return secret;
    })();
    this.idSecret.catch(() => {
      this.idSecret = undefined;
    });
    return this.idSecret;
  }

  private deduplicated(id: string, existing: unknown, parsed: unknown): AddJobResult {
    if (stableJson(existing) !== stableJson(parsed)) throw new IdempotencyConflictError(id);
    return { id, deduplicated: true };
  }

  /** Runs a Redis operation for the API: Redis unreachable → QueueUnavailableError (503). */
  private async guard<T>(op: () => Promise<T>): Promise<T> {
    if (this.producer.status !== 'ready') throw this.unavailable();
    try {
      return await op();
    } catch (err) {
      if (isConnectionError(err)) throw this.unavailable(err);
      throw err;
    }
  }

  private unavailable(cause?: unknown): QueueUnavailableError {
    return new QueueUnavailableError(
      // Clients see no host; the log line of the 503 names it (the cause).
      'the job queue is unavailable (its store cannot be reached); retry later',
      new Error(`Redis at ${this.redisUrl} cannot be reached`, { cause }),
    );
  }

  private onProducerRestored(): void {
    // A Redis that restarted empty lost its job schedulers: put them back.
    const schedules = this.schedules;
    if (schedules !== undefined && this.closing === undefined) {
      this.syncSchedules(schedules).catch((err: unknown) =>
        this.logger.warn(`job schedules not restored after reconnect: ${errorMessage(err)}`),
      );
    }
  }

  /** Connection trouble is logged once per outage by the ConnectionWatch; anything else here. */
  private warnUnlessConnection(source: string, err: Error): void {
    if (!isConnectionError(err)) this.logger.warn(`${source}: ${err.message}`);
  }

  /** Stops the workers (see BullmqWorkers.stop), then closes the events, queues and Redis. */
  private async doClose(graceMs: number): Promise<void> {
    await this.workers.stop(graceMs);
    await this.events.close();
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    await Promise.allSettled([closeClient(this.producer), this.workers.closeClient()]);
  }
}
