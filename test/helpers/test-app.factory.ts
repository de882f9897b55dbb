import type { LoggerService, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { configureApp, createApp } from '../../src/app.factory.js';
import type { AppConfig } from '../../src/config/app-config.schema.js';
import { loadConfig } from '../../src/config/config.loader.js';
import { AppConfigModule } from '../../src/config/config.module.js';

/** The test configuration (config/test.yaml, no environment variables) with `overrides` on top. */
export function testConfig(overrides: Record<string, unknown> = {}): AppConfig {
  return loadConfig({ env: { NODE_ENV: 'test' }, overrides });
}

/** The whole API app (`createApp`), initialised, silent; use with `request(app.getHttpServer())`. */
export async function startApp(
  overrides: Record<string, unknown> = {},
): Promise<NestExpressApplication> {
  const app = await createApp(testConfig(overrides), { logger: false });
  await app.init();
  return app;
}

export interface ModuleAppOptions {
  controllers: Type[];
  providers?: Type[];
  config?: AppConfig;
  logger?: LoggerService | false;
}

/** A small app with the given controllers and the same HTTP set-up as the real one (`configureApp`). */
export async function startModuleApp(opts: ModuleAppOptions): Promise<NestExpressApplication> {
  const config = opts.config ?? testConfig();
  const moduleRef = await Test.createTestingModule({
    imports: [AppConfigModule.forRoot(config)],
    controllers: opts.controllers,
    providers: opts.providers ?? [],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    bodyParser: false,
    logger: opts.logger ?? false,
  });
  configureApp(app, config);
  await app.init();
  return app;
}
