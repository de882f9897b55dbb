import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What every log line written in a request or a job carries: the request id (`reqId`) of the HTTP
 * request being handled, or the id and name of the job being run (`jobId`, `jobName`).
 */
export interface LogContext {
  readonly reqId?: string;
  readonly jobId?: string;
  readonly jobName?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** The context of the code running now (set by the request hooks and by job execution). */
export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}

/** Runs `fn` (and whatever it starts, sync or async) with `context` on its log lines. */
export function runWithLogContext<T>(context: LogContext, fn: () => T): T {
  return storage.run(context, fn);
}
