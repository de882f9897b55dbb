import { runWithLogContext } from '../common/logging/log-context.js';
import type { JsonValue } from './job-catalog.types.js';
import {
  CANCELLED_MESSAGE,
  isPermanentJobError,
  JobCancelledError,
  JobTimeoutError,
  WorkerShutdownError,
} from './job.errors.js';
import type { JobContext } from './job-processor.types.js';
import type { JobLogger } from './job-logger.js';
import { errorMessage } from '../common/errors/error-message.js';

/** Progress as stored on a job. */
export interface ProgressRecord {
  percent: number;
  stage: string;
  detail: Record<string, JsonValue> | null;
}

export type ExecutionOutcome =
  | { kind: 'completed'; output: unknown }
  /** The job was cancelled and its processor stopped. */
  | { kind: 'cancelled' }
  /** The worker is shutting down and the processor stopped: the job goes back to the queue. */
  | { kind: 'handed-back' }
  | { kind: 'failed'; message: string; permanent: boolean };

export interface ExecuteJobArgs<P> {
  id: string;
  name: string;
  payload: P;
  attempt: number;
  maxAttempts: number;
  timeoutMs: number;
  handler: (ctx: JobContext<P>) => Promise<unknown>;
  /** Aborted (reason JobCancelledError) when the job is cancelled. */
  cancelSignal: AbortSignal;
  /** Aborted (reason WorkerShutdownError) when the worker must hand running jobs back. */
  shutdownSignal: AbortSignal;
  writeProgress: (progress: ProgressRecord) => Promise<unknown>;
  writeLog: (line: string) => Promise<unknown>;
  logger: JobLogger;
}

/**
 * Runs one attempt of a job the same way in both adapters: builds the processor's context (signal,
 * progress, log), enforces the timeout, and classifies the outcome. Every line logged while it runs
 * carries the job's id and name (`jobId`, `jobName`).
 */
export function executeJob<P>(args: ExecuteJobArgs<P>): Promise<ExecutionOutcome> {
  return runWithLogContext({ jobId: args.id, jobName: args.name }, () => executeAttempt(args));
}

async function executeAttempt<P>(args: ExecuteJobArgs<P>): Promise<ExecutionOutcome> {
  const controller = new AbortController();
  const onCancel = (): void => controller.abort(new JobCancelledError());
  const onShutdown = (): void => controller.abort(new WorkerShutdownError());
  if (args.cancelSignal.aborted) return { kind: 'cancelled' };
  if (args.shutdownSignal.aborted) return { kind: 'handed-back' };
  args.cancelSignal.addEventListener('abort', onCancel, { once: true });
  args.shutdownSignal.addEventListener('abort', onShutdown, { once: true });

  const progress = new ProgressWriter(args.writeProgress, args.logger, args.id);
  const ctx: JobContext<P> = {
    id: args.id,
    name: args.name,
    payload: args.payload,
    attempt: args.attempt,
    maxAttempts: args.maxAttempts,
    signal: controller.signal,
    progress: (percent, stage, detail) =>
      progress.report({ percent: clampPercent(percent), stage, detail: detail ?? null }),
    log: (message) => {
      args.logger.log(`[${args.name} ${args.id}] ${message}`);
      args.writeLog(message).catch(() => undefined);
    },
  };

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    if (args.timeoutMs > 0) {
      timer = setTimeout(() => {
        controller.abort(new JobTimeoutError(args.timeoutMs));
        resolve('timeout');
      }, args.timeoutMs);
    }
  });

  try {
    const run = Promise.resolve()
      .then(() => args.handler(ctx))
      .then(
        (output): ExecutionOutcome => ({ kind: 'completed', output }),
        (err: unknown) => classifyFailure(err, controller.signal),
      );
    const first = await Promise.race([run, timedOut]);
    await progress.flush();
    if (first === 'timeout') {
      return {
        kind: 'failed',
        message: new JobTimeoutError(args.timeoutMs).message,
        permanent: false,
      };
    }
    return first;
  } finally {
    clearTimeout(timer);
    args.cancelSignal.removeEventListener('abort', onCancel);
    args.shutdownSignal.removeEventListener('abort', onShutdown);
  }
}

function classifyFailure(err: unknown, signal: AbortSignal): ExecutionOutcome {
  const reason: unknown = signal.aborted ? signal.reason : undefined;
  if (reason instanceof JobCancelledError) return { kind: 'cancelled' };
  if (reason instanceof WorkerShutdownError) return { kind: 'handed-back' };
  let message = errorMessage(err);
  // Keep the cancelled marker for real cancellations only.
  if (message === CANCELLED_MESSAGE) message = `processor error: ${message}`;
  return {
    kind: 'failed',
    message: message || 'processor failed',
    permanent: isPermanentJobError(err),
  };
}

function clampPercent(p: number): number {
  if (!Number.isFinite(p)) return 0;
  return Math.min(100, Math.max(0, Math.round(p * 10) / 10));
}

/** Writes progress in order, latest wins: reports made while a write is in flight coalesce. */
class ProgressWriter {
  private pending: ProgressRecord | undefined;
  private chain: Promise<void> = Promise.resolve();
  private warned = false;

  constructor(
    private readonly write: (p: ProgressRecord) => Promise<unknown>,
    private readonly logger: JobLogger,
    private readonly jobId: string,
  ) {}

  report(p: ProgressRecord): Promise<void> {
    const scheduled = this.pending !== undefined;
    this.pending = p;
    if (!scheduled) {
      this.chain = this.chain.then(async () => {
        const next = this.pending;
        this.pending = undefined;
        if (next === undefined) return;
        try {
          await this.write(next);
        } catch (err) {
          if (!this.warned) {
            this.warned = true;
            this.logger.warn(`progress of job ${this.jobId} not saved: ${String(err)}`);
          }
        }
      });
    }
    return this.chain;
  }

  flush(): Promise<void> {
    return this.chain;
  }
}
