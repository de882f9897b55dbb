import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import { createApp, SHUTDOWN_SIGNALS } from './app.factory.js';
import type { AppConfig } from './config/app-config.schema.js';
import { ConfigError, loadConfig } from './config/config.loader.js';
import { describeTfBackend, initTfBackend } from './forecasting/tf/tf-backend.js';
import { TfBackendUnavailableError } from './forecasting/tf/tf-backend.errors.js';
import { assertRedisReachable } from './jobs/bullmq/redis-reachable.js';
import { QueueUnavailableError } from './jobs/job.errors.js';
import { startConfigProblem } from './startup/start-config.check.js';

/** A start-up failure the caller reports in one line (bad config, unavailable tf backend). */
export class ServerStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServerStartError';
  }
}

/** The port the API listens on: `sagemaker.port` (8080) in SageMaker mode, else `server.port`. */
export function listenPort(config: AppConfig): number {
  return config.sagemaker.enabled ? config.sagemaker.port : config.server.port;
}

/** The address the server is bound to, as a URL (`http://0.0.0.0:3000` when on every interface). */
export function boundUrl(address: AddressInfo | string | null): string {
  if (address === null) return '(not listening)';
  if (typeof address === 'string') return address;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/**
 * Loads the config (files, environment, then `overrides`; the configured default and price kinds known,
 * scheduled jobs' kinds and params checked as a submission's are), checks that Redis answers when
 * `queue.redisUrl` is set (else one clear line, before anything connects to it), initialises the tf
 * backend, builds the API app and listens. Resolves with the app once listening; it then runs until
 * a shutdown signal.
 */
export async function startServer(
  overrides: Record<string, unknown> = {},
): Promise<NestFastifyApplication> {
  let config: AppConfig;
  try {
    config = loadConfig({ overrides });
  } catch (err) {
    if (err instanceof ConfigError) throw new ServerStartError(err.message);
    throw err;
  }
  const configProblem = await startConfigProblem(config);
  if (configProblem !== undefined) throw new ServerStartError(configProblem);
  if (config.queue.redisUrl !== '') {
    try {
      await assertRedisReachable(config);
    } catch (err) {
      if (err instanceof QueueUnavailableError) throw new ServerStartError(err.message);
      throw err;
    }
  }
  const logger = new Logger('Bootstrap');
  try {
    logger.log(describeTfBackend(await initTfBackend(config.forecasting.backend)));
  } catch (err) {
    if (err instanceof TfBackendUnavailableError)
      throw new ServerStartError(`${err.message} (set FRESHCAST_TF_BACKEND=auto to fall back)`);
    throw err;
  }
  const app = await createApp(config);
  await app.listen(listenPort(config), config.server.host);
  // The address really bound (Nest's getUrl() says 127.0.0.1 for 0.0.0.0).
  const url = boundUrl(app.getHttpServer().address());
  logger.log(
    config.sagemaker.enabled
      ? `freshcast SageMaker container listening on ${url} (GET /ping, POST /invocations; model from ${config.sagemaker.modelDir})`
      : `freshcast API listening on ${url} (docs at /docs)`,
  );
  // Nest's shutdown hooks close the app on these; say so, since running jobs may take a while.
  for (const signal of SHUTDOWN_SIGNALS) {
    process.once(signal, () =>
      logger.log(
        `${signal}: closing; running jobs finish or go back to the queue (jobs.shutdownGraceMs), then exit`,
      ),
    );
  }
  return app;
}
