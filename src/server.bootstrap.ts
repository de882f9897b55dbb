import { Logger } from '@nestjs/common';
import { createApp, SHUTDOWN_SIGNALS } from './app.factory.js';
import type { AppConfig } from './config/app-config.schema.js';
import { ConfigError, loadConfig } from './config/config.loader.js';
import { describeTfBackend, initTfBackend } from './forecasting/tf/tf-backend.js';
import { TfBackendUnavailableError } from './forecasting/tf/tf-backend.errors.js';

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

/**
 * Loads the config (files, environment, then `overrides`), initialises the tf backend, builds the API
 * app and listens. Resolves once listening; the app then runs until a shutdown signal.
 */
export async function startServer(overrides: Record<string, unknown> = {}): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig({ overrides });
  } catch (err) {
    if (err instanceof ConfigError) throw new ServerStartError(err.message);
    throw err;
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
  const url = await app.getUrl();
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
}
