import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createAppLogger } from './common/logging/logger.factory.js';
import { ConfigError, loadConfig } from './config/config.loader.js';
import { RoleError } from './jobs/freshcast-role.js';
import { ProcessorRegistrationError, QueueUnavailableError } from './jobs/job.errors.js';
import { installShutdownHandlers } from './jobs/shutdown-signals.js';
import { WorkerModule } from './jobs/worker.module.js';

/**
 * The worker process (`freshcast worker`, FRESHCAST_ROLE=worker): connects to Redis, registers the
 * processors of src/jobs/processors, runs jobs with the configured concurrency (`jobs.concurrency`),
 * and on SIGTERM/SIGINT stops taking jobs, finishes or hands back the running ones within
 * `jobs.shutdownGraceMs`, and closes Redis.
 */
async function startWorker(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: createAppLogger(config.server),
    abortOnError: false,
  });
  installShutdownHandlers(() => app.close(), { logger: new Logger('Worker') });
}

const EXPECTED = [ConfigError, QueueUnavailableError, ProcessorRegistrationError, RoleError];

startWorker().catch((err: unknown) => {
  if (EXPECTED.some((type) => err instanceof type) && err instanceof Error) {
    process.stderr.write(`freshcast worker: ${err.message}\n`);
  } else {
    process.stderr.write(
      `freshcast worker: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  }
  process.exit(1);
});
