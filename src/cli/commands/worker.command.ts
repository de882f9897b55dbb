import type { AppConfig } from '../../config/app-config.schema.js';
import { ConfigError, loadConfig } from '../../config/config.loader.js';
import { startWorkerProcess, WorkerStartError } from '../../worker.bootstrap.js';
import { CommandError } from '../cli.errors.js';
import type { CliCommand } from '../command.types.js';
import { optInt } from '../option-readers.js';

/** Where `freshcast worker` reads its configuration before starting (tests pass their own). */
export interface WorkerCommandEnv {
  env?: NodeJS.ProcessEnv;
  configDir?: string;
}

export const WORKER_NEEDS_REDIS =
  'a worker takes its jobs from Redis: set REDIS_URL (or queue.redisUrl in config/*.yaml); ' +
  'without Redis, `freshcast serve` runs the jobs itself';

function checkedConfig(source: WorkerCommandEnv, overrides: Record<string, unknown>): AppConfig {
  try {
    return loadConfig({ env: source.env ?? process.env, dir: source.configDir, overrides });
  } catch (err) {
    if (err instanceof ConfigError) throw new CommandError(err.message);
    throw err;
  }
}

/**
 * `freshcast worker`: a worker process running queued jobs until SIGTERM / Ctrl-C, when it stops
 * taking jobs, finishes or hands back the running ones (jobs.shutdownGraceMs) and exits.
 */
export function workerCommand(source: WorkerCommandEnv = {}): CliCommand {
  return {
    path: ['worker'],
    summary:
      'Start a worker that runs queued jobs (training, batch forecasts...) from Redis; stop it with Ctrl-C or SIGTERM',
    usage: 'freshcast worker [--concurrency N]',
    options: { concurrency: { type: 'string' } },
    async run({ values, io }) {
      const concurrency = optInt(values, 'concurrency', 1, 64);
      const overrides = concurrency === undefined ? {} : { jobs: { concurrency } };
      const config = checkedConfig(source, overrides);
      if (config.queue.redisUrl === '') throw new CommandError(WORKER_NEEDS_REDIS);
      try {
        await startWorkerProcess({ config });
      } catch (err) {
        if (!(err instanceof WorkerStartError)) throw err;
        const needsRedis = err.message.includes('needs REDIS_URL');
        throw new CommandError(needsRedis ? WORKER_NEEDS_REDIS : err.message.split('\n')[0]);
      }
      const shown = config.jobs.concurrency ?? 'per job, from the options table';
      io.err(`worker started (concurrency ${shown}); stop it with Ctrl-C\n`);
      return 0;
    },
  };
}

export const WORKER_COMMAND: CliCommand = workerCommand();
