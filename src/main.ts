import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory.js';
import { ConfigError, loadConfig } from './config/config.loader.js';
import { describeTfBackend, initTfBackend } from './forecasting/tf/tf-backend.js';
import { TfBackendUnavailableError } from './forecasting/tf/tf-backend.errors.js';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`freshcast: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  try {
    new Logger('Bootstrap').log(describeTfBackend(await initTfBackend(config.forecasting.backend)));
  } catch (err) {
    if (err instanceof TfBackendUnavailableError) {
      process.stderr.write(
        `freshcast: ${err.message} (set FRESHCAST_TF_BACKEND=auto to fall back)\n`,
      );
      process.exit(1);
    }
    throw err;
  }
  const app = await createApp(config);
  await app.listen(config.server.port, config.server.host);
  new Logger('Bootstrap').log(`freshcast API listening on ${await app.getUrl()} (docs at /docs)`);
}

bootstrap().catch((err: unknown) => {
  process.stderr.write(
    `freshcast: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
