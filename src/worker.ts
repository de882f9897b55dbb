import 'reflect-metadata';
import { startWorkerProcess, WorkerStartError } from './worker.bootstrap.js';

/** The worker process entry (`npm run start:worker`; `freshcast worker` does the same). */
startWorkerProcess().catch((err: unknown) => {
  const message =
    err instanceof WorkerStartError
      ? err.message
      : err instanceof Error
        ? (err.stack ?? err.message)
        : String(err);
  process.stderr.write(`freshcast worker: ${message}\n`);
  process.exit(1);
});
