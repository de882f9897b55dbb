import type { LoggerService, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test, type TestingModule } from '@nestjs/testing';
import { configureApp, createApp, initApp } from '../../src/app.factory.js';
import { createHttpAdapter } from '../../src/common/http/http-adapter.factory.js';
import type { AppConfig } from '../../src/config/app-config.schema.js';
import { AppConfigModule } from '../../src/config/config.module.js';
import { testConfig } from './test-config.js';

export { testConfig };

/** The whole API app (`createApp`), initialised, silent; use with `request(app.getHttpServer())`. */
export async function startApp(
  overrides: Record<string, unknown> = {},
): Promise<NestFastifyApplication> {
  return initApp(await createApp(testConfig(overrides), { logger: false }));
}

export interface ModuleAppOptions {
  controllers: Type[];
  providers?: Type[];
  config?: AppConfig;
  logger?: LoggerService | false;
}

/** A small app with the given controllers and the same HTTP set-up as the real one (`configureApp`). */
export async function startModuleApp(opts: ModuleAppOptions): Promise<NestFastifyApplication> {
  const config = opts.config ?? testConfig();
  const moduleRef = await Test.createTestingModule({
    imports: [AppConfigModule.forRoot(config)],
    controllers: opts.controllers,
    providers: opts.providers ?? [],
  }).compile();
  return startCompiledApp(moduleRef, config, opts.logger ?? false);
}

/** An app from a compiled testing module, with the real HTTP set-up (`configureApp`), initialised. */
export async function startCompiledApp(
  moduleRef: TestingModule,
  config: AppConfig,
  logger: LoggerService | false = false,
): Promise<NestFastifyApplication> {
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(config), {
    bodyParser: false,
    logger,
  });
  return initApp(await configureApp(app, config));
}
