import { setTimeout as sleep } from 'node:timers/promises';
import { executeJob, type ProgressRecord } from '../../../src/jobs/job-execution.js';
import {
  JobCancelledError,
  JobTimeoutError,
  PermanentJobError,
  WorkerShutdownError,
} from '../../../src/jobs/job.errors.js';
import type { JobContext } from '../../../src/jobs/job-processor.types.js';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

function run(
  handler: (ctx: JobContext<{ n: number }>) => Promise<unknown>,
  over: { timeoutMs?: number; cancel?: AbortController; shutdown?: AbortController } = {},
) {
  const writes: ProgressRecord[] = [];
  const outcome = executeJob({
    id: 'j.1',
    name: 'j',
    payload: { n: 1 },
    attempt: 2,
    maxAttempts: 3,
    timeoutMs: over.timeoutMs ?? 0,
    handler,
    cancelSignal: (over.cancel ?? new AbortController()).signal,
    shutdownSignal: (over.shutdown ?? new AbortController()).signal,
    writeProgress: async (p) => {
      await sleep(5);
      writes.push(p);
    },
    writeLog: () => Promise.resolve(),
    logger: quiet,
  });
  return { outcome, writes };
}

describe('executeJob', () => {
  it('gives the processor its payload and attempt, and returns its result', async () => {
    const { outcome } = run((ctx) => Promise.resolve({ got: ctx.payload.n, attempt: ctx.attempt }));
    expect(await outcome).toEqual({ kind: 'completed', output: { got: 1, attempt: 2 } });
  });

  it('tells permanent failures from transient ones', async () => {
    expect(await run(() => Promise.reject(new PermanentJobError('bad input'))).outcome).toEqual({
      kind: 'failed',
      message: 'bad input',
      permanent: true,
    });
    expect(await run(() => Promise.reject(new Error('network'))).outcome).toEqual({
      kind: 'failed',
      message: 'network',
      permanent: false,
    });
    expect(
      await run(() => Promise.reject(new Error('cancelled on request'))).outcome,
    ).toMatchObject({
      message: 'processor error: cancelled on request',
    });
  });

  it('aborts the signal on cancel (reason JobCancelledError) and reports cancelled', async () => {
    const cancel = new AbortController();
    let reason: unknown;
    const { outcome } = run(
      async (ctx) => {
        queueMicrotask(() => cancel.abort()); // once it waits on its signal
        await sleep(10_000, undefined, { signal: ctx.signal }).catch((e: unknown) => {
          reason = ctx.signal.reason;
          throw e;
        });
      },
      { cancel },
    );
    expect(await outcome).toEqual({ kind: 'cancelled' });
    expect(reason).toBeInstanceOf(JobCancelledError);
  });

  it('hands the job back on shutdown, and never starts it once shutting down', async () => {
    const shutdown = new AbortController();
    let reason: unknown;
    const { outcome } = run(
      async (ctx) => {
        queueMicrotask(() => shutdown.abort()); // once it waits on its signal
        await sleep(10_000, undefined, { signal: ctx.signal }).catch((e: unknown) => {
          reason = ctx.signal.reason;
          throw e;
        });
      },
      { shutdown },
    );
    expect(await outcome).toEqual({ kind: 'handed-back' });
    expect(reason).toBeInstanceOf(WorkerShutdownError);
    let ran = false;
    const again = run(
      () => {
        ran = true;
        return Promise.resolve();
      },
      { shutdown },
    );
    expect(await again.outcome).toEqual({ kind: 'handed-back' });
    expect(ran).toBe(false);
  });

  it('fails an attempt past its timeout even when the processor ignores the signal', async () => {
    // The processor ignores its signal: it carries on until the test releases it, once the outcome is in.
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let reason: Promise<unknown> = Promise.resolve();
    const { outcome } = run(
      (ctx) => {
        reason = released.then((): unknown => ctx.signal.reason);
        return reason;
      },
      { timeoutMs: 30 },
    );
    expect(await outcome).toEqual({
      kind: 'failed',
      message: 'attempt exceeded its timeout of 30 ms',
      permanent: false,
    });
    release();
    expect(await reason).toBeInstanceOf(JobTimeoutError);
  });

  it('writes progress in order, clamped; reports made before a write starts coalesce (latest wins)', async () => {
    const { outcome, writes } = run(async (ctx) => {
      await ctx.progress(5, 'a');
      void ctx.progress(10, 'b');
      void ctx.progress(20, 'c');
      await ctx.progress(250, 'd', { epoch: 3, loss: 0.25 });
      void ctx.progress(-5, 'e');
      return 'ok';
    });
    expect(await outcome).toEqual({ kind: 'completed', output: 'ok' });
    expect(writes.map((w) => w.stage)).toEqual(['a', 'd', 'e']);
    expect(writes[1]).toEqual({ percent: 100, stage: 'd', detail: { epoch: 3, loss: 0.25 } });
    expect(writes[2].percent).toBe(0);
  });
});
