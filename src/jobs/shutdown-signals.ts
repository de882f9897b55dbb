import type { JobLogger } from './job-logger.js';
import { errorMessage } from '../common/errors/error-message.js';

export interface ShutdownHandlerOptions {
  logger: JobLogger;
  signals?: readonly NodeJS.Signals[];
  exit?: (code: number) => void;
}

/**
 * SIGTERM / SIGINT: run `stop` once (stop taking jobs, finish or hand back the running ones, close
 * Redis), then exit 0 (1 when `stop` fails). A second signal exits at once with 1.
 * Returns a function that removes the handlers.
 */
export function installShutdownHandlers(
  stop: (signal: NodeJS.Signals) => Promise<void>,
  opts: ShutdownHandlerOptions,
): () => void {
  const signals = opts.signals ?? ['SIGTERM', 'SIGINT'];
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) {
      opts.logger.warn(`${signal} again: exiting without waiting`);
      exit(1);
      return;
    }
    stopping = true;
    opts.logger.log(`${signal}: taking no new jobs; finishing or handing back running ones`);
    stop(signal).then(
      () => {
        opts.logger.log('stopped');
        exit(0);
      },
      (err: unknown) => {
        opts.logger.error(`shutdown failed: ${errorMessage(err)}`);
        exit(1);
      },
    );
  };
  for (const s of signals) process.on(s, handler);
  return () => {
    for (const s of signals) process.off(s, handler);
  };
}
