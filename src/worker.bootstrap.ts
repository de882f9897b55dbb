import { Logger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createAppLogger } from './common/logging/logger.factory.js';
import { secretValuesOf } from './common/logging/redact.js';
import type { AppConfig } from './config/app-config.schema.js';
import { ConfigError, loadConfig } from './config/config.loader.js';
import { describeTfBackend, initTfBackend } from './forecasting/tf/tf-backend.js';
import { TfBackendUnavailableError } from './forecasting/tf/tf-backend.errors.js';
import { assertRedisReachable } from './jobs/bullmq/redis-reachable.js';
import { RoleError } from './jobs/freshcast-role.js';
import { ProcessorRegistrationError, QueueUnavailableError } from './jobs/job.errors.js';
import { startConfigProblem } from './startup/start-config.check.js';
import { installShutdownHandlers } from './jobs/shutdown-signals.js';
import { WorkerHttpServer } from './worker-http.server.js';
import { WorkerModule } from './worker.module.js';

/** A start-up failure of the worker, reported in one line (bad config, no Redis, no tf backend). */
export class WorkerStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerStartError';
  }
}

const EXPECTED = [ConfigError, QueueUnavailableError, ProcessorRegistrationError, RoleError];

export interface StartWorkerOptions {
  /** Config overrides on top of files and environment (e.g. `{ jobs: { concurrency: 2 } }`). */
  overrides?: Record<string, unknown>;
  /** A config the caller loaded already (then `overrides` is not used). */
  config?: AppConfig;
  /** Install SIGTERM/SIGINT handlers that close the worker and exit (default true). */
  handleSignals?: boolean;
}

/**
 * Starts a worker process's job system (`freshcast worker`, FRESHCAST_ROLE=worker): loads the
 * config, initialises the tf backend, connects to Redis and runs every job with the configured
 * concurrency (`jobs.concurrency`); with `jobs.workerPort` (FRESHCAST_WORKER_PORT) set, serves GET
 * /metrics, /health/live and /health/ready on that port (WorkerHttpServer). On SIGTERM/SIGINT it
 * stops taking jobs, finishes or hands back the running ones within `jobs.shutdownGraceMs`, and
 * closes Redis.
 */
export async function startWorkerProcess(
  opts: StartWorkerOptions = {},
): Promise<INestApplicationContext> {
  let config: AppConfig;
  try {
    config = opts.config ?? loadConfig({ overrides: opts.overrides ?? {} });
  } catch (err) {
    if (err instanceof ConfigError) throw new WorkerStartError(err.message);
    throw err;
  }
  const configProblem = await startConfigProblem(config);
  if (configProblem !== undefined) throw new WorkerStartError(configProblem);
  const logger = new Logger('Worker');
  if (config.queue.redisUrl !== '') {
    try {
      await assertRedisReachable(config);
    } catch (err) {
      if (err instanceof QueueUnavailableError) throw new WorkerStartError(err.message);
      throw err;
    }
  }
  try {
    logger.log(describeTfBackend(await initTfBackend(config.forecasting.backend)));
  } catch (err) {
    if (err instanceof TfBackendUnavailableError)
      throw new WorkerStartError(`${err.message} (set FRESHCAST_TF_BACKEND=auto to fall back)`);
    throw err;
  }
  let app: INestApplicationContext;
  try {
    app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
      logger: createAppLogger(config.server, { secrets: secretValuesOf(config) }),
      abortOnError: false,
    });
  } catch (err) {
    if (EXPECTED.some((type) => err instanceof type) && err instanceof Error)
      throw new WorkerStartError(err.message);
    throw err;
  }
  if (config.jobs.workerPort > 0) {
    try {
      await app.get(WorkerHttpServer).listen(config.jobs.workerPort, config.server.host);
    } catch (err) {
      await app.close();
      throw new WorkerStartError(err instanceof Error ? err.message : String(err));
    }
  }
  if (opts.handleSignals !== false) installShutdownHandlers(() => app.close(), { logger });
  return app;
}
