import { randomBytes } from 'node:crypto';
import type { FreshcastJobCatalog } from '../job-catalog.js';
import type { JobCatalog, JobNameOf, JobPayload, JobPayloadInput } from '../job-catalog.types.js';
import { executeJob, type ExecutionOutcome } from '../job-execution.js';
import { idempotentJobId, newJobId } from '../job-id.js';
import { defaultJobLogger, type JobLogger } from '../job-logger.js';
import type { JobHandler } from '../job-processor.types.js';
import {
  idempotencyScopeOf,
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
} from '../job-queue.port.js';
import { isResultPointer } from '../job-result.pointer.js';
import { backoffDelayMs, effectiveJobOptions } from '../job-settings.js';
import {
  assertJobName,
  catalogNames,
  checkIdempotencyKey,
  parseJobPayload,
  stableJson,
} from '../job-submission.js';
import {
  CANCELLED_MESSAGE,
  IdempotencyConflictError,
  QueueUnavailableError,
  TooManyQueuedJobsError,
} from '../job.errors.js';
import type { JobRuntimeSettings } from '../../config/jobs.config.js';
import { ProcessorRegistry } from '../processor-registry.js';
import { InProcessSchedules } from './in-process-schedules.js';
import { JobEventListeners } from './job-event-listeners.js';
import {
  InProcessJobRecords,
  inProcessJobView,
  newJobRecord,
  type InProcessJobRecord,
} from './in-process-job.record.js';

export interface InProcessJobQueueOptions<C extends JobCatalog> {
  catalog: C;
  settings: JobRuntimeSettings;
  logger?: JobLogger;
}

/**
 * The job system in memory, for running without Redis: same API and behaviour as the BullMQ adapter
 * (concurrency, retries with backoff, idempotency, cancellation, progress, retention) but NOT durable:
 * queued and running jobs are lost when the process stops.
 */
export class InProcessJobQueue<C extends JobCatalog = FreshcastJobCatalog> implements JobSystem<C> {
  readonly mode = 'in-process' as const;
  readonly durable = false;

  private readonly catalog: C;
  private readonly settings: JobRuntimeSettings;
  private readonly logger: JobLogger;
  private readonly registry: ProcessorRegistry<C>;
  private readonly records = new InProcessJobRecords();
  private readonly waiting = new Map<string, string[]>();
  private readonly running = new Map<string, Set<string>>();
  private readonly events: JobEventListeners;
  private readonly shutdown = new AbortController();
  /** Keyed job ids are an HMAC under this (jobs live as long as the process, so may the secret). */
  private readonly idSecret = randomBytes(32);
  private readonly schedules: InProcessSchedules<C>;
  private readonly idleWaiters = new Set<() => void>();
  private processingNames = new Set<string>();
  private closing = false;
  private closed: Promise<void> | undefined;

  constructor(opts: InProcessJobQueueOptions<C>) {
    this.catalog = opts.catalog;
    this.settings = opts.settings;
    this.logger = opts.logger ?? defaultJobLogger(InProcessJobQueue.name);
    this.registry = new ProcessorRegistry(opts.catalog);
    this.events = new JobEventListeners(this.logger);
    this.schedules = new InProcessSchedules(
      opts.catalog,
      (name, payload) => this.submit(name, payload),
      this.logger,
    );
    for (const name of catalogNames(opts.catalog)) {
      this.waiting.set(name, []);
      this.running.set(name, new Set());
    }
  }

  get processing(): boolean {
    return this.processingNames.size > 0 && !this.closing;
  }

  add<N extends JobNameOf<C>>(
    name: N,
    payload: JobPayloadInput<C, N>,
    opts?: AddJobOptions,
  ): Promise<AddJobResult> {
    return this.submit(name, payload, opts);
  }

  submit(name: string, payload: unknown, opts: AddJobOptions = {}): Promise<AddJobResult> {
    return Promise.resolve().then(() => {
      if (this.closing) throw new QueueUnavailableError('the job queue is shutting down');
      const jobName = assertJobName(this.catalog, name);
      const parsed = parseJobPayload(this.catalog, jobName, payload);
      const key = checkIdempotencyKey(jobName, opts.idempotencyKey);
      const id =
        key === undefined
          ? newJobId(jobName)
          : idempotentJobId(jobName, key, idempotencyScopeOf(opts), this.idSecret);
      const existing = this.records.get(id);
      if (existing !== undefined) {
        if (stableJson(existing.payload) !== stableJson(parsed))
          throw new IdempotencyConflictError(id);
        return { id, deduplicated: true };
      }
      const client = idempotencyScopeOf(opts);
      // Counted and added in one synchronous step: concurrent submissions cannot both pass.
      if (opts.maxQueued !== undefined && this.records.queued(jobName, client) >= opts.maxQueued) {
        throw new TooManyQueuedJobsError(opts.maxQueued);
      }
      const options = effectiveJobOptions(this.catalog, this.settings, jobName);
      const rec = newJobRecord({
        id,
        name: jobName,
        payload: parsed,
        submittedBy: opts.submittedBy ?? null,
        client,
        maxAttempts: options.attempts,
      });
      this.records.add(rec);
      this.enqueue(rec);
      return { id, deduplicated: false };
    });
  }

  get(id: string): Promise<JobView<C> | null> {
    const rec = this.records.get(id);
    return Promise.resolve(rec === undefined ? null : inProcessJobView<C>(rec));
  }

  list(opts: ListJobsOptions<C> = {}): Promise<JobView<C>[]> {
    return Promise.resolve(this.records.list<C>(opts));
  }

  cancel(id: string): Promise<CancelOutcome> {
    const rec = this.records.get(id);
    if (rec === undefined) return Promise.resolve('not-found');
    switch (rec.state) {
      case 'waiting':
      case 'delayed': {
        const queue = this.waiting.get(rec.name) ?? [];
        const at = queue.indexOf(rec.id);
        if (at >= 0) queue.splice(at, 1);
        if (rec.retryTimer !== null) clearTimeout(rec.retryTimer);
        rec.retryTimer = null;
        this.finish(rec, 'cancelled', CANCELLED_MESSAGE);
        return Promise.resolve('cancelled');
      }
      case 'active':
        rec.cancel?.abort();
        return Promise.resolve('cancelling');
      default:
        return Promise.resolve('finished');
    }
  }

  onEvent(listener: JobEventListener): Promise<() => void> {
    return Promise.resolve(this.events.add(listener));
  }

  health(): Promise<QueueHealth> {
    return Promise.resolve({
      mode: this.mode,
      durable: false,
      ok: !this.closing,
      detail: this.closing
        ? 'in-process job queue is shut down'
        : 'jobs run in-process (not durable): they are lost when the process stops',
    });
  }

  registerProcessor<N extends JobNameOf<C>>(name: N, handler: JobHandler<C, N>): void {
    this.registry.register(name, handler);
  }

  startProcessing(opts: StartProcessingOptions<C> = {}): Promise<void> {
    return Promise.resolve().then(() => {
      if (this.closing) throw new QueueUnavailableError('the job queue is shutting down');
      const names = opts.names ?? catalogNames(this.catalog);
      this.registry.assertComplete(names);
      this.processingNames = new Set(names);
      for (const name of names) this.pump(name);
    });
  }

  syncSchedules(schedules: readonly JobScheduleSpec<C>[]): Promise<void> {
    return Promise.resolve().then(() => this.schedules.sync(schedules));
  }

  listSchedules(): Promise<ScheduledJobInfo[]> {
    return Promise.resolve(this.schedules.list());
  }

  close(opts: CloseOptions = {}): Promise<void> {
    this.closed ??= this.doClose(opts.graceMs ?? this.settings.shutdownGraceMs);
    return this.closed;
  }

  private async doClose(graceMs: number): Promise<void> {
    this.closing = true;
    this.schedules.clear();
    if (!(await this.waitIdle(graceMs))) {
      this.shutdown.abort();
      if (!(await this.waitIdle(this.settings.handBackMs))) {
        this.logger.warn(`${this.runningCount()} job(s) did not stop after the shutdown signal`);
      }
    }
    let dropped = 0;
    for (const rec of this.records.values()) {
      if (rec.retryTimer !== null) clearTimeout(rec.retryTimer);
      if (rec.state === 'waiting' || rec.state === 'delayed') dropped += 1;
    }
    if (dropped > 0) {
      this.logger.warn(`${dropped} queued job(s) dropped: in-process jobs are not durable`);
    }
    this.events.clear();
  }

  counts(): Promise<QueueCounts> {
    return Promise.resolve(this.records.counts(catalogNames(this.catalog)));
  }

  private enqueue(rec: InProcessJobRecord, front = false): void {
    rec.state = 'waiting';
    const queue = this.waiting.get(rec.name) ?? [];
    if (front) queue.unshift(rec.id);
    else queue.push(rec.id);
    this.events.emit({ type: 'waiting', id: rec.id, name: rec.name });
    this.pump(rec.name);
  }

  private pump(name: string): void {
    if (this.closing || !this.processingNames.has(name)) return;
    const queue = this.waiting.get(name) ?? [];
    const running = this.running.get(name) ?? new Set<string>();
    const limit = effectiveJobOptions(this.catalog, this.settings, name).concurrency;
    while (running.size < limit && queue.length > 0) {
      const rec = this.records.get(queue.shift() ?? '');
      if (rec?.state !== 'waiting') continue;
      running.add(rec.id);
      void this.run(rec).catch((err: unknown) => {
        this.logger.error(`job ${rec.id} crashed the in-process runner: ${String(err)}`);
      });
    }
  }

  private async run(rec: InProcessJobRecord): Promise<void> {
    const handler = this.registry.get(rec.name);
    const options = effectiveJobOptions(this.catalog, this.settings, rec.name);
    const cancel = new AbortController();
    rec.state = 'active';
    rec.startedAt = Date.now();
    rec.cancel = cancel;
    this.events.emit({ type: 'active', id: rec.id, name: rec.name });
    let outcome: ExecutionOutcome;
    if (handler === undefined) {
      outcome = { kind: 'failed', message: `no processor for job ${rec.name}`, permanent: true };
    } else {
      outcome = await executeJob({
        id: rec.id,
        name: rec.name,
        // The payload was parsed with this job's schema at submit.
        payload: rec.payload as JobPayload<C, JobNameOf<C>>,
        attempt: rec.attemptsMade + 1,
        maxAttempts: options.attempts,
        timeoutMs: options.timeoutMs,
        handler,
        cancelSignal: cancel.signal,
        shutdownSignal: this.shutdown.signal,
        writeProgress: (p) => {
          rec.progress = p;
          this.events.emit({
            type: 'progress',
            id: rec.id,
            name: rec.name,
            progress: p.percent,
            stage: p.stage,
          });
          return Promise.resolve();
        },
        writeLog: () => Promise.resolve(),
        logger: this.logger,
      });
    }
    rec.cancel = null;
    this.running.get(rec.name)?.delete(rec.id);
    this.settle(rec, outcome);
    for (const notify of [...this.idleWaiters]) notify();
    this.pump(rec.name);
  }

  private settle(rec: InProcessJobRecord, outcome: ExecutionOutcome): void {
    switch (outcome.kind) {
      case 'completed':
        rec.attemptsMade += 1;
        if (isResultPointer(outcome.output)) rec.resultPointer = outcome.output.pointer;
        else rec.result = outcome.output ?? null;
        rec.error = null;
        this.finish(rec, 'completed', null);
        return;
      case 'cancelled':
        rec.attemptsMade += 1;
        this.finish(rec, 'cancelled', CANCELLED_MESSAGE);
        return;
      case 'handed-back':
        this.enqueue(rec, true);
        return;
      case 'failed': {
        rec.attemptsMade += 1;
        rec.error = outcome.message;
        const options = effectiveJobOptions(this.catalog, this.settings, rec.name);
        if (outcome.permanent || rec.attemptsMade >= options.attempts) {
          this.finish(rec, 'failed', outcome.message);
          return;
        }
        rec.state = 'delayed';
        this.events.emit({ type: 'delayed', id: rec.id, name: rec.name, error: outcome.message });
        rec.retryTimer = setTimeout(
          () => {
            rec.retryTimer = null;
            if (rec.state === 'delayed' && !this.closing) this.enqueue(rec);
          },
          backoffDelayMs(options, rec.attemptsMade),
        );
        return;
      }
    }
  }

  private finish(
    rec: InProcessJobRecord,
    state: 'completed' | 'failed' | 'cancelled',
    error: string | null,
  ): void {
    rec.state = state;
    rec.error = error;
    rec.finishedAt = Date.now();
    this.events.emit(
      state === 'failed' && error !== null
        ? { type: state, id: rec.id, name: rec.name, error }
        : { type: state, id: rec.id, name: rec.name },
    );
    const options = effectiveJobOptions(this.catalog, this.settings, rec.name);
    if (state === 'completed') this.records.prune(rec.name, 'completed', options.keepCompleted);
    else this.records.prune(rec.name, 'failed', options.keepFailed);
  }

  private runningCount(): number {
    let n = 0;
    for (const set of this.running.values()) n += set.size;
    return n;
  }

  /** Resolves true once no job runs, false after `ms`. */
  private waitIdle(ms: number): Promise<boolean> {
    if (this.runningCount() === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (idle: boolean): void => {
        clearTimeout(timer);
        this.idleWaiters.delete(check);
        resolve(idle);
      };
      const check = (): void => {
        if (this.runningCount() === 0) done(true);
      };
      const timer = setTimeout(() => done(false), ms);
      this.idleWaiters.add(check);
    });
  }
}
