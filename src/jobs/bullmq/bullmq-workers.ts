import { UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { hostname } from 'node:os';
import type { JobRuntimeSettings } from '../../config/jobs.config.js';
import type { JobCatalog, JobNameOf, JobPayload } from '../job-catalog.types.js';
import { executeJob, type ExecutionOutcome } from '../job-execution.js';
import type { JobLogger } from '../job-logger.js';
import { effectiveJobOptions } from '../job-settings.js';
import { assertJobName, jobEnvelopeSchema, parseJobPayload } from '../job-submission.js';
import { CANCELLED_MESSAGE, InvalidJobPayloadError } from '../job.errors.js';
import type { ProcessorRegistry } from '../processor-registry.js';
import { CancelWatch } from './cancel-watch.js';
import {
  closeClient,
  createWorkerClient,
  waitForRedis,
  type ConnectionWatch,
} from './redis-connections.js';

export interface BullmqWorkersOptions<C extends JobCatalog> {
  url: string;
  catalog: C;
  settings: JobRuntimeSettings;
  registry: ProcessorRegistry<C>;
  /** Watches the worker connection once it is made. */
  watch: ConnectionWatch;
  logger: JobLogger;
  /** The API side's client: cancel markers are read through it until this process runs jobs. */
  producer: Redis;
  /** Where a worker's own errors go (connection trouble is the ConnectionWatch's). */
  onWorkerError: (source: string, err: Error) => void;
}

/**
 * The processing side of BullmqJobQueue: one BullMQ Worker per job name on a connection of its
 * own that waits out reconnects, each attempt run by executeJob with cancellation (CancelWatch),
 * a timeout and the shutdown hand-back, and the graceful stop.
 */
export class BullmqWorkers<C extends JobCatalog> {
  private readonly workers = new Map<string, Worker>();
  private readonly cancels: CancelWatch;
  /** Aborted when running jobs must be handed back (shutdown past the grace). */
  private readonly shutdown = new AbortController();
  /** Aborted when processors ignored the hand-back signal: their jobs are abandoned to the stalled check. */
  private readonly forceStop = new AbortController();
  private client: Redis | undefined;

  constructor(private readonly opts: BullmqWorkersOptions<C>) {
    this.cancels = new CancelWatch(
      () => this.client ?? opts.producer,
      opts.settings.prefix,
      opts.settings.cancelPollMs,
    );
  }

  get size(): number {
    return this.workers.size;
  }

  /** Starts a Worker for each name that has none yet (connects first, waiting for Redis). */
  async start(names: readonly JobNameOf<C>[]): Promise<void> {
    const { url, settings, catalog } = this.opts;
    if (this.client === undefined) {
      this.client = createWorkerClient(url, settings, 'freshcast:worker');
      this.opts.watch.watch('worker', this.client);
    }
    const client = this.client;
    await waitForRedis(client, url, settings.connectTimeoutMs);
    for (const name of names) {
      if (this.workers.has(name)) continue;
      const options = effectiveJobOptions(catalog, settings, name);
      const worker = new Worker(
        name,
        (job: Job, token?: string) => this.process(name, job, token),
        {
          connection: client,
          prefix: settings.prefix,
          name: `${hostname()}:${process.pid}`,
          concurrency: options.concurrency,
          lockDuration: options.lockDurationMs,
          stalledInterval: settings.stalledIntervalMs,
          maxStalledCount: settings.maxStalledCount,
        },
      );
      worker.on('error', (err) => this.opts.onWorkerError(`worker ${name}`, err));
      this.workers.set(name, worker);
    }
    await Promise.all([...this.workers.values()].map((w) => w.waitUntilReady()));
  }

  /**
   * Stop taking jobs; wait up to `graceMs` for running ones; then signal them to stop and hand
   * their jobs back (`handBackMs`); processors that ignore that are abandoned (their jobs return
   * to the queue when the lock expires).
   */
  async stop(graceMs: number): Promise<void> {
    const { logger, settings } = this.opts;
    const closed = Promise.allSettled([...this.workers.values()].map((w) => w.close()));
    if (!(await settlesWithin(closed, graceMs))) {
      logger.log(`handing back ${this.cancels.size} running job(s) after the ${graceMs} ms grace`);
      this.shutdown.abort();
      if (!(await settlesWithin(closed, settings.handBackMs))) {
        logger.warn(
          `${this.cancels.size} job(s) ignored the shutdown signal; ` +
            'they return to the queue when their lock expires',
        );
        this.forceStop.abort();
        await settlesWithin(closed, settings.handBackMs);
      }
    }
    this.cancels.stop();
  }

  /** Closes the worker connection, if one was made. */
  async closeClient(): Promise<void> {
    if (this.client !== undefined) await closeClient(this.client);
  }

  /** One attempt of a job in this worker: the BullMQ processor function. */
  private async process(name: string, job: Job, token: string | undefined): Promise<unknown> {
    const { catalog, settings, registry, logger } = this.opts;
    const id = job.id ?? '';
    const payload = this.workerPayload(name, job);
    const handler = registry.get(name);
    if (handler === undefined) throw new UnrecoverableError(`no processor for job ${name}`);
    if (await this.cancels.requested(name, id)) throw new UnrecoverableError(CANCELLED_MESSAGE);
    const options = effectiveJobOptions(catalog, settings, name);
    const cancelSignal = this.cancels.track(name, id);
    const forced = abortedPromise(this.forceStop.signal);
    try {
      const outcome = await Promise.race([
        executeJob({
          id,
          name,
          payload,
          attempt: job.attemptsMade + 1,
          maxAttempts: options.attempts,
          timeoutMs: options.timeoutMs,
          handler,
          cancelSignal,
          shutdownSignal: this.shutdown.signal,
          writeProgress: (p) => job.updateProgress({ ...p }),
          writeLog: (line) => job.log(line),
          logger,
        }),
        forced.promise.then(() => 'forced' as const),
      ]);
      return await finishAttempt(outcome, job, token);
    } finally {
      forced.dispose();
      this.cancels.untrack(name, id);
    }
  }

  /** The payload re-validated by the worker (schema defaults of this code version applied). */
  private workerPayload(name: string, job: Job): JobPayload<C, JobNameOf<C>> {
    const { catalog } = this.opts;
    const envelope = jobEnvelopeSchema.safeParse(job.data);
    if (!envelope.success) throw new UnrecoverableError('job data is not a freshcast job envelope');
    try {
      // Parsed with this job's schema.
      return parseJobPayload(
        catalog,
        assertJobName(catalog, name),
        envelope.data.payload,
      ) as JobPayload<C, JobNameOf<C>>;
    } catch (err) {
      if (!(err instanceof InvalidJobPayloadError)) throw err;
      const fields = err.issues.map((i) => `${i.field}: ${i.message}`).join('; ');
      throw new UnrecoverableError(`${err.message}: ${fields}`);
    }
  }
}

/** What BullMQ should do with the job after an attempt. */
async function finishAttempt(
  outcome: ExecutionOutcome | 'forced',
  job: Job,
  token: string | undefined,
): Promise<unknown> {
  if (outcome === 'forced') {
    // The processor ignored the shutdown signal: leave the job locked; once the lock expires the
    // stalled check of another worker puts it back in the queue.
    throw new WaitingError();
  }
  switch (outcome.kind) {
    case 'completed':
      return outcome.output ?? null;
    case 'cancelled':
      throw new UnrecoverableError(CANCELLED_MESSAGE);
    case 'handed-back':
      // Back to the head of the queue without using an attempt.
      if (token !== undefined) await job.moveToWait(token);
      throw new WaitingError();
    case 'failed':
      throw outcome.permanent
        ? new UnrecoverableError(outcome.message)
        : new Error(outcome.message);
  }
}

/** A promise settled when `signal` aborts, and a way to stop listening. */
function abortedPromise(signal: AbortSignal): { promise: Promise<void>; dispose: () => void } {
  let onAbort = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    onAbort = () => resolve();
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}

/** True when `p` settles within `ms`. */
function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void p.finally(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
